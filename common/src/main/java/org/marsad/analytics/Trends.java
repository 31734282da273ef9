package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.tables.Tables.Col;

/**
 * {@code entity_trends}: per granularity, period, level and entity, the mentions, articles, stories
 * and sources that name it, the period's totals, share (articles / total_articles), and a trailing
 * baseline: the median and MAD of share over the entity's earlier periods (those with articles
 * among the {@code N} calendar periods before; a period without a mention is a zero), a robust
 * z-score {@code (share - median) / (1.4826 MAD)} and a burst flag. Every period with articles has
 * a row for each watch-list entity, zeros included. All granularities and both levels are computed
 * in one aggregation.
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
    List<String> gs = settings.granularities();
    List<String> watched = new ArrayList<>(settings.watchedEntities());
    Dataset<Row> totals =
        articles
            .select(
                col(Col.STORY_ID),
                col(Col.SOURCE),
                explode(Periods.all(gs, col(Col.PUB_DATE))).as("p"))
            .groupBy(
                col("p.granularity").as("granularity"), col("p.period_start").as("period_start"))
            .agg(
                count(lit(1)).as("total_articles"),
                countDistinct(col(Col.STORY_ID)).as("total_stories"),
                countDistinct(col(Col.SOURCE)).as("total_sources"));
    Column levels =
        array(
            struct(lit("entity").as("level"), col(Col.ENTITY_ID).as("ent")),
            struct(lit("rollup").as("level"), col(Col.ROLLUP_ID).as("ent")));
    Dataset<Row> counts =
        mentions
            .select(
                col(Col.ARTICLE_ID),
                col(Col.STORY_ID),
                col(Col.SOURCE),
                explode(levels).as("l"),
                col(Col.PUB_DATE))
            .select(
                col(Col.ARTICLE_ID),
                col(Col.STORY_ID),
                col(Col.SOURCE),
                col("l.level").as("level"),
                col("l.ent").as(Col.ENTITY_ID),
                explode(Periods.all(gs, col(Col.PUB_DATE))).as("p"))
            .groupBy(
                col("p.granularity").as("granularity"),
                col("p.period_start").as("period_start"),
                col("level"),
                col(Col.ENTITY_ID))
            .agg(
                count(lit(1)).as("mentions"),
                countDistinct(col(Col.ARTICLE_ID)).as("articles"),
                countDistinct(col(Col.STORY_ID)).as("stories"),
                countDistinct(col(Col.SOURCE)).as("sources"));
    // The watch lists' entities at every granularity and level (a few rows, from the config).
    List<Row> watchedRows = new ArrayList<>();
    for (String g : gs) {
      for (String level : List.of("entity", "rollup")) {
        watched.forEach(e -> watchedRows.add(RowFactory.create(g, level, e)));
      }
    }
    Dataset<Row> entities =
        counts
            .select("granularity", "level", Col.ENTITY_ID)
            .union(
                articles
                    .sparkSession()
                    .createDataFrame(
                        watchedRows,
                        new StructType()
                            .add("granularity", DataTypes.StringType)
                            .add("level", DataTypes.StringType)
                            .add(Col.ENTITY_ID, DataTypes.StringType)))
            .distinct();
    // Every period with articles for every entity seen at that granularity: the baseline sees
    // the zeros.
    Dataset<Row> dense =
        totals
            .join(entities, scala(List.of("granularity")))
            .join(
                counts,
                scala(List.of("granularity", "period_start", "level", Col.ENTITY_ID)),
                "left")
            .na()
            .fill(0L, new String[] {"mentions", "articles", "stories", "sources"});
    Dataset<Row> all =
        withBaseline(dense, settings)
            .filter(col("mentions").gt(0).or(col(Col.ENTITY_ID).isin(watched.toArray())));
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

  private static Dataset<Row> withBaseline(Dataset<Row> dense, AnalyticsSettings s) {
    int maxN = Collections.max(s.baselinePeriods().values());
    Column n =
        when(col("granularity").equalTo("day"), lit(s.baselinePeriods().get("day")))
            .when(col("granularity").equalTo("week"), lit(s.baselinePeriods().get("week")))
            .otherwise(lit(s.baselinePeriods().get("month")));
    WindowSpec trailing =
        Window.partitionBy("granularity", "level", Col.ENTITY_ID)
            .orderBy(col("ord"))
            .rangeBetween(-maxN, -1);
    Dataset<Row> d =
        dense
            .withColumn(
                "share",
                col("articles").cast("double").divide(col("total_articles").cast("double")))
            .withColumn(
                "share_stories",
                col("stories").cast("double").divide(col("total_stories").cast("double")))
            .withColumn("ord", Periods.ordinal(col("granularity"), col("period_start")))
            .withColumn("n_back", n)
            .withColumn(
                "window_rows", collect_list(struct(col("ord"), col("share"))).over(trailing))
            .withColumn(
                "hist",
                array_sort(
                    expr(
                        "transform(filter(window_rows, x -> x.ord >= ord - n_back), x -> x.share)")))
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
                    .and(col("baseline_periods").geq(col("n_back").plus(1).divide(2).cast("int"))),
                lit(false)));
  }

  /** The median of a sorted array column (null if empty). */
  static Column median(String a) {
    String n = "size(" + a + ")";
    String mid = "CAST(" + n + " / 2 AS INT)";
    return expr(
        "CASE WHEN "
            + n
            + " = 0 THEN CAST(NULL AS DOUBLE) WHEN "
            + n
            + " % 2 = 1 THEN element_at("
            + a
            + ", "
            + mid
            + " + 1) ELSE (element_at("
            + a
            + ", "
            + mid
            + ") + element_at("
            + a
            + ", "
            + mid
            + " + 1)) / 2 END");
  }

  /** Column names as the Scala sequence {@code Dataset.join} takes (Scala 2.12). */
  @SuppressWarnings("deprecation")
  static scala.collection.Seq<String> scala(List<String> cols) {
    return scala.collection.JavaConverters.asScalaBuffer(cols).toSeq();
  }
}
