package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.config.MarsadConfig;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import org.marsad.tables.Tables;
import org.marsad.testing.SparkTestSession;
import org.marsad.testing.TestPaths;

/**
 * The ingest job on data-samples/, every row checked against data-samples/gold/ingest-expected.tsv.
 */
class IngestJobTest {
  @TempDir static Path tmp;
  static File articlesDir;
  static String warehouse;
  static IngestJob.Result first;

  static IngestJob.Result ingest(String warehouse, LocalDate from, LocalDate to) {
    return ingest(articlesDir, warehouse, from, to);
  }

  static IngestJob.Result ingest(File input, String warehouse, LocalDate from, LocalDate to) {
    SparkSession spark = SparkTestSession.get();
    Config config = MarsadConfig.load(null, List.of());
    IngestSettings settings =
        IngestSettings.from(config, null, null, null, LocalDate.of(2026, 11, 29));
    List<InputFile> files =
        InputLister.list(List.of(input.getAbsolutePath()), new Configuration());
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    common.from = from;
    common.to = to;
    return IngestCommand.runWith(spark, config, settings, files, common);
  }

  @BeforeAll
  static void ingestSamples() {
    articlesDir = new File(TestPaths.samples(), "articles");
    warehouse = tmp.resolve("wh").toString();
    first = ingest(warehouse, null, null);
  }

  /** Path of an input file relative to data-samples/articles/. */
  static String rel(String inputFile) {
    String marker = "/articles/";
    return inputFile.substring(inputFile.lastIndexOf(marker) + marker.length());
  }

  static List<String> expected() throws Exception {
    return Files.readAllLines(new File(TestPaths.samples(), "gold/ingest-expected.tsv").toPath())
        .stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .sorted()
        .toList();
  }

  static List<String> actual(String warehouse) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> articles = spark.read().parquet(warehouse + "/" + Tables.ARTICLES);
    Map<String, String> refOf = new HashMap<>();
    List<Row> rows = articles.collectAsList();
    for (Row r : rows) {
      refOf.put(
          r.getAs("article_id"), rel(r.getAs("input_file")) + "#" + r.<Long>getAs("record_index"));
    }
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      Object ts = r.getAs("pub_ts");
      out.add(
          String.join(
              "\t",
              rel(r.getAs("input_file")),
              String.valueOf(r.<Long>getAs("record_index")),
              "article",
              r.getAs("source"),
              dash(r.getAs("source_id")),
              r.getAs("pub_date").toString(),
              ts == null ? "-" : ((java.sql.Timestamp) ts).toInstant().toString(),
              r.getAs("date_source"),
              "-",
              dash(refOf.get(r.<String>getAs("dup_of"))),
              refOf.get(r.<String>getAs("story_id"))));
    }
    for (Row r : spark.read().parquet(warehouse + "/" + Tables.REJECTS).collectAsList()) {
      out.add(
          String.join(
              "\t",
              rel(r.getAs("input_file")),
              String.valueOf(r.<Long>getAs("record_index")),
              "reject",
              r.getAs("source"),
              "-",
              "-",
              "-",
              "-",
              r.getAs("reason"),
              "-",
              "-"));
    }
    out.sort(null);
    return out;
  }

  static String dash(String s) {
    return s == null ? "-" : s;
  }

  @Test
  void everyRecordLandsWhereTheGoldFileSays() throws Exception {
    assertThat(actual(warehouse)).containsExactlyElementsOf(expected());
    assertThat(first.reconciled()).isTrue();
    assertThat(first.recordsRead()).isEqualTo(24);
    assertThat(first.articlesWritten()).isEqualTo(16);
    assertThat(first.rejectsWritten()).isEqualTo(8);
    assertThat(first.duplicates()).isEqualTo(4);
    assertThat(first.nearDuplicateClusters()).isEqualTo(2);
  }

  @Test
  void storedTextIsCleanedButKeepsWhatThePublisherWrote() {
    SparkSession spark = SparkTestSession.get();
    Map<String, Row> byFile =
        spark.read().parquet(warehouse + "/" + Tables.ARTICLES).collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> rel(r.getAs("input_file")) + "#" + r.getAs("record_index"), r -> r));
    String csv = byFile.get("csv/press-export.csv#0").getAs("body");
    assertThat(csv).doesNotContain("<p>", "</p>").contains("\n");
    String daily = byFile.get("json/sample-daily-2020-04-23.json#1").getAs("body");
    assertThat(daily).doesNotContain("&quot;", "\u00A0").contains("\"");
    String trec = byFile.get("trec/JA-politic-9001-20200426.txt#0").getAs("body");
    assertThat(trec).contains(" & ", " < 10");
    Row seed = byFile.get("text/seed-article_20200421.txt#0");
    assertThat(seed.<String>getAs("body")).doesNotContain("\n\n");
    assertThat(seed.<String>getAs("title")).isNotBlank().doesNotContain("\n");
    // Windows-1256 decoded to the same letters as the UTF-8 samples: the Arabic share is high.
    assertThat(byFile.get("cp1256/summit-27042020.txt#0").<Double>getAs("arabic_share"))
        .isGreaterThan(0.95);
    assertThat(byFile.values())
        .allSatisfy(r -> assertThat(r.<String>getAs("ingest_run_id")).isEqualTo(first.runId()));
  }

  @Test
  void rejectsKeepTheRawRecordAndAReason() {
    SparkSession spark = SparkTestSession.get();
    List<Row> rejects =
        spark
            .read()
            .parquet(warehouse + "/" + Tables.REJECTS)
            .filter(col("reason").equalTo("malformed_json"))
            .collectAsList();
    assertThat(rejects).hasSize(2);
    assertThat(rejects)
        .allSatisfy(
            r -> {
              assertThat(r.<String>getAs("detail")).isNotBlank();
              assertThat(r.<String>getAs("record")).isNotNull();
            });
  }

  @Test
  void runReportIsWrittenAndReconciles() throws Exception {
    File report = new File(warehouse + "/_runs/" + first.runId() + ".json");
    var json = RunReport.JSON.readTree(report);
    assertThat(json.get("status").asText()).isEqualTo("succeeded");
    assertThat(json.at("/counts/records_read").asLong()).isEqualTo(24);
    assertThat(json.at("/reconciliation/reconciled").asBoolean()).isTrue();
    assertThat(json.at("/rejects_by_reason/malformed_json").asLong()).isEqualTo(2);
    assertThat(json.at("/config/ingest/arabic/min_share").asDouble()).isEqualTo(0.5);
    assertThat(json.at("/timings_ms/parse").asLong()).isPositive();
  }

  @Test
  void aFirstRunWhoseEveryRecordIsRejectedReconcilesAndTheWarehouseIsQueryable() throws Exception {
    java.nio.file.Path in = tmp.resolve("english-only/a.jsonl");
    java.nio.file.Files.createDirectories(in.getParent());
    java.nio.file.Files.writeString(
        in, "{\"title\": \"hello\", \"body\": \"english only text\", \"date\": \"2017-01-01\"}\n");
    String wh = tmp.resolve("all-rejected").toString();
    IngestJob.Result r = ingest(in.toFile(), wh, null, null);
    assertThat(r.reconciled()).isTrue();
    assertThat(r.articlesWritten()).isZero();
    assertThat(r.rejectsByReason()).containsOnlyKeys("not_arabic");
    Warehouse w = new Warehouse(wh, new Configuration());
    assertThat(w.registerViews(SparkTestSession.get())).contains(Tables.ARTICLES, Tables.REJECTS);
    assertThat(SparkTestSession.get().sql("SELECT count(*) FROM articles").first().getLong(0))
        .isZero();
  }

  @Test
  void aRerunRewritesTheSamePartitionsWithIdenticalRows() {
    String wh = tmp.resolve("rerun").toString();
    ingest(wh, null, null);
    List<String> once = actual(wh);
    List<Row> rowsOnce = withoutRunId(wh);
    IngestJob.Result again = ingest(wh, null, null);
    assertThat(actual(wh)).isEqualTo(once);
    assertThat(withoutRunId(wh)).containsExactlyInAnyOrderElementsOf(rowsOnce);
    assertThat(again.rejectsWritten()).isEqualTo(8);
    assertThat(SparkTestSession.get().read().parquet(wh + "/rejects").count()).isEqualTo(8);
  }

  @Test
  void aDateRangeRewritesOnlyItsDays() {
    String wh = tmp.resolve("range").toString();
    IngestJob.Result all = ingest(wh, null, null);
    IngestJob.Result part =
        ingest(wh, LocalDate.parse("2020-04-22"), LocalDate.parse("2020-04-23"));
    // 2020-04-22: two articles (the Astana round and its wire copy), 2020-04-23: two.
    assertThat(part.articlesWritten()).isEqualTo(4);
    assertThat(part.outOfRange()).isEqualTo(12);
    assertThat(part.reconciled()).isTrue();
    Dataset<Row> a = SparkTestSession.get().read().parquet(wh + "/articles");
    assertThat(a.count()).isEqualTo(16);
    assertThat(
            a.filter(col("ingest_run_id").equalTo(part.runId()))
                .select("pub_date")
                .distinct()
                .collectAsList())
        .extracting(r -> r.get(0).toString())
        .containsExactlyInAnyOrder("2020-04-22", "2020-04-23");
    assertThat(a.filter(col("ingest_run_id").equalTo(all.runId())).count()).isEqualTo(12);
  }

  static List<Row> withoutRunId(String wh) {
    return SparkTestSession.get()
        .read()
        .parquet(wh + "/articles")
        .drop("ingest_run_id")
        .collectAsList();
  }
}
