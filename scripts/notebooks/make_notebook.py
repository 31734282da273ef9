# Writes astana_trends.ipynb from the cells below (the notebook is generated so that its code
# is reviewed as a plain Python file; outputs are not stored). Run: python make_notebook.py
import nbformat as nbf
nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
cells = [
md("""# Iran, Russia and Turkey around the Astana talks

Reads a Marsad warehouse (the tables `marsad pipeline` writes) and shows:

1. the share of articles that mention **all three Astana guarantors together** (Iran Q794,
   Russia Q159, Turkey Q43, rolled up: capitals, leaders and demonyms count for their country)
   and each one's own share: daily (faint) with a 7-day rolling mean (bold), and weekly, over
   the span where the data is dense, with the calendar's events marked and labelled;
2. the strongest pairs named in the same sentence, ranked as `marsad report` ranks them (G²
   over the span, at least 3 distinct stories, positive association), with names from the
   `entities` table and one evidence sentence each;
3. the event windows: rates before, during and after each event against the baseline, with lift
   and p-value.

PySpark reads the large tables (as on a cluster); DuckDB reads Parquet directly for the pairs.
Set `MARSAD_WAREHOUSE` (a path or `hdfs://`/`s3a://` URI for the PySpark part) before
starting Jupyter, or edit the next cell."""),
code("""import os
from pathlib import Path

WAREHOUSE = os.environ.get("MARSAD_WAREHOUSE", "../../warehouse")
FIGURES = Path(os.environ.get("MARSAD_FIGURES", "figures"))
SPARK_MASTER = os.environ.get("MARSAD_SPARK_MASTER", "local[2]")
SET_ID = "astana_guarantors"
MEMBERS = ["Q794", "Q159", "Q43"]
MIN_DAY_ARTICLES = 10  # report.min_day_articles: the charts span the dense days
MIN_PAIR_STORIES = 3  # report.min_pair_stories
FIGURES.mkdir(parents=True, exist_ok=True)
print("warehouse:", WAREHOUSE)"""),
md("## 1. Share of articles naming the guarantors, together and each"),
code("""import pandas as pd
from pyspark.sql import SparkSession, functions as F

spark = (
    SparkSession.builder.master(SPARK_MASTER)
    .appName("marsad astana_trends notebook")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate()
)
# Names beside ids: the entities table (English label, else Arabic, else the id).
labels = {r.entity_id: r.label_en or r.label_ar or r.entity_id
          for r in spark.read.parquet(f"{WAREHOUSE}/entities")
          .select("entity_id", "label_en", "label_ar").collect()}
NAMES = {q: labels.get(q, q) for q in MEMBERS}

# The dense span, as marsad report draws it: the days whose centred 7-day mean is at least
# MIN_DAY_ARTICLES articles a day, first to last, leaving out the earliest and latest 1% of all
# articles (stray old or future-dated days do not stretch the axes).
counts = (spark.read.parquet(f"{WAREHOUSE}/articles").groupBy("pub_date").count()
          .toPandas().set_index("pub_date")["count"])
if counts.empty:
    raise ValueError(f"no articles in {WAREHOUSE}: run marsad pipeline first")
counts.index = pd.to_datetime(counts.index)
days = counts.reindex(pd.date_range(counts.index.min(), counts.index.max(), freq="D"), fill_value=0)
total_articles = int(days.sum())
dense = days.rolling(7, center=True, min_periods=1).sum() >= 7 * MIN_DAY_ARTICLES
tail = total_articles // 100
ok_from = dense & (days.cumsum() > tail)
ok_to = dense & (days[::-1].cumsum()[::-1] > tail)
if ok_from.any() and ok_to.any() and ok_from.idxmax() <= ok_to[::-1].idxmax():
    SPAN = (ok_from.idxmax().date(), ok_to[::-1].idxmax().date())
else:
    SPAN = (days.index.min().date(), days.index.max().date())
per_day = [(d.date(), n) for d, n in counts.sort_index().items()]
print(f"{total_articles} articles, {per_day[0][0]} to {per_day[-1][0]};"
      f" dense span {SPAN[0]} to {SPAN[1]}")
in_span = F.col("period_start").between(F.lit(SPAN[0]), F.lit(SPAN[1]))
day_rollup = (F.col("granularity") == "day") & (F.col("level") == "rollup") & in_span
together = (
    spark.read.parquet(f"{WAREHOUSE}/entity_sets")
    .filter(day_rollup & (F.col("set_id") == SET_ID) & (F.col("scope") == "article"))
    .select(
        F.col("period_start").alias("day"),
        F.col("n_all_articles"),
        F.col("total_articles"),
        (F.col("n_all_articles") / F.col("total_articles")).alias("share"),
    )
    .orderBy("day")
)
trends = spark.read.parquet(f"{WAREHOUSE}/entity_trends").filter(
    (F.col("level") == "rollup") & F.col("entity_id").isin(MEMBERS))
each = (
    trends.filter(day_rollup)
    .select(F.col("period_start").alias("day"), "entity_id", "articles", "total_articles", "share")
    .orderBy("day", "entity_id")
)
weekly = (
    trends.filter((F.col("granularity") == "week")
                  & F.col("period_start").between(F.date_sub(F.lit(SPAN[0]), 6), F.lit(SPAN[1])))
    .select(F.col("period_start").alias("week"), "entity_id", "share")
    .orderBy("week")
)
# Small results (one row per day or week): collected, the work stays in Spark.
together_rows, each_rows, weekly_rows = together.collect(), each.collect(), weekly.collect()
print(f"{len(together_rows)} days; articles naming all three together on "
      f"{sum(r.n_all_articles > 0 for r in together_rows)} of them")"""),
code("""together_df = pd.DataFrame([r.asDict() for r in together_rows],
                           columns=["day", "n_all_articles", "total_articles", "share"])
each_df = pd.DataFrame([r.asDict() for r in each_rows],
                       columns=["day", "entity_id", "articles", "total_articles", "share"])
weekly_df = pd.DataFrame([r.asDict() for r in weekly_rows], columns=["week", "entity_id", "share"])
events = (
    spark.read.parquet(f"{WAREHOUSE}/event_windows")
    .select("event_kind", "event_id", "event_start", "event_end", "location")
    .distinct()
    .orderBy("event_start")
    .collect()
)
events_df = pd.DataFrame([r.asDict() for r in events],
                         columns=["event_kind", "event_id", "event_start", "event_end", "location"])
together_df.tail(10)"""),
code("""import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt

fig, (ax, axw) = plt.subplots(2, 1, figsize=(11, 7.5), sharex=True,
                              gridspec_kw={"height_ratios": [3, 2]})
# One row per calendar day of the dense span: days without articles are gaps.
calendar = pd.date_range(pd.Timestamp(SPAN[0]), pd.Timestamp(SPAN[1]), freq="D")


def daily(frame):
    return frame.assign(day=pd.to_datetime(frame["day"])).set_index("day")["share"].reindex(calendar)


colours = {"Q794": "#0072B2", "Q159": "#D55E00", "Q43": "#009E73"}  # Okabe-Ito
for qid in MEMBERS:
    share = daily(each_df[each_df["entity_id"] == qid])
    ax.plot(calendar, share, color=colours[qid], lw=1, alpha=0.35)
    ax.plot(calendar, share.rolling(7, min_periods=1).mean(), color=colours[qid], lw=2.5,
            label=f"{NAMES[qid]}: 7-day mean")
    w = weekly_df[weekly_df["entity_id"] == qid]
    axw.plot(pd.to_datetime(w["week"]), w["share"], color=colours[qid], marker="o", lw=2,
             label=NAMES[qid])
ax.plot(calendar, daily(together_df).rolling(7, min_periods=1).mean(), color="black", lw=2.5,
        label="all three together: 7-day mean")
styles = {"astana_round": "tab:red", "summit": "tab:purple"}
shown = 0
for e in events_df.itertuples():
    start, end = pd.Timestamp(e.event_start), pd.Timestamp(e.event_end)
    if end < calendar.min() or start > calendar.max():
        continue
    colour = styles.get(e.event_kind, "tab:green")
    for a in (ax, axw):
        a.axvspan(start - pd.Timedelta(hours=12), end + pd.Timedelta(hours=12), color=colour,
                  alpha=0.15)
    # Labelled on the plot, staggered so that neighbouring events stay readable.
    ax.annotate(e.event_id, (start, 1), xycoords=("data", "axes fraction"),
                xytext=(2, -10 - 11 * (shown % 3)), textcoords="offset points", fontsize=8,
                color=colour)
    shown += 1
ax.set_ylabel("share of the day's articles")
axw.set_ylabel("share of the week's articles")
ax.set_title(f"Iran, Russia and Turkey in the news, {SPAN[0]} to {SPAN[1]}, with calendar events")
axw.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
fig.autofmt_xdate()
ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
axw.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
figure = FIGURES / "astana_trends.png"
fig.savefig(figure, dpi=110, bbox_inches="tight")
print(f"figure: {figure}; {shown} calendar events in the span")"""),
md("""## 2. Strongest pairs, with evidence

Pairs of entities named in the same sentence over the dense span, rolled up, ranked as `marsad
report` ranks them: only pairs named together in at least `MIN_PAIR_STORIES` distinct stories
(one syndicated story copied by many papers counts once) and positively associated (PMI > 0),
by G² (Dunning's log-likelihood ratio: strength weighted by support; NPMI alone puts rare pairs
of small countries on top). NPMI and the support are beside it, and the first sentence that
names both."""),
code("""import duckdb
import numpy as np

con = duckdb.connect()
for table in ("articles", "mentions", "article_units"):
    con.execute(
        f"CREATE VIEW {table} AS SELECT * FROM read_parquet("
        f"'{WAREHOUSE}/{table}/**/*.parquet', hive_partitioning = true, union_by_name = true)"
    )
span = f"pub_date BETWEEN DATE '{SPAN[0]}' AND DATE '{SPAN[1]}'"
n_total = con.execute(f'''
    SELECT coalesce(sum(sentences), 0) FROM article_units
    WHERE article_id IN (SELECT article_id FROM articles WHERE {span})''').fetchone()[0]
pairs = con.execute(f'''
    WITH u AS (SELECT DISTINCT article_id, story_id, field, paragraph_idx, sentence_idx,
                      rollup_id AS e FROM mentions WHERE {span}),
    n AS (SELECT e, count(*) AS n FROM u GROUP BY e),
    p AS (SELECT a.e AS entity_a, b.e AS entity_b, count(*) AS n_ab,
                 count(DISTINCT a.story_id) AS stories,
                 min((a.article_id, a.field, a.paragraph_idx, a.sentence_idx)) AS ev
          FROM u a JOIN u b USING (article_id, field, paragraph_idx, sentence_idx)
          WHERE a.e < b.e GROUP BY a.e, b.e
          HAVING count(DISTINCT a.story_id) >= {MIN_PAIR_STORIES})
    SELECT p.*, na.n AS n_a, nb.n AS n_b FROM p
    JOIN n na ON na.e = entity_a JOIN n nb ON nb.e = entity_b''').df()


def g2(nab, na, nb, n):
    \"\"\"Dunning's G² of the 2x2 table (Marsad's Stats.llr).\"\"\"
    obs = np.array([nab, na - nab, nb - nab, n - na - nb + nab], dtype=float)
    exp = np.array([na * nb, na * (n - nb), (n - na) * nb, (n - na) * (n - nb)], dtype=float) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    return 2 * terms.sum(axis=0)


nab, na, nb = (pairs[c].to_numpy(float) for c in ("n_ab", "n_a", "n_b"))
pairs["pmi"] = np.log2(nab * n_total / (na * nb)) if len(pairs) else []
pairs["npmi"] = (pairs["pmi"] / -np.log2(nab / n_total)).round(3) if len(pairs) else []
pairs["g2"] = g2(nab, na, nb, n_total).round(1) if len(pairs) else []
pairs = pairs[pairs["pmi"] > 0].sort_values("g2", ascending=False).head(15)
pairs["name_a"] = [labels.get(q, q) for q in pairs["entity_a"]]
pairs["name_b"] = [labels.get(q, q) for q in pairs["entity_b"]]


def sentence(text: str, start: int, end: int) -> str:
    \"\"\"The sentence around [start, end): from the previous to the next . ؟ ! ؛ or line break.\"\"\"
    stops = ".؟!؛\\n"
    b = max((text.rfind(c, 0, start) for c in stops), default=-1) + 1
    ends = [i for i in (text.find(c, end) for c in stops) if i >= 0]
    return text[b : (min(ends) + 1 if ends else len(text))].strip()


# The evidence: the first sentence naming both, cut from the stored text around both mentions.
evidence = []
for r in pairs.itertuples():
    article_id, field, paragraph, sent = r.ev.values() if isinstance(r.ev, dict) else r.ev
    row = con.execute('''
        SELECT CASE WHEN m.field = 'title' THEN a.title ELSE a.body END, min(m.start), max(m."end")
        FROM mentions m JOIN articles a USING (article_id)
        WHERE m.article_id = ? AND m.field = ? AND m.paragraph_idx = ? AND m.sentence_idx = ?
          AND m.rollup_id IN (?, ?)
        GROUP BY 1''', [article_id, field, paragraph, sent, r.entity_a, r.entity_b]).fetchone()
    evidence.append(sentence(row[0], int(row[1]), int(row[2])) if row else "")
pairs["evidence"] = evidence
pd.set_option("display.max_colwidth", 200)
print(f"{n_total} sentences in the span; top pairs by g2, with npmi and evidence")
pairs[["name_a", "name_b", "n_ab", "stories", "g2", "npmi", "entity_a", "entity_b", "evidence"]]"""),
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
windows_df = pd.DataFrame([r.asDict() for r in windows],
                          columns=["event_id", "event_start", "window", "n", "total", "rate",
                                   "baseline_rate", "lift", "p_value"])
windows_df[windows_df["total"] > 0]"""),
code("""spark.stop()"""),
]
nb.cells = cells
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, str(__import__("pathlib").Path(__file__).with_name("astana_trends.ipynb")))
