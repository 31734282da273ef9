package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.config.MarsadConfig;
import org.marsad.dates.DateParser;
import org.marsad.ingest.IngestSettings;
import org.marsad.testing.SparkTestSession;
import org.marsad.testing.TestPaths;

/** Ingest of the real dumps in ../shared/data; skipped when they are absent. */
@Tag("realdata")
class RealDataIngestTest {
  @TempDir Path tmp;

  IngestJob.Result ingest(String source, String input, String warehouse) {
    Config config = MarsadConfig.load(null, List.of());
    IngestSettings settings =
        IngestSettings.from(config, null, null, source, LocalDate.of(2026, 11, 29));
    return JobRunner.ingest(
        SparkTestSession.get(),
        config,
        settings,
        InputLister.list(List.of(input), new Configuration()),
        warehouse,
        null,
        null);
  }

  @Test
  void everySaudiNewsNetRecordIsAccountedFor() {
    File dir = TestPaths.sharedData("saudinewsnet");
    String wh = tmp.resolve("snn").toString();
    IngestJob.Result r = ingest("saudinewsnet", dir + "/*.json.gz", wh);
    // 31,030 articles in 18 daily files (the dataset's own count).
    assertThat(r.recordsRead()).isEqualTo(31_030);
    assertThat(r.articlesWritten() + r.rejectsWritten()).isEqualTo(31_030);
    assertThat(r.reconciled()).isTrue();
    // 133 documents have empty content upstream; more are blank after cleaning.
    assertThat(r.rejectsByReason().get("empty_text")).isGreaterThanOrEqualTo(133);
    assertThat(r.rejectsByReason().keySet()).containsOnly("empty_text", "not_arabic");
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> a = spark.read().parquet(wh + "/articles");
    // Its only date is the crawl time, and the mapping says so.
    assertThat(a.filter(col("date_source").notEqual("crawl")).count()).isZero();
    assertThat(a.select("source").distinct().count()).isEqualTo(14);
    assertThat(a.filter(col("body").contains("\u00A0").or(col("body").contains("&quot;"))).count())
        .as("NBSP and HTML entities cleaned")
        .isZero();
  }

  /**
   * Issue 18: SaudiNewsNet ingested a day at a time, as the daily DAG does ({@code {ds}} input,
   * {@code --from D --to D}), equals one run over all days: every article's id, exact copy and
   * story, and the analytics built on each.
   */
  @Test
  void saudiNewsNetDayByDayEqualsOneRun() {
    File dir = TestPaths.sharedData("saudinewsnet");
    Config config = MarsadConfig.load(null, List.of());
    IngestSettings settings =
        IngestSettings.from(config, null, null, "saudinewsnet", LocalDate.of(2026, 11, 29));
    SparkSession spark = SparkTestSession.get();
    String one = tmp.resolve("one").toString();
    JobRunner.ingest(
        spark,
        config,
        settings,
        InputLister.list(List.of(dir + "/*.json.gz"), new Configuration()),
        one,
        null,
        null);
    String daily = tmp.resolve("daily").toString();
    String[] days =
        java.util.Arrays.stream(dir.list((d, n) -> n.endsWith(".json.gz")))
            .map(n -> n.substring(0, 10))
            .sorted()
            .toArray(String[]::new);
    assertThat(days).hasSize(18);
    long rewritten = 0;
    for (String d : days) {
      LocalDate day = LocalDate.parse(d);
      IngestJob.Result r =
          JobRunner.ingest(
              spark,
              config,
              settings,
              InputLister.list(List.of(dir + "/{ds}.json.gz"), new Configuration(), day, day),
              daily,
              day,
              day);
      assertThat(r.reconciled()).isTrue();
      assertThat(r.outOfRange()).as("each file holds its own day").isZero();
    }
    for (String table : List.of("articles")) {
      Pipelines.assertSameRows(
          Pipelines.rows(one, table).drop("ingest_run_id"),
          Pipelines.rows(daily, table).drop("ingest_run_id"),
          "SaudiNewsNet " + table + ", day by day vs one run");
    }
    for (String wh : List.of(one, daily)) {
      JobRunner.extract(spark, config, Pipelines.CATALOG, wh, "lexicon");
      for (String job : List.of("trends", "cooccur", "events")) {
        JobRunner.analytics(spark, config, wh, job);
      }
    }
    for (String table :
        List.of("mentions", "entity_trends", "cooccurrence", "entity_sets", "event_windows")) {
      Pipelines.assertSameRows(
          Pipelines.rows(one, table),
          Pipelines.rows(daily, table),
          "SaudiNewsNet " + table + ", day by day vs one run");
    }
  }

  @Test
  void everyAntDocumentIsAccountedForAndCrossFiledCopiesAreDuplicates() throws Exception {
    File dir = TestPaths.sharedData("antcorpus-v1.1");
    String wh = tmp.resolve("ant").toString();
    IngestJob.Result r = ingest("antcorpus", dir + "/*/*.txt", wh);
    assertThat(r.recordsRead()).isEqualTo(10_161);
    assertThat(r.reconciled()).isTrue();
    assertThat(r.rejectsByReason()).doesNotContainKeys("bad_date", "no_date", "malformed_trec");

    // Expected duplicates, found here with a plain scan of the files: the same <URL> twice.
    Map<String, List<String>> filesByUrl = new HashMap<>();
    Pattern url = Pattern.compile("<URL>\\s*([^<]+?)\\s*</URL>");
    try (var paths = Files.walk(dir.toPath())) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".txt")).toList()) {
        Matcher m = url.matcher(Files.readString(p, StandardCharsets.UTF_8));
        if (m.find()) {
          filesByUrl
              .computeIfAbsent(m.group(1), k -> new ArrayList<>())
              .add(p.getFileName().toString());
        }
      }
    }
    List<String> crossFiled =
        filesByUrl.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(Map.Entry::getKey)
            .toList();
    assertThat(crossFiled).hasSize(20);
    Dataset<Row> a = SparkTestSession.get().read().parquet(wh + "/articles");
    for (String u : crossFiled) {
      List<Row> copies = a.filter(col("url").equalTo(u)).collectAsList();
      assertThat(copies).as(u).hasSize(2);
      assertThat(copies.stream().filter(c -> c.getAs("dup_of") == null).count()).as(u).isEqualTo(1);
    }
  }

  @Test
  void antDatesParseFromTimeOrFileNameForAtLeast999PerMille() throws Exception {
    File dir = TestPaths.sharedData("antcorpus-v1.1");
    DateParser parser =
        new DateParser(
            LocalDate.of(1990, 1, 1), LocalDate.of(2026, 12, 1), ZoneId.of("Africa/Tunis"));
    Pattern time = Pattern.compile("<TIME>\\s*([^<]*?)\\s*</TIME>");
    int docs = 0;
    int fromTime = 0;
    int dated = 0;
    try (var paths = Files.walk(dir.toPath())) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".txt")).toList()) {
        docs++;
        Matcher m = time.matcher(Files.readString(p, StandardCharsets.UTF_8));
        boolean ok = m.find() && parser.parseValue(m.group(1)).ok();
        fromTime += ok ? 1 : 0;
        if (ok || parser.parseFileName(p.getFileName().toString()).ok()) {
          dated++;
        }
      }
    }
    assertThat(docs).isEqualTo(10_161);
    assertThat(dated).isGreaterThanOrEqualTo((int) Math.ceil(0.999 * docs));
    assertThat(fromTime)
        .isGreaterThanOrEqualTo(10_154); // all but ANT's 7 malformed <TIME>s, at worst
  }
}
