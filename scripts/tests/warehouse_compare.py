"""Compare two Marsad warehouses table by table, as sets of rows (DuckDB, no Spark).

Columns that name a run (``*run_id``) differ by construction and are left out; ``input_file`` is
compared by file name, so a warehouse built from hdfs:// input equals one built from local files.

    python scripts/tests/warehouse_compare.py WAREHOUSE_A WAREHOUSE_B    # exit 1 on a difference
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb


def tables(root: str) -> list[str]:
    return sorted(
        n
        for n in os.listdir(root)
        if not n.startswith(("_", ".")) and os.path.isdir(os.path.join(root, n))
    )


def _relation(con: duckdb.DuckDBPyConnection, root: str, table: str) -> str:
    if not any(Path(root, table).rglob("*.parquet")):
        return "SELECT NULL AS empty_table WHERE false"  # a table with no rows has no files
    src = (
        f"read_parquet('{os.path.join(root, table)}/**/*.parquet',"
        " hive_partitioning = true, union_by_name = true)"
    )
    cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()]
    keep = []
    for c in sorted(cols):
        if c.endswith("run_id"):
            continue
        keep.append(
            f"regexp_extract(\"{c}\", '[^/]*$') AS \"{c}\"" if c == "input_file" else f'"{c}"'
        )
    return f"SELECT {', '.join(keep)} FROM {src}"


def differences(a: str, b: str) -> dict[str, str]:
    """Per table, what differs ('' when equal); tables present on one side only are reported."""
    con = duckdb.connect()
    out: dict[str, str] = {}
    ta, tb = tables(a), tables(b)
    for t in sorted(set(ta) | set(tb)):
        if t not in ta or t not in tb:
            out[t] = f"only in {'B' if t not in ta else 'A'}"
            continue
        ra, rb = _relation(con, a, t), _relation(con, b, t)
        na = con.execute(f"SELECT count(*) FROM ({ra})").fetchone()[0]
        nb = con.execute(f"SELECT count(*) FROM ({rb})").fetchone()[0]
        only_a = con.execute(f"SELECT count(*) FROM (({ra}) EXCEPT ALL ({rb}))").fetchone()[0]
        only_b = con.execute(f"SELECT count(*) FROM (({rb}) EXCEPT ALL ({ra}))").fetchone()[0]
        out[t] = (
            ""
            if only_a == 0 and only_b == 0
            else f"{na} vs {nb} rows; {only_a} only in A, {only_b} only in B"
        )
    return out


def row_counts(root: str) -> dict[str, int]:
    con = duckdb.connect()
    return {
        t: con.execute(f"SELECT count(*) FROM ({_relation(con, root, t)})").fetchone()[0]
        for t in tables(root)
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: warehouse_compare.py WAREHOUSE_A WAREHOUSE_B", file=sys.stderr)
        return 2
    diffs = differences(argv[1], argv[2])
    counts = row_counts(argv[1])
    for t, d in diffs.items():
        print(f"{t:15} {counts.get(t, 0):>9} rows  {'equal' if not d else 'DIFFERENT: ' + d}")
    return 1 if any(diffs.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
