"""spark-submit on a real standalone cluster (a master and two workers as separate processes):
the whole pipeline gives exactly the tables of a local run, on the samples and on a real dump."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, SAMPLES, env, free_port, run, shared, submit
from warehouse_compare import differences, row_counts


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, jar):
    state = tmp_path_factory.mktemp("cluster")
    e = env()
    e["MARSAD_CLUSTER_DIR"] = str(state)
    port, ui = free_port(), free_port()
    start = ["scripts/cluster", "start", "--workers", "2", "--port", str(port),
             "--ui-port", str(ui), "--worker-memory", "2g"]
    try:
        run(start, env=e, timeout=180)
        yield f"spark://127.0.0.1:{port}"
    finally:
        # Stopped even when a test or the start failed: no JVM outlives the tier.
        run(["scripts/cluster", "stop"], env=e, check=False, timeout=60)


def pipeline(master: str, warehouse, *input_args: str):
    return submit("pipeline", *input_args, "--warehouse", str(warehouse), master=master)


def assert_same_tables(local, clustered):
    diffs = differences(str(local), str(clustered))
    assert {t for t in diffs} >= {
        "articles", "rejects", "mentions", "article_units", "entity_trends",
        "cooccurrence", "entity_sets", "event_windows",
    }
    assert {t: d for t, d in diffs.items() if d} == {}


def test_samples_on_the_cluster_equal_a_local_run(cluster, tmp_path):
    out = pipeline(cluster, tmp_path / "cluster", "--input", str(SAMPLES))
    assert "24 records read -> 16 articles, 8 rejects" in out.stdout
    pipeline("local[2]", tmp_path / "local", "--input", str(SAMPLES))
    assert_same_tables(tmp_path / "local", tmp_path / "cluster")
    # The comparison itself can fail: one day of mentions less is seen.
    broken = tmp_path / "broken"
    shutil.copytree(tmp_path / "local", broken)
    day = sorted((broken / "mentions").glob("pub_date=*"))[0]
    shutil.rmtree(day)
    assert differences(str(tmp_path / "local"), str(broken))["mentions"] != ""


def test_a_real_dump_on_the_cluster_equals_a_local_run(cluster, tmp_path):
    snn = shared("saudinewsnet")
    args = ("--source", "saudinewsnet", "--input", f"{snn}/*.json.gz")
    pipeline(cluster, tmp_path / "cluster", *args)
    pipeline("local[2]", tmp_path / "local", *args)
    assert row_counts(str(tmp_path / "local"))["articles"] == 30_655
    assert_same_tables(tmp_path / "local", tmp_path / "cluster")
