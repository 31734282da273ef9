#!/usr/bin/env python3
"""Single-node peers for Marsad's analytics: DuckDB runs plain SQL over a warehouse's Parquet and
writes the table, then (with --compare) checks it against the table Marsad wrote.

    duckdb_peer.py trends  WAREHOUSE OUT_DIR [--threads 2] [--compare]
    duckdb_peer.py cooccur WAREHOUSE OUT_DIR [--threads 2] [--compare]

trends: scripts/peers/trends_peer.sql (entity_trends: counts, shares, trailing median/MAD baseline,
robust z, burst; the settings of conf/marsad.conf). cooccur: ../shared/bench/cooccur_peer.sql, the
benchmark's given peer (counts without G2, evidence or entity_sets). Prints one JSON line:
{"job", "rows", "seconds", and with --compare "only_marsad", "only_peer"} (rows that differ, doubles
rounded to 9 significant digits, run ids left out).
"""
import argparse
import json
import os
import shutil
import time

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_BENCH = os.environ.get("MARSAD_SHARED_BENCH", os.path.join(HERE, "..", "..", "..", "shared", "bench"))
# conf/marsad.conf's defaults (watchlists, trends.baseline_periods, burst_z, burst_min_articles).
SETTINGS = {"WATCHED": "'Q794', 'Q159', 'Q43', 'Q858', 'Q30'", "N_DAY": "28", "N_WEEK": "12",
            "N_MONTH": "6", "BURST_Z": "3.5", "BURST_MIN_ARTICLES": "3"}
KEYS = {
    "trends": ["granularity", "period_start", "level", "entity_id"],
    "cooccur": ["granularity", "period_start", "scope", "level", "entity_a", "entity_b"],
}
COLUMNS = {
    "trends": ["mentions", "articles", "stories", "sources", "total_articles", "total_stories",
               "total_sources", "share", "share_stories", "baseline_share", "baseline_mad",
               "baseline_periods", "robust_z", "burst"],
    "cooccur": ["n_ab", "n_a", "n_b", "n_total", "n_ab_articles", "n_a_articles", "n_b_articles",
                "n_ab_stories", "n_a_stories", "n_b_stories", "total_articles", "total_stories"],
}
MARSAD_TABLE = {"trends": "entity_trends", "cooccur": "cooccurrence"}


def view(con, name, path):
    con.sql(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{path}/**/*.parquet', "
            "hive_partitioning = true, union_by_name = true)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("job", choices=["trends", "cooccur"])
    ap.add_argument("warehouse")
    ap.add_argument("out")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--compare", action="store_true")
    a = ap.parse_args()
    start = time.time()
    con = duckdb.connect(config={"threads": a.threads})
    for table in ("mentions", "articles", "article_units"):
        view(con, table, f"{a.warehouse}/{table}")
    if a.job == "trends":
        sql = open(os.path.join(HERE, "trends_peer.sql")).read()
        for k, v in SETTINGS.items():
            sql = sql.replace("${" + k + "}", v)
        result = "trends"
    else:
        sql = open(os.path.join(SHARED_BENCH, "cooccur_peer.sql")).read()
        sql = sql.replace("CREATE OR REPLACE TEMP VIEW", "CREATE OR REPLACE VIEW")
        result = "cooc"
    for statement in (s for s in sql.split(";") if s.strip()):
        con.sql(statement)
    shutil.rmtree(a.out, ignore_errors=True)
    con.sql(f"COPY (SELECT * FROM {result}) TO '{a.out}' (FORMAT parquet, PARTITION_BY (granularity))")
    seconds = time.time() - start
    rows = con.sql(f"SELECT count(*) FROM read_parquet('{a.out}/*/*.parquet')").fetchall()[0][0]
    report = {"job": a.job, "rows": rows, "seconds": round(seconds, 2)}
    if a.compare:
        view(con, "marsad", f"{a.warehouse}/{MARSAD_TABLE[a.job]}")
        view(con, "peer", a.out)

        def cols(t):
            out = [f"CAST({k} AS VARCHAR) AS {k}" for k in KEYS[a.job]]
            for c in COLUMNS[a.job]:
                if c in ("share", "share_stories", "baseline_share", "baseline_mad", "robust_z"):
                    out.append(f"CAST(round({c}, 9 - CAST(ceil(log10(abs({c}) + 1e-300)) AS INTEGER)) AS DOUBLE) AS {c}")
                else:
                    out.append(f"CAST({c} AS BIGINT) AS {c}" if c != "burst" else c)
            return f"SELECT {', '.join(out)} FROM {t}"

        report["marsad_rows"] = con.sql("SELECT count(*) FROM marsad").fetchall()[0][0]
        report["only_marsad"] = con.sql(f"SELECT count(*) FROM ({cols('marsad')} EXCEPT ALL {cols('peer')})").fetchall()[0][0]
        report["only_peer"] = con.sql(f"SELECT count(*) FROM ({cols('peer')} EXCEPT ALL {cols('marsad')})").fetchall()[0][0]
    print(json.dumps(report))


if __name__ == "__main__":
    main()
