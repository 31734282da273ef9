package org.marsad.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.ingest.IngestSettings;
import org.marsad.testing.SparkTestSession;
import org.marsad.testing.TestPaths;

/**
 * The whole pipeline over SaudiNewsNet and ANT v1.1 in one warehouse; every count checked for a
 * sample of entities and days equals a direct recount from {@code mentions}. Skipped without
 * ../shared/data.
 */
@Tag("realdata")
class RealDataPipelineTest {
  @TempDir Path tmp;

  void pipeline(String source, String input, String warehouse) {
    Config config = MarsadConfig.load(null, List.of());
    IngestSettings settings =
        IngestSettings.from(config, null, null, source, LocalDate.of(2026, 11, 30));
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    PipelineCommand.run(
        SparkTestSession.get(),
        config,
        settings,
        InputLister.list(List.of(input), new Configuration()),
        Catalog.load(config),
        common,
        "lexicon",
        false);
  }

  @Test
  void saudiNewsNetAndAntThroughTheWholePipelineRecountExactly() {
    File snn = TestPaths.sharedData("saudinewsnet");
    File ant = TestPaths.sharedData("antcorpus-v1.1");
    String wh = tmp.resolve("wh").toString();
    pipeline("saudinewsnet", snn + "/*.json.gz", wh);
    pipeline("antcorpus", ant.toString(), wh);
    SparkSession spark = SparkTestSession.get();
    new Warehouse(wh, spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    assertThat(spark.sql("SELECT count(DISTINCT dataset) FROM articles").first().getLong(0))
        .isEqualTo(2);
    // ANT has articles on SaudiNewsNet's days (July-August 2015): ingesting it must not replace
    // SaudiNewsNet's articles of those days.
    assertThat(
            spark
                .sql("SELECT count(*) FROM articles WHERE dataset = 'saudinewsnet'")
                .first()
                .getLong(0))
        .isEqualTo(30_655);
    // Trends: for the watch-list countries, every day and week of both dumps.
    String watched = "('Q794', 'Q159', 'Q43', 'Q858', 'Q30')";
    List<Row> trendDiffs =
        spark
            .sql(
                "SELECT t.granularity, t.period_start, t.entity_id, t.mentions, t.articles,"
                    + " t.stories, r.mentions, r.articles, r.stories FROM entity_trends t"
                    + " LEFT JOIN (SELECT CASE g WHEN 'day' THEN pub_date ELSE"
                    + " CAST(date_trunc('week', pub_date) AS DATE) END AS p, g, rollup_id,"
                    + " count(*) mentions, count(DISTINCT article_id) articles,"
                    + " count(DISTINCT story_id) stories FROM mentions"
                    + " LATERAL VIEW explode(array('day', 'week')) x AS g GROUP BY 1, 2, 3) r"
                    + " ON r.p = t.period_start AND r.g = t.granularity AND r.rollup_id ="
                    + " t.entity_id WHERE t.level = 'rollup' AND t.granularity IN ('day', 'week')"
                    + " AND t.entity_id IN "
                    + watched
                    + " AND (t.mentions <> coalesce(r.mentions, 0) OR t.articles <>"
                    + " coalesce(r.articles, 0) OR t.stories <> coalesce(r.stories, 0))")
            .collectAsList();
    assertThat(trendDiffs).isEmpty();
    long checked =
        spark
            .sql(
                "SELECT count(*) FROM entity_trends WHERE level = 'rollup' AND entity_id IN "
                    + watched
                    + " AND mentions > 0")
            .first()
            .getLong(0);
    assertThat(checked).isGreaterThan(100);
    // Totals: the articles of each day.
    assertThat(
            spark
                .sql(
                    "SELECT count(*) FROM entity_trends t JOIN (SELECT pub_date, count(*) n FROM"
                        + " articles GROUP BY 1) a ON a.pub_date = t.period_start WHERE"
                        + " t.granularity = 'day' AND t.total_articles <> a.n")
                .first()
                .getLong(0))
        .isZero();
    // Co-occurrence in articles, by day and by week, for the watch-list pairs: articles and stories
    // recounted with a self-join (two separate reads, so that the two sides cannot be taken for
    // one another); a story over several days of a week counts once in the week.
    var m1 =
        spark
            .read()
            .parquet(wh + "/mentions")
            .selectExpr("article_id", "story_id", "pub_date", "rollup_id x");
    var m2 = spark.read().parquet(wh + "/mentions").selectExpr("article_id AS bid", "rollup_id y");
    m1.join(m2, m1.col("article_id").equalTo(m2.col("bid")).and(m1.col("x").lt(m2.col("y"))))
        .selectExpr(
            "explode(array(named_struct('g', 'day', 'p', pub_date), named_struct('g', 'week', 'p',"
                + " to_date(date_trunc('week', pub_date))))) AS q",
            "article_id",
            "story_id",
            "x",
            "y")
        .selectExpr("q.g AS g", "q.p AS p", "article_id", "story_id", "x", "y")
        .groupBy("g", "p", "x", "y")
        .agg(
            org.apache.spark.sql.functions.countDistinct("article_id").as("n"),
            org.apache.spark.sql.functions.countDistinct("story_id").as("stories"))
        .createOrReplaceTempView("pair_recount");
    List<Row> pairDiffs =
        spark
            .sql(
                "SELECT c.granularity, c.period_start, c.entity_a, c.entity_b, c.n_ab, r.n,"
                    + " c.n_ab_stories, r.stories FROM cooccurrence c LEFT JOIN pair_recount r ON"
                    + " r.g = c.granularity AND r.p = c.period_start AND r.x = c.entity_a AND r.y"
                    + " = c.entity_b WHERE c.granularity IN ('day', 'week') AND c.scope = 'article'"
                    + " AND c.level = 'rollup' AND c.entity_a IN "
                    + watched
                    + " AND c.entity_b IN "
                    + watched
                    + " AND (c.n_ab <> coalesce(r.n, 0) OR c.n_ab_articles <> coalesce(r.n, 0)"
                    + " OR c.n_ab_stories <> coalesce(r.stories, 0))")
            .collectAsList();
    assertThat(pairDiffs).isEmpty();
    assertThat(
            spark
                .sql(
                    "SELECT count(*) FROM cooccurrence WHERE npmi < -1 OR npmi > 1 OR n_ab > n_a"
                        + " OR n_ab > n_b OR n_a > n_total OR llr < 0")
                .first()
                .getLong(0))
        .isZero();
    assertThat(spark.sql("SELECT count(*) FROM event_windows").first().getLong(0)).isPositive();
  }
}
