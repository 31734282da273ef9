# Writes astana_trends.ipynb from the cells below (the notebook is generated so that its code
# is reviewed as a plain Python file; outputs are not stored). Run: python make_notebook.py
import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
md("""# Iran, Russia and Turkey around the Astana talks

Reads a Marsad warehouse (the tables `marsad pipeline` writes) and shows:

1. the daily share of articles that mention **all three Astana guarantors together** (Iran Q794,
   Russia Q159, Turkey Q43, rolled up: capitals, leaders and demonyms count for their country),
   and each one's own share, with the Astana rounds, summits and other calendar events marked;
2. the strongest co-occurrences (NPMI, sentence scope) with one evidence sentence each;
3. the event windows: rates before, during and after each event against the baseline, with lift
   and p-value.

PySpark reads the large tables (as on a cluster); DuckDB reads Parquet directly for the small
lookups. Set `MARSAD_WAREHOUSE` (a path or `hdfs://`/`s3a://` URI for the PySpark part) before
starting Jupyter, or edit the next cell."""),
code("""import os
from pathlib import Path

WAREHOUSE = os.environ.get("MARSAD_WAREHOUSE", "../../warehouse")
FIGURES = Path(os.environ.get("MARSAD_FIGURES", "figures"))
SPARK_MASTER = os.environ.get("MARSAD_SPARK_MASTER", "local[2]")
SET_ID = "astana_guarantors"
MEMBERS = {"Q794": "Iran", "Q159": "Russia", "Q43": "Turkey"}
FIGURES.mkdir(parents=True, exist_ok=True)
print("warehouse:", WAREHOUSE)"""),
md("## 1. Daily share of articles naming the guarantors, together and each"),
code("""from pyspark.sql import SparkSession, functions as F

spark = (
    SparkSession.builder.master(SPARK_MASTER)
    .appName("marsad astana_trends notebook")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate()
)
day_article_rollup = (F.col("granularity") == "day") & (F.col("level") == "rollup")
together = (
    spark.read.parquet(f"{WAREHOUSE}/entity_sets")
    .filter(day_article_rollup & (F.col("set_id") == SET_ID) & (F.col("scope") == "article"))
    .select(
        F.col("period_start").alias("day"),
        F.col("n_all_articles"),
        F.col("total_articles"),
        (F.col("n_all_articles") / F.col("total_articles")).alias("share"),
    )
    .orderBy("day")
)
each = (
    spark.read.parquet(f"{WAREHOUSE}/entity_trends")
    .filter(day_article_rollup & F.col("entity_id").isin(list(MEMBERS)))
    .select(F.col("period_start").alias("day"), "entity_id", "articles", "total_articles", "share")
    .orderBy("day", "entity_id")
)
# Small results (one row per day): collected, the work stays in Spark.
together_rows = together.collect()
each_rows = each.collect()
print(f"{len(together_rows)} days; articles naming all three together on "
      f"{sum(r.n_all_articles > 0 for r in together_rows)} of them")"""),
code("""import pandas as pd

together_df = pd.DataFrame([r.asDict() for r in together_rows])
each_df = pd.DataFrame([r.asDict() for r in each_rows])
events = (
    spark.read.parquet(f"{WAREHOUSE}/event_windows")
    .select("event_kind", "event_id", "event_start", "event_end", "location")
    .distinct()
    .orderBy("event_start")
    .collect()
)
events_df = pd.DataFrame([r.asDict() for r in events])
together_df.tail(10)"""),
code("""import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(11, 4.5))
# One row per calendar day: days without articles are gaps, not lines drawn across them.
calendar = pd.date_range(pd.to_datetime(together_df["day"]).min(),
                         pd.to_datetime(together_df["day"]).max(), freq="D")


def daily(frame):
    return frame.assign(day=pd.to_datetime(frame["day"])).set_index("day")["share"].reindex(calendar)


# The members often share a value: distinct widths and dashes keep each line visible.
looks = {"Q794": (5, "-"), "Q159": (3, "--"), "Q43": (1.5, ":")}
for qid, name in MEMBERS.items():
    width, dash = looks[qid]
    ax.plot(calendar, daily(each_df[each_df["entity_id"] == qid]), lw=width, ls=dash,
            marker=".", alpha=0.8, label=f"{name} ({qid})")
ax.plot(calendar, daily(together_df), color="black", lw=2, marker="o", label="all three together")
days = calendar
lo, hi = days.min(), days.max()
styles = {"astana_round": ("tab:red", "Astana round"), "summit": ("tab:purple", "summit")}
seen = set()
for e in events_df.itertuples():
    start, end = pd.Timestamp(e.event_start), pd.Timestamp(e.event_end)
    if end < lo - pd.Timedelta(days=1) or start > hi + pd.Timedelta(days=1):
        continue
    color, label = styles.get(e.event_kind, ("tab:green", e.event_kind))
    ax.axvspan(start - pd.Timedelta(hours=12), end + pd.Timedelta(hours=12), color=color,
               alpha=0.2, label=None if label in seen else label)
    seen.add(label)
ax.set_ylabel("share of the day's articles")
ax.set_title("Iran, Russia and Turkey in the news, with the Astana-format events")
ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
fig.autofmt_xdate()
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
figure = FIGURES / "astana_trends.png"
fig.savefig(figure, dpi=110, bbox_inches="tight")
print("figure:", figure)"""),
md("""## 2. Strongest co-occurrences, with evidence

Pairs of entities named in the same sentence, over each month, ranked by NPMI (1: always together;
0: independent), with their support `n_ab` (sentences naming both). Each comes with the first
sentence that names both, cut from the stored article text at the evidence offsets."""),
code("""import duckdb

con = duckdb.connect()
for table in ("cooccurrence", "articles", "mentions"):
    con.execute(
        f"CREATE VIEW {table} AS SELECT * FROM read_parquet("
        f"'{WAREHOUSE}/{table}/**/*.parquet', hive_partitioning = true, union_by_name = true)"
    )
top = con.execute('''
    WITH names AS (  -- for display: the shortest name as written (no clitic), else any form
        SELECT entity_id,
               coalesce(arg_min(surface, length(surface)) FILTER (WHERE form = 'name'),
                        mode(surface)) AS name
        FROM mentions GROUP BY entity_id
    ), ranked AS (
        SELECT *, evidence[1] AS ev FROM cooccurrence
        WHERE scope = 'sentence' AND level = 'rollup' AND granularity = 'month'
        ORDER BY npmi DESC, n_ab DESC LIMIT 10
    )
    SELECT r.period_start AS month, r.entity_a, na.name AS name_a, r.entity_b, nb.name AS name_b,
           r.n_ab, r.n_a, r.n_b, r.n_total, round(r.npmi, 3) AS npmi, round(r.llr, 1) AS g2,
           CASE r.ev.a_field WHEN 'title' THEN a.title ELSE a.body END AS text,
           least(r.ev.a_start, r.ev.b_start) AS s, greatest(r.ev.a_end, r.ev.b_end) AS e
    FROM ranked r
    JOIN articles a ON a.article_id = r.ev.article_id
    LEFT JOIN names na ON na.entity_id = r.entity_a
    LEFT JOIN names nb ON nb.entity_id = r.entity_b
    ORDER BY npmi DESC, n_ab DESC
''').df()


def sentence(text: str, start: int, end: int) -> str:
    \"\"\"The sentence around [start, end): from the previous to the next . ؟ ! ؛ or line break.\"\"\"
    stops = ".؟!؛\\n"
    b = max((text.rfind(c, 0, start) for c in stops), default=-1) + 1
    ends = [i for i in (text.find(c, end) for c in stops) if i >= 0]
    return text[b : (min(ends) + 1 if ends else len(text))].strip()


top["evidence"] = [sentence(t, int(s), int(e)) for t, s, e in zip(top.text, top.s, top.e)]
pd.set_option("display.max_colwidth", 200)
top.drop(columns=["text", "s", "e"])"""),
md("""## 3. Event windows of the guarantors

For each event of the calendars: the rate of articles (per 1,000) naming all three guarantors in
the windows before, during and after it, the baseline rate (the weeks before, other events
excluded), the lift and a one-sided p-value of the increase (conditional binomial test)."""),
code("""windows = (
    spark.read.parquet(f"{WAREHOUSE}/event_windows")
    .filter((F.col("subject_kind") == "set") & (F.col("subject") == SET_ID)
            & (F.col("window") != "baseline"))
    .select("event_id", "event_start", "window", "n", "total",
            F.round("rate", 2).alias("rate"), F.round("baseline_rate", 2).alias("baseline_rate"),
            F.round("lift", 2).alias("lift"), F.round("p_value", 4).alias("p_value"))
    .orderBy("event_start", "window")
    .collect()
)
windows_df = pd.DataFrame([r.asDict() for r in windows])
windows_df[windows_df["total"] > 0]"""),
code("""spark.stop()"""),
]
nb.cells = cells
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, str(__import__("pathlib").Path(__file__).with_name("astana_trends.ipynb")))
