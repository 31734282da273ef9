package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.testing.SparkTestSession;

/**
 * The analytics jobs over the ingested and extracted data-samples: one run over everything equals
 * day-by-day runs, and counts equal a direct recount from {@code mentions}.
 */
class AnalyticsJobTest {
  @TempDir static Path tmp;
  static String whole;
  static String daily;
  static Config config = MarsadConfig.load(null, List.of("cooccur.min_support=1"));

  static void analytics(String warehouse, LocalDate from, LocalDate to, String... jobs) {
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    common.from = from;
    common.to = to;
    for (String job : jobs) {
      AnalyticsCommands.run(
          SparkTestSession.get(), config, common, job, AnalyticsCommands.job(job));
    }
  }

  @BeforeAll
  static void pipeline() throws Exception {
    whole = tmp.resolve("whole").toString();
    IngestJobTest.articlesDir = new File(org.marsad.testing.TestPaths.samples(), "articles");
    IngestJobTest.ingest(whole, null, null);
    CommonOptions common = new CommonOptions();
    common.warehouse = whole;
    ExtractCommand.run(SparkTestSession.get(), config, Catalog.load(config), common);
    // The same inputs in a second warehouse, for the day-by-day runs.
    daily = tmp.resolve("daily").toString();
    for (String table : List.of("articles", "mentions", "article_units")) {
      copy(Path.of(whole, table), Path.of(daily, table));
    }
    analytics(whole, null, null, "trends", "cooccur", "events");
  }

  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  static List<String> rows(String warehouse, String table, String runColumn) {
    Dataset<Row> d = SparkTestSession.get().read().parquet(warehouse + "/" + table).drop(runColumn);
    List<String> out = new ArrayList<>();
    for (Row r : d.collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  @Test
  void dayByDayRunsGiveTheSameTablesAsOneRun() {
    SparkSession spark = SparkTestSession.get();
    List<LocalDate> days = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .parquet(daily + "/articles")
            .select("pub_date")
            .distinct()
            .orderBy("pub_date")
            .collectAsList()) {
      days.add(r.getDate(0).toLocalDate());
    }
    assertThat(days).hasSizeGreaterThan(5);
    for (LocalDate day : days) {
      analytics(daily, day, day, "trends", "cooccur");
    }
    assertThat(rows(daily, "entity_trends", "trends_run_id"))
        .isNotEmpty()
        .isEqualTo(rows(whole, "entity_trends", "trends_run_id"));
    assertThat(rows(daily, "cooccurrence", "cooccur_run_id"))
        .isNotEmpty()
        .isEqualTo(rows(whole, "cooccurrence", "cooccur_run_id"));
    assertThat(rows(daily, "entity_sets", "cooccur_run_id"))
        .isEqualTo(rows(whole, "entity_sets", "cooccur_run_id"));
  }

  @Test
  void trendAndPairCountsEqualARecountFromMentions() {
    SparkSession spark = SparkTestSession.get();
    new Warehouse(whole, spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    // Rolled-up articles per day, recounted.
    List<Row> diff =
        spark
            .sql(
                "SELECT t.period_start, t.entity_id, t.articles, r.n FROM entity_trends t LEFT JOIN"
                    + " (SELECT pub_date, rollup_id, count(DISTINCT article_id) n FROM mentions"
                    + " GROUP BY 1, 2) r ON r.pub_date = t.period_start AND r.rollup_id ="
                    + " t.entity_id WHERE t.granularity = 'day' AND t.level = 'rollup'"
                    + " AND t.articles <> coalesce(r.n, 0)")
            .collectAsList();
    assertThat(diff).isEmpty();
    // Sentence pairs per month, recounted with a self-join.
    List<Row> pairs =
        spark
            .sql(
                "SELECT c.entity_a, c.entity_b, c.n_ab, r.n FROM cooccurrence c JOIN (SELECT"
                    + " trunc(a.pub_date, 'month') m, a.rollup_id x, b.rollup_id y,"
                    + " count(DISTINCT a.article_id, a.field, a.paragraph_idx, a.sentence_idx) n"
                    + " FROM mentions a JOIN mentions b ON a.article_id = b.article_id AND"
                    + " a.field = b.field AND a.paragraph_idx = b.paragraph_idx AND"
                    + " a.sentence_idx = b.sentence_idx AND a.rollup_id < b.rollup_id"
                    + " GROUP BY 1, 2, 3) r ON r.m = c.period_start AND r.x = c.entity_a AND"
                    + " r.y = c.entity_b WHERE c.granularity = 'month' AND c.scope = 'sentence'"
                    + " AND c.level = 'rollup'")
            .collectAsList();
    assertThat(pairs)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.getLong(2)).isEqualTo(r.getLong(3)));
    // Sentences in the period: the sum of article_units, and more than the sentences with pairs.
    Row total =
        spark
            .sql(
                "SELECT max(n_total), (SELECT sum(sentences) FROM article_units) FROM"
                    + " cooccurrence WHERE granularity = 'month' AND scope = 'sentence'"
                    + " AND period_start = DATE'2020-04-01'")
            .first();
    assertThat(total.getLong(0))
        .isEqualTo(
            spark
                .sql("SELECT sum(sentences) FROM article_units WHERE pub_date < DATE'2020-05-01'")
                .first()
                .getLong(0));
  }

  @Test
  void eventWindowsCoverEveryEventWindowAndSubject() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> w = spark.read().parquet(whole + "/event_windows");
    assertThat(w.select("event_id").distinct().count()).isEqualTo(31); // conf/events/astana.tsv
    // Subjects of the shipped watch lists: 5 entities, 10 pairs (syria_actors' pairs include
    // astana_guarantors'), 2 sets. 4 windows of 31 events, whatever the articles.
    assertThat(w.select("subject_kind", "subject").distinct().count()).isEqualTo(5 + 10 + 2);
    assertThat(w.count()).isEqualTo(31L * 4 * 17);
    assertThat(w.filter(col("p_value").lt(0).or(col("p_value").gt(1))).count()).isZero();
  }
}
