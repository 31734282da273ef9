"""scripts/submit's bad input: one line and a non-zero exit before any Spark work."""

from __future__ import annotations

import time

from conftest import SAMPLES, env, free_port, run


def one_line_error(p, expected: str):
    assert p.returncode != 0
    last = p.stderr.strip().splitlines()[-1]
    assert expected in last, p.stderr


def test_missing_jar(tmp_path):
    e = dict(env(), MARSAD_JAR=str(tmp_path / "missing.jar"))
    p = run(["scripts/submit", "pipeline", "--input", str(SAMPLES), "--warehouse", str(tmp_path)],
            env=e, check=False)
    assert p.returncode == 2
    assert p.stderr.strip() == f"submit: no Marsad jar at {tmp_path / 'missing.jar'} " \
        "(build it with: mvn -q -DskipTests package, or set MARSAD_JAR)"


def test_unreachable_master_fails_in_seconds(tmp_path, jar):
    t = time.monotonic()
    p = run(["scripts/submit", "--master", f"spark://127.0.0.1:{free_port()}", "demo"], check=False)
    assert time.monotonic() - t < 15
    assert p.returncode == 2
    one_line_error(p, "is unreachable")


def test_wrong_warehouse_uri(jar):
    p = run(["scripts/submit", "extract", "--warehouse", "hfds://namenode/marsad"], check=False)
    assert p.returncode == 2
    one_line_error(p, "marsad: --warehouse hfds://namenode/marsad: no filesystem for scheme 'hfds'")


def test_cluster_mode_ships_the_conf_file(tmp_path, jar):
    conf = tmp_path / "site.conf"
    conf.write_text("cooccur.min_support = 3\n")
    p = run(["scripts/submit", "--dry-run", "--master", "yarn", "--deploy-mode", "cluster",
             "--conf-file", str(conf), "cooccur", "--warehouse", "hdfs:///marsad"])
    line = p.stdout
    assert f"--files {conf}" in line
    assert "cooccur --conf site.conf --warehouse hdfs:///marsad" in line
    assert "--class org.marsad.jobs.Marsad" in line


def test_the_users_driver_options_join_ours(tmp_path, jar):
    # spark-submit's --driver-java-options would silently replace spark.driver.extraJavaOptions.
    p = run(["scripts/submit", "--dry-run", "--spark-conf",
             "spark.driver.extraJavaOptions=-Dmine=1 -XX:+UseG1GC",
             "--spark-conf", "spark.sql.shuffle.partitions=4", "demo"])
    line = p.stdout
    assert "spark.driver.extraJavaOptions" not in line
    assert "--conf spark.sql.shuffle.partitions=4" in line
    opts = line.split("--driver-java-options ", 1)[1]
    assert "log4j2.configurationFile" in opts and "-Dmine=1" in opts
    assert "UseParallelGC" not in opts and "UseG1GC" in opts  # the JVM refuses two collectors
    assert "Tier4InvocationThreshold" in opts
