"""Marsad's daily DAG: ingest -> extract -> (trends, cooccur) -> events, one spark-submit each.

Each run processes its data interval's day (``--from {{ ds }} --to {{ ds }}``). Every job
rewrites exactly the partitions of the days (and the weeks and months) it covers, so a retry, a
rerun of a day and a backfill (``airflow dags backfill -s ... -e ...``) leave the same tables as
one run over everything.

Settings, each an Airflow Variable (Admin -> Variables) with a default, or a DAG param when
triggered by hand:
  marsad_jar        the shaded jar (built by ``mvn -DskipTests package``)
  marsad_warehouse  the warehouse root (local path, hdfs://, s3a://)
  marsad_input      files, folder or glob of the raw dumps; {ds} (and {ds_nodash}, {yyyy},
                    {mm}, {dd}) are expanded by Marsad to the run's day, so a daily run reads only
                    that day's files: e.g. /data/dumps/{ds}/*.json.gz. Without a date field every
                    run reads all of the input and keeps the articles of its day.
  marsad_source     the dump's source mapping (conf/sources/), e.g. saudinewsnet
  marsad_conf       optional HOCON overrides, shipped with --files and passed as --conf
The Spark master comes from the Airflow connection ``marsad_spark`` (type Spark; host
``spark://host``, port 7077; or host ``yarn``; or host ``local[2]``); ``spark-submit`` must be
on the workers' PATH (``pip install pyspark==3.5.9`` provides one).
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

HOME = os.environ.get("MARSAD_HOME", "/opt/marsad")

DEFAULTS = {
    "jar": f"{HOME}/jobs/target/marsad-jobs.jar",
    "warehouse": f"{HOME}/warehouse",
    "input": f"{HOME}/data-samples/articles",
    "source": "default",
    "conf": "",
}


def setting(name: str) -> str:
    """A template: the Variable ``marsad_<name>`` if set, else the run's param (default above)."""
    return "{{ var.value.get('marsad_%s', params.%s) }}" % (name, name)


def job(command: str, *extra: str) -> list[str]:
    """Arguments of one Marsad command for the run's day (``--conf ''`` is no overrides file)."""
    return [
        command,
        "--warehouse", setting("warehouse"),
        "--from", "{{ ds }}",
        "--to", "{{ ds }}",
        "--conf", setting("conf"),
        *extra,
    ]


with DAG(
    dag_id="marsad_daily",
    description="Arabic news: entity mentions, trends, co-occurrence and event windows",
    schedule="@daily",
    start_date=pendulum.datetime(2015, 7, 21, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    params=DEFAULTS,
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(hours=4),
    },
    tags=["marsad"],
    doc_md=__doc__,
) as dag:

    def submit(task_id: str, *args: str) -> SparkSubmitOperator:
        return SparkSubmitOperator(
            task_id=task_id,
            conn_id="marsad_spark",
            application=setting("jar"),
            java_class="org.marsad.jobs.Marsad",
            name=f"marsad-{task_id}-{{{{ ds }}}}",
            application_args=list(args),
            driver_memory="2g",
            executor_memory="2g",
            verbose=False,
        )

    ingest = submit(
        "ingest",
        *job("ingest", "--input", setting("input"), "--source", setting("source")),
    )
    extract = submit("extract", *job("extract"))
    trends = submit("trends", *job("trends"))
    cooccur = submit("cooccur", *job("cooccur"))
    events = submit("events", *job("events"))

    ingest >> extract >> [trends, cooccur] >> events
