"""The Airflow DAG with a real Airflow (pip-installed, SQLite metadata DB in a temporary home):
it imports without errors, its task graph is the documented one, and dag.test() for a sample
day runs the real jobs through SparkSubmitOperator on local Spark and produces the tables; a
rerun of the day leaves the same tables, and a missing jar fails the run visibly."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from conftest import ROOT, SAMPLES, env, run
from warehouse_compare import differences, row_counts

DAGS = ROOT / "scripts" / "airflow"
DAY = "2020-04-22"


@pytest.fixture(scope="module")
def airflow_env(tmp_path_factory, jar):
    home = tmp_path_factory.mktemp("airflow")
    e = env()
    e.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home}/airflow.db",
        AIRFLOW__CORE__UNIT_TEST_MODE="False",
        AIRFLOW_CONN_MARSAD_SPARK=json.dumps({"conn_type": "spark", "host": "local[2]"}),
        MARSAD_HOME=str(ROOT),
        AIRFLOW_VAR_MARSAD_INPUT=str(SAMPLES),
    )
    run([sys.executable, "-m", "airflow", "db", "migrate"], env=e, timeout=600)
    return e


def airflow(e, *args: str, timeout: int = 1800) -> dict:
    p = run([sys.executable, str(ROOT / "scripts/tests/airflow_run.py"), "--dags", str(DAGS), *args],
            env=e, timeout=timeout)
    line = [l for l in p.stdout.splitlines() if l.startswith("AIRFLOW-RESULT ")][-1]
    return json.loads(line.split(" ", 1)[1])


def test_dag_imports_and_has_the_documented_graph(airflow_env):
    r = airflow(airflow_env)
    assert r["import_errors"] == {}
    assert r["dags"] == ["marsad_daily"]
    assert r["graph"] == {
        "ingest": ["extract"],
        "extract": ["cooccur", "trends"],
        "trends": ["events"],
        "cooccur": ["events"],
        "events": [],
    }
    assert r["schedule"] == "@daily"
    assert set(r["retries"].values()) == {2}


def test_a_day_runs_the_real_jobs_and_a_rerun_changes_nothing(airflow_env, tmp_path):
    wh = tmp_path / "warehouse"
    e = dict(airflow_env, AIRFLOW_VAR_MARSAD_WAREHOUSE=str(wh))
    r = airflow(e, "--day", DAY)
    assert r["state"] == "success", r
    assert set(r["tasks"].values()) == {"success"}
    counts = row_counts(str(wh))
    for table in ("articles", "mentions", "entity_trends", "cooccurrence", "event_windows"):
        assert counts.get(table, 0) > 0, (table, counts)
    # Only the run's day was ingested (--from/--to {{ ds }}).
    days = {p.name for p in (wh / "mentions").glob("pub_date=*")}
    assert days == {f"pub_date={DAY}"}
    first = tmp_path / "first"
    shutil.copytree(wh, first)
    r = airflow(e, "--day", DAY)
    assert r["state"] == "success", r
    assert {t: d for t, d in differences(str(first), str(wh)).items() if d} == {}


def test_two_days_each_read_only_their_own_files(airflow_env, tmp_path):
    """marsad_input with a date field ({ds}): each daily run ingests only its day's folder."""
    dumps = tmp_path / "dumps"
    for line in (SAMPLES / "jsonl" / "example-news-2020-04.jsonl").read_text("utf-8").splitlines():
        try:
            day = str(json.loads(line).get("date", ""))[:10]
        except ValueError:
            continue
        if day in ("2020-04-21", "2020-04-22"):
            folder = dumps / day
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "news.jsonl", "a", encoding="utf-8") as f:
                f.write(line + "\n")
    assert sorted(p.name for p in dumps.iterdir()) == ["2020-04-21", "2020-04-22"]
    wh = tmp_path / "warehouse"
    e = dict(airflow_env, AIRFLOW_VAR_MARSAD_WAREHOUSE=str(wh),
             AIRFLOW_VAR_MARSAD_INPUT=str(dumps / "{ds}" / "*.jsonl"))
    for day in ("2020-04-21", "2020-04-22"):
        r = airflow(e, "--day", day, "--no-retries")
        assert r["state"] == "success", (day, r["tasks"])
    reports = sorted((wh / "_runs").glob("ingest-*.json"))
    assert len(reports) == 2, reports
    inputs = [json.loads(p.read_text("utf-8"))["inputs"] for p in reports]
    assert inputs == [[f"file:{dumps}/2020-04-21/news.jsonl"], [f"file:{dumps}/2020-04-22/news.jsonl"]]
    days = {p.name for p in (wh / "articles").glob("*/pub_date=*")}
    assert days == {"pub_date=2020-04-21", "pub_date=2020-04-22"}, days


def test_a_missing_jar_fails_the_run(airflow_env, tmp_path):
    e = dict(airflow_env, AIRFLOW_VAR_MARSAD_WAREHOUSE=str(tmp_path / "wh"))
    conf = json.dumps({"jar": str(tmp_path / "no-such.jar")})
    r = airflow(e, "--day", DAY, "--conf", conf, "--no-retries")
    assert r["state"] == "failed", r
    assert r["tasks"]["ingest"] == "failed"
    assert r["tasks"]["extract"] in ("upstream_failed", "None")
