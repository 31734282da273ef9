package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.tables.Tables;
import org.marsad.testing.SparkTestSession;

/** The extract job over the ingested data-samples. */
class ExtractJobTest {
  @TempDir static Path tmp;
  static String warehouse;
  static ExtractJob.Result first;

  static ExtractJob.Result extract() {
    Config config = MarsadConfig.load(null, List.of());
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    return ExtractCommand.run(SparkTestSession.get(), config, Catalog.load(config), common);
  }

  @BeforeAll
  static void ingestAndExtract() {
    warehouse = tmp.resolve("wh").toString();
    IngestJobTest.articlesDir =
        new java.io.File(org.marsad.testing.TestPaths.samples(), "articles");
    IngestJobTest.ingest(warehouse, null, null);
    first = extract();
  }

  /** Mentions whose surface is not the stored text at their offsets (there must be none). */
  static List<Row> surfaceMismatches(Dataset<Row> mentions, Dataset<Row> articles) {
    return mentions
        .join(articles.select("article_id", "title", "body"), "article_id")
        .filter(
            "surface <> substring(CASE field WHEN 'title' THEN title ELSE body END,"
                + " start + 1, `end` - start)")
        .collectAsList();
  }

  @Test
  void everyMentionPointsAtItsSurfaceInTheStoredText() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> m = spark.read().parquet(warehouse + "/mentions");
    Dataset<Row> a = spark.read().parquet(warehouse + "/articles");
    assertThat(surfaceMismatches(m, a)).isEmpty();
    assertThat(m.count()).isEqualTo(first.mentionsWritten()).isPositive();
    assertThat(first.articlesRead()).isEqualTo(16);
  }

  @Test
  void theRunReportCountsWhatTheTablesHold() {
    // The counts are gathered while the rows are written: recount them from the tables.
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> m = spark.read().parquet(warehouse + "/mentions");
    assertThat(first.mentionsWritten()).isEqualTo(m.count());
    assertThat(first.articlesWithMentions())
        .isEqualTo(m.select("article_id").distinct().count())
        .isPositive();
    Map<String, Long> byForm = new HashMap<>();
    for (Row r : m.groupBy("form").count().collectAsList()) {
      byForm.put(r.getString(0), r.getLong(1));
    }
    assertThat(first.mentionsByForm()).isEqualTo(byForm);
    Dataset<Row> units = spark.read().parquet(warehouse + "/article_units");
    assertThat(units.count()).isEqualTo(first.articlesRead());
    assertThat(units.columns()).containsExactly(Tables.ARTICLE_UNITS_SCHEMA.fieldNames());
  }

  @Test
  void aRerunClearsTheDaysThatLostTheirMentionsAndKeepsTheOthers(@TempDir Path own) {
    String wh = own.resolve("wh").toString();
    IngestJobTest.ingest(wh, null, null);
    Config config = MarsadConfig.load(null, List.of());
    Catalog full = Catalog.load(config);
    SparkSession spark = SparkTestSession.get();
    JobRunner.extract(spark, config, full, wh, "lexicon");
    int daysBefore =
        new java.io.File(wh, "mentions").list((d, n) -> n.startsWith("pub_date=")).length;
    // Iran alone: the days that never name it keep no mentions from the first run.
    Catalog iranOnly =
        new Catalog(full.entities().values().stream().filter(e -> e.id().equals("Q794")).toList());
    ExtractJob.Result r = JobRunner.extract(spark, config, iranOnly, wh, "lexicon");
    Dataset<Row> m = spark.read().parquet(wh + "/mentions");
    assertThat(m.filter(col("entity_id").notEqual("Q794")).count()).isZero();
    assertThat(m.count()).isEqualTo(r.mentionsWritten()).isPositive();
    int daysAfter =
        new java.io.File(wh, "mentions").list((d, n) -> n.startsWith("pub_date=")).length;
    assertThat(daysAfter).isPositive().isLessThan(daysBefore);
  }

  @Test
  void theSeedHeadlineIsTwoCapitalsAndSyria() {
    // "Tehran draws closer to Moscow to keep its influence in Syria": read by hand.
    SparkSession spark = SparkTestSession.get();
    List<Row> title =
        spark
            .read()
            .parquet(warehouse + "/mentions")
            .join(
                spark
                    .read()
                    .parquet(warehouse + "/articles")
                    .filter(col("input_file").contains("seed-article"))
                    .select("article_id"),
                "article_id")
            .filter(col("field").equalTo("title"))
            .orderBy("start")
            .select("entity_id", "form", "rollup_id", "entity_type", "engine")
            .collectAsList();
    assertThat(title)
        .extracting(Row::toString)
        .containsExactly(
            "[Q3616,capital,Q794,CITY,lexicon]",
            "[Q649,capital,Q159,CITY,lexicon]",
            "[Q858,name,Q858,COUNTRY,lexicon]");
  }

  @Test
  void aRerunGivesTheSameMentions() {
    SparkSession spark = SparkTestSession.get();
    List<Row> before =
        spark.read().parquet(warehouse + "/mentions").drop("extract_run_id").collectAsList();
    ExtractJob.Result again = extract();
    List<Row> after =
        spark.read().parquet(warehouse + "/mentions").drop("extract_run_id").collectAsList();
    assertThat(after).containsExactlyInAnyOrderElementsOf(before);
    assertThat(again.mentionsWritten()).isEqualTo(first.mentionsWritten());
    Map<String, Long> forms = new HashMap<>(again.mentionsByForm());
    assertThat(forms).containsKeys("name", "demonym", "capital", "leader");
  }
}
