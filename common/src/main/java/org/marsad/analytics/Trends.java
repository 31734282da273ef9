package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.marsad.tables.Tables.Col;

/**
 * {@code entity_trends}: per granularity, period, level and entity, the mentions, articles, stories
 * and sources that name it, the period's totals, share (articles / total_articles), and a trailing
 * baseline: the median and MAD of share over the entity's earlier periods (the {@code N} calendar
 * periods before, counting those with articles, a missing entity being a zero), a robust z-score
 * {@code (share - median) / (1.4826 MAD)} and a burst flag. Every period with articles has a row
 * for each watch-list entity, zeros included.
 */
public final class Trends {
  private Trends() {}

  /** Robust z-scores use 1.4826 MAD (consistent with the standard deviation under normality). */
  static final double MAD_SCALE = 1.4826;

  /**
   * @param articles {@code articles} over the days to read (with the baselines' look-back)
   * @param mentions {@code mentions} over the same days
   * @param from first day whose periods are written (null: all)
   * @param to last day whose periods are written (null: all)
   */
  public static Dataset<Row> compute(
      Dataset<Row> articles,
      Dataset<Row> mentions,
      AnalyticsSettings settings,
      LocalDate from,
      LocalDate to,
      String runId) {
    List<Dataset<Row>> parts = new ArrayList<>();
    List<String> watched = new ArrayList<>(settings.watchedEntities());
    for (String g : settings.granularities()) {
      Dataset<Row> totals =
          articles
              .withColumn("period_start", Periods.start(g, col(Col.PUB_DATE)))
              .groupBy("period_start")
              .agg(
                  count(lit(1)).as("total_articles"),
                  countDistinct(col(Col.STORY_ID)).as("total_stories"),
                  countDistinct(col(Col.SOURCE)).as("total_sources"));
      for (String level : List.of("entity", "rollup")) {
        Column ent = col(level.equals("entity") ? Col.ENTITY_ID : Col.ROLLUP_ID);
        Dataset<Row> counts =
            mentions
                .withColumn("period_start", Periods.start(g, col(Col.PUB_DATE)))
                .groupBy(col("period_start"), ent.as(Col.ENTITY_ID))
                .agg(
                    count(lit(1)).as("mentions"),
                    countDistinct(col(Col.ARTICLE_ID)).as("articles"),
                    countDistinct(col(Col.STORY_ID)).as("stories"),
                    countDistinct(col(Col.SOURCE)).as("sources"));
        Dataset<Row> entities =
            counts
                .select(Col.ENTITY_ID)
                .union(
                    articles
                        .sparkSession()
                        .createDataset(watched, org.apache.spark.sql.Encoders.STRING())
                        .toDF(Col.ENTITY_ID))
                .distinct();
        // Every period with articles for every entity: the baseline sees the zeros.
        Dataset<Row> dense =
            totals
                .crossJoin(entities)
                .join(counts, scala(List.of("period_start", Col.ENTITY_ID)), "left")
                .na()
                .fill(0L, new String[] {"mentions", "articles", "stories", "sources"});
        parts.add(
            withBaseline(dense, g, settings)
                .filter(col("mentions").gt(0).or(col(Col.ENTITY_ID).isin(watched.toArray())))
                .withColumn("granularity", lit(g))
                .withColumn("level", lit(level)));
      }
    }
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return inRange(all, from, to)
        .withColumn("trends_run_id", lit(runId))
        .select(
            col("granularity"),
            col("period_start"),
            col("level"),
            col(Col.ENTITY_ID),
            col("mentions"),
            col("articles"),
            col("stories"),
            col("sources"),
            col("total_articles"),
            col("total_stories"),
            col("total_sources"),
            col("share"),
            col("share_stories"),
            col("baseline_share"),
            col("baseline_mad"),
            col("baseline_periods"),
            col("robust_z"),
            col("burst"),
            col("trends_run_id"));
  }

  /** Rows whose period starts in the periods that [from, to] touches, at their granularity. */
  public static Dataset<Row> inRange(Dataset<Row> rows, LocalDate from, LocalDate to) {
    Column keep = lit(true);
    if (from != null) {
      Column afterFrom = lit(false);
      for (String g : Periods.ALL) {
        afterFrom =
            afterFrom.or(
                col("granularity")
                    .equalTo(g)
                    .and(
                        col("period_start")
                            .geq(lit(java.sql.Date.valueOf(Periods.startOf(g, from))))));
      }
      keep = keep.and(afterFrom);
    }
    if (to != null) {
      keep = keep.and(col("period_start").leq(lit(java.sql.Date.valueOf(to))));
    }
    return rows.filter(keep);
  }

  private static Dataset<Row> withBaseline(Dataset<Row> dense, String g, AnalyticsSettings s) {
    int n = s.baselinePeriods().get(g);
    WindowSpec trailing =
        Window.partitionBy(Col.ENTITY_ID).orderBy(col("ord")).rangeBetween(-n, -1);
    Dataset<Row> d =
        dense
            .withColumn(
                "share",
                col("articles").cast("double").divide(col("total_articles").cast("double")))
            .withColumn(
                "share_stories",
                col("stories").cast("double").divide(col("total_stories").cast("double")))
            .withColumn("ord", Periods.ordinal(g, col("period_start")))
            .withColumn("hist", array_sort(collect_list(col("share")).over(trailing)))
            .withColumn("baseline_periods", size(col("hist")))
            .withColumn("baseline_share", median("hist"))
            .withColumn("devs", array_sort(expr("transform(hist, x -> abs(x - baseline_share))")))
            .withColumn("baseline_mad", median("devs"))
            .withColumn("mean_dev", expr("aggregate(devs, 0D, (acc, x) -> acc + x) / size(devs)"));
    // MAD is 0 when most earlier periods are equal (often all zero): then the mean absolute
    // deviation (x 1.2533, also consistent under normality) scales the score; if that is 0 too,
    // there is no score.
    Column scale =
        when(col("baseline_mad").gt(0), col("baseline_mad").multiply(MAD_SCALE))
            .when(col("mean_dev").gt(0), col("mean_dev").multiply(1.2533));
    return d.withColumn(
            "robust_z",
            when(scale.isNotNull(), col("share").minus(col("baseline_share")).divide(scale)))
        .withColumn(
            "burst",
            coalesce(
                col("robust_z")
                    .geq(s.burstZ())
                    .and(col("articles").geq(s.burstMinArticles()))
                    .and(col("baseline_periods").geq((n + 1) / 2)),
                lit(false)));
  }

  /** The median of a sorted array column (null if empty). */
  static Column median(String sortedArray) {
    String a = sortedArray;
    return expr(
        "CASE WHEN size("
            + a
            + ") = 0 THEN CAST(NULL AS DOUBLE) WHEN size("
            + a
            + ") % 2 = 1 THEN element_at("
            + a
            + ", CAST(size("
            + a
            + ") / 2 AS INT) + 1) ELSE (element_at("
            + a
            + ", CAST(size("
            + a
            + ") / 2 AS INT)) + element_at("
            + a
            + ", CAST(size("
            + a
            + ") / 2 AS INT) + 1)) / 2 END");
  }

  /** Column names as the Scala sequence {@code Dataset.join} takes (Scala 2.12). */
  @SuppressWarnings("deprecation")
  static scala.collection.Seq<String> scala(List<String> cols) {
    return scala.collection.JavaConverters.asScalaBuffer(cols).toSeq();
  }
}
