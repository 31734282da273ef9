package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.ingest.IngestSettings;
import org.marsad.testing.SparkTestSession;

/**
 * Issue 18: ingesting a dump day by day, in any order, gives the same articles (ids, exact copies,
 * stories) as one run over all days, because each run deduplicates with the keys of the days
 * already in the warehouse and rewrites the days whose stories it changes.
 */
class IncrementalDedupTest {
  @TempDir Path tmp;

  static Dataset<Row> identities(String wh) {
    return SparkTestSession.get()
        .read()
        .parquet(wh + "/articles")
        .select("article_id", "dup_of", "story_id", "pub_date", "source_id", "title");
  }

  /**
   * Six days of articles where stories and copies cross days: near copies a day or two later,
   * chains of near copies longer than the dedup window, exact copies (same text, so the same base
   * id) on later and earlier days.
   */
  static void writeDump(Path dir) throws Exception {
    var a =
        org.marsad.generate.CorpusGenerator.sample(
            Pipelines.CATALOG, org.marsad.generate.CorpusGenerator.Settings.defaults(), 40);
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (int i = 0; i < a.size(); i++) {
      var x = a.get(i);
      if (x.copyOf() != null) {
        continue; // the generator's own copies are same-day
      }
      int day = 1 + i % 6;
      out.append(TortureCorpusTest.json("G-" + n++, x.title(), x.body(), date(day))).append('\n');
      if (i % 4 == 0 && day <= 5) {
        // A near copy the next day, and another two days after that: a chain across 3 days.
        // A light edit: another article's title added as a closing sentence.
        String body = x.body() + " " + a.get((i + 7) % a.size()).title() + ".";
        out.append(TortureCorpusTest.json("G-" + n++, x.title(), body, date(day + 1))).append('\n');
        if (day <= 3) {
          body = body + " " + a.get((i + 13) % a.size()).title() + ".";
          out.append(TortureCorpusTest.json("G-" + n++, x.title(), body, date(day + 3)))
              .append('\n');
        }
      }
      if (i % 5 == 1) {
        // An exact copy on another day, later or earlier.
        int other = day < 6 ? day + 1 : day - 2;
        out.append(TortureCorpusTest.json("G-" + n++, x.title(), x.body(), date(other)))
            .append('\n');
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("dump.jsonl"), out.toString());
  }

  private static String date(int day) {
    return "2017-03-0" + day;
  }

  @Test
  void dayByDayInAnyOrderEqualsOneRun() throws Exception {
    Path gen = tmp.resolve("gen");
    writeDump(gen);
    SparkSession spark = SparkTestSession.get();
    var config = Pipelines.CONFIG;
    var settings = IngestSettings.from(config, null, null, null, IngestSettings.todayUtc());
    var files = InputLister.list(List.of(gen.toString()), new Configuration());
    String one = tmp.resolve("one").toString();
    JobRunner.ingest(spark, config, settings, files, one, null, null);
    // The test means something only if stories and copies cross days.
    long crossDayStories =
        identities(one).groupBy("story_id").agg(org.apache.spark.sql.functions.countDistinct(col("pub_date")).as("days"))
            .filter(col("days").gt(1))
            .count();
    assertThat(crossDayStories).isPositive();

    String daily = tmp.resolve("daily").toString();
    long rewritten = 0;
    for (int d : new int[] {3, 1, 2, 6, 5, 4}) {
      LocalDate day = LocalDate.parse("2017-03-0" + d);
      IngestJob.Result r = JobRunner.ingest(spark, config, settings, files, daily, day, day);
      var report = new ObjectMapper().readTree(Files.readString(Path.of(r.reportPath().replace("file:", ""))));
      rewritten += report.path("other_days_rewritten").path("days").asLong();
    }
    Pipelines.assertSameRows(identities(one), identities(daily), "articles, day by day");
    assertThat(rewritten).as("some runs changed other days").isPositive();
    // Rerunning a day changes nothing.
    LocalDate again = LocalDate.parse("2017-03-02");
    JobRunner.ingest(spark, config, settings, files, daily, again, again);
    Pipelines.assertSameRows(identities(one), identities(daily), "articles after a rerun");
  }

  /**
   * The daily DAG's schedule (ingest, extract, trends, cooccur, events, each for the run's day)
   * ends with every table equal to one pipeline run over all days: days an ingest rewrote are
   * pending for extract, then for the analytics, which widen their range to cover them.
   */
  @Test
  void theDailyScheduleEqualsOnePipelineRun() throws Exception {
    Path gen = tmp.resolve("gen");
    writeDump(gen);
    String one = tmp.resolve("one").toString();
    Pipelines.run(gen.toString(), one);
    SparkSession spark = SparkTestSession.get();
    var config = Pipelines.CONFIG;
    var settings = IngestSettings.from(config, null, null, null, IngestSettings.todayUtc());
    var files = InputLister.list(List.of(gen.toString()), new Configuration());
    String daily = tmp.resolve("daily").toString();
    long pendingRuns = 0;
    // Days out of order, as a backfill with parallel runs or a late day's files give them.
    for (int d : new int[] {3, 1, 2, 6, 5, 4}) {
      LocalDate day = LocalDate.parse(date(d));
      JobRunner.ingest(spark, config, settings, files, daily, day, day);
      CommonOptions common = new CommonOptions();
      common.warehouse = daily;
      common.from = day;
      common.to = day;
      ExtractJob.Result x = ExtractCommand.run(spark, config, Pipelines.CATALOG, common, "lexicon");
      var report =
          new ObjectMapper()
              .readTree(Files.readString(Path.of(daily, "_runs", x.runId() + ".json")));
      pendingRuns += report.has("pending_days") ? 1 : 0;
      for (String job : List.of("trends", "cooccur", "events")) {
        AnalyticsCommands.run(spark, config, common, job, AnalyticsCommands.job(job));
      }
    }
    assertThat(pendingRuns).as("some extracts redid days an ingest rewrote").isPositive();
    assertThat(PendingDays.of(new Warehouse(daily, new Configuration()), "events")).isEmpty();
    for (String table : Pipelines.TABLES) {
      Pipelines.assertSameRows(
          Pipelines.rows(one, table), Pipelines.rows(daily, table), table + ", daily schedule");
    }
  }
}
