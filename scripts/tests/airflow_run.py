"""Runs inside a fresh AIRFLOW_HOME (set up by test_airflow.py): loads the DAG folder, prints the
DAG's import errors and task graph, and with --day runs the DAG for that day with dag.test()
(the real operators: each task is a spark-submit), printing every task's final state as JSON."""

from __future__ import annotations

import argparse
import json
import sys

import pendulum
from airflow.models import DagBag

# Rerunning a day deletes its earlier DagRun, whose note table has a foreign key to FAB's users:
# without this import SQLAlchemy cannot resolve it (apache/airflow#34109, #41119).
from airflow.providers.fab.auth_manager.models import User  # noqa: F401


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dags", required=True)
    ap.add_argument("--day")
    ap.add_argument("--conf", default="{}", help="run conf (overrides the DAG's params)")
    ap.add_argument("--no-retries", action="store_true")
    a = ap.parse_args()
    bag = DagBag(dag_folder=a.dags, include_examples=False)
    dag = bag.get_dag("marsad_daily")
    out = {
        "import_errors": {k: str(v) for k, v in bag.import_errors.items()},
        "dags": sorted(bag.dag_ids),
    }
    if dag is not None:
        out["graph"] = {t.task_id: sorted(t.downstream_task_ids) for t in dag.tasks}
        out["schedule"] = str(dag.schedule_interval)
        out["retries"] = {t.task_id: t.retries for t in dag.tasks}
    if a.day and dag is not None:
        if a.no_retries:
            for t in dag.tasks:
                t.retries = 0
        run = dag.test(
            execution_date=pendulum.parse(a.day, tz="UTC"), run_conf=json.loads(a.conf)
        )
        out["state"] = str(run.state)
        out["tasks"] = {ti.task_id: str(ti.state) for ti in run.get_task_instances()}
    print("AIRFLOW-RESULT " + json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
