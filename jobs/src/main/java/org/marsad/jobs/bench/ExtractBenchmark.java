package org.marsad.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.extract.MentionExtractor;
import org.marsad.ingest.IngestSettings;
import org.marsad.jobs.ExtractJob;
import org.marsad.jobs.InputLister;
import org.marsad.jobs.JobRunner;
import org.marsad.jobs.Sessions;

/**
 * Extraction benchmark: a real dump is ingested (untimed), then on the same {@code articles}, in
 * one JVM: the floor (read the articles' text columns, write Parquet), the lexicon engine, the
 * combined engine (lexicon + NER model + linking) and the Spark NLP engine, each writing {@code
 * mentions}. Floor, lexicon and combined run twice and the faster run counts; Spark NLP runs
 * once (its warm-up is a smaller share of its time).
 *
 * <p>Usage: {@code ExtractBenchmark OUT.json WORKDIR SOURCE INPUT...}
 */
public final class ExtractBenchmark {
  private ExtractBenchmark() {}

  public static void main(String[] args) throws Exception {
    File out = new File(args[0]);
    String work = args[1];
    String source = args[2];
    List<String> inputs = List.of(args).subList(3, args.length);
    Config config = MarsadConfig.load(null, List.of());
    SparkSession spark = Sessions.create("marsad bench-extract", null, config);
    String wh = work + "/wh";
    var files = InputLister.list(inputs, new Configuration());
    var settings = IngestSettings.from(config, null, null, source, IngestSettings.todayUtc());
    JobRunner.ingest(spark, config, settings, files, wh, null, null);
    long bytes =
        spark
            .read()
            .parquet(wh + "/articles")
            .selectExpr("sum(length(title) + length(body))")
            .first()
            .getLong(0);
    Catalog catalog = Catalog.load(config);

    double floor = Double.MAX_VALUE;
    double lexicon = Double.MAX_VALUE;
    double matchOnly = Double.MAX_VALUE;
    long matched = 0;
    ExtractJob.Result lex = null;
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    com.fasterxml.jackson.databind.JsonNode stages = null;
    for (int round = 0; round < 2; round++) {
      long t0 = System.nanoTime();
      spark
          .read()
          .parquet(wh + "/articles")
          .select("article_id", "pub_date", "title", "body")
          .write()
          .mode("overwrite")
          .parquet(work + "/floor");
      floor = Math.min(floor, (System.nanoTime() - t0) / 1e9);
      long t1 = System.nanoTime();
      lex = JobRunner.extract(spark, config, catalog, wh, "lexicon");
      double took = (System.nanoTime() - t1) / 1e9;
      if (took < lexicon) {
        stages = json.readTree(new File(wh + "/_runs/" + lex.runId() + ".json")).get("timings_ms");
      }
      lexicon = Math.min(lexicon, took);
      // The matcher alone (read, segment, match, count): what the job adds beyond it is the
      // shuffle by day, the sorted write and the run report's read-back.
      long t3 = System.nanoTime();
      matched =
          spark
              .read()
              .parquet(wh + "/articles")
              .select("article_id", "pub_date", "title", "body", "story_id", "source")
              .javaRDD()
              .mapPartitions(new MentionExtractor(catalog, "bench"))
              .count();
      matchOnly = Math.min(matchOnly, (System.nanoTime() - t3) / 1e9);
    }
    // The matcher's own rate per core, Spark's costs left out: each task reads its articles first
    // (holding one input split, at most spark.sql.files.maxPartitionBytes of Parquet, in memory)
    // and times only the matcher over them.
    double perCore = 0;
    for (int round = 0; round < 2; round++) {
      perCore = Math.max(perCore, bytes / matcherTaskSeconds(spark, wh, catalog, null));
    }
    // The combined engine (matcher + NER model + linking), the same two ways, on the same text.
    String model = config.getString("extract.ner.model");
    double combinedPerCore = 0;
    double combined = Double.MAX_VALUE;
    ExtractJob.Result comb = null;
    // Twice, the faster counting, as the lexicon engine: one noisy run must not decide the ratio.
    for (int round = 0; round < 2; round++) {
      combinedPerCore =
          Math.max(combinedPerCore, bytes / matcherTaskSeconds(spark, wh, catalog, model));
      long tc = System.nanoTime();
      comb = JobRunner.extract(spark, config, catalog, wh, "combined");
      combined = Math.min(combined, (System.nanoTime() - tc) / 1e9);
    }
    // The analytics below run on the lexicon's mentions, as before.
    JobRunner.extract(spark, config, catalog, wh, "lexicon");
    int cores = spark.sparkContext().defaultParallelism();
    // The analytics jobs on the lexicon's mentions, each once (warm JVM): issue 4's goal is that
    // together they take no more than the extract job.
    double[] analytics = new double[3];
    String[] jobs = {"trends", "cooccur", "events"};
    for (int i = 0; i < jobs.length; i++) {
      long t = System.nanoTime();
      JobRunner.analytics(spark, config, wh, jobs[i]);
      analytics[i] = (System.nanoTime() - t) / 1e9;
    }
    // -Dmarsad.bench.skipSparkNlp=true: its regex ruler costs tokens x patterns (see README).
    boolean skipNlp = Boolean.getBoolean("marsad.bench.skipSparkNlp");
    long t2 = System.nanoTime();
    ExtractJob.Result nlp =
        skipNlp ? null : JobRunner.extract(spark, config, catalog, wh, "sparknlp");
    double sparknlp = skipNlp ? Double.NaN : (System.nanoTime() - t2) / 1e9;

    ObjectNode report = json.createObjectNode();
    report.set("lexicon_stages_ms", stages);
    report.put("inputs", String.join(" ", inputs));
    report.put("articles", lex.articlesRead());
    report.put("text_chars", bytes);
    ArrayNode runs = report.putArray("runs");
    add(runs, "floor (read articles, write Parquet)", floor, floor, bytes, -1);
    add(runs, "lexicon matcher only (no write)", matchOnly, floor, bytes, matched);
    add(runs, "extract, lexicon engine", lexicon, floor, bytes, lex.mentionsWritten());
    add(runs, "extract, combined engine (lexicon + NER)", combined, floor, bytes, comb.mentionsWritten());
    double analyticsTotal = 0;
    for (int i = 0; i < jobs.length; i++) {
      add(runs, jobs[i], analytics[i], floor, bytes, -1);
      analyticsTotal += analytics[i];
    }
    add(runs, "trends + cooccur + events", analyticsTotal, floor, bytes, -1);
    report.put("analytics_over_extract", Math.round(analyticsTotal / lexicon * 100) / 100.0);
    report.put("matcher_mchars_per_core_s", Math.round(perCore / 1e6 * 10) / 10.0);
    report.put("combined_mchars_per_core_s", Math.round(combinedPerCore / 1e6 * 100) / 100.0);
    report.put("combined_over_lexicon_job", Math.round(combined / lexicon * 100) / 100.0);
    report.put("combined_ner_mentions", comb.mentionsByForm().getOrDefault("ner", 0L));
    report.put("floor_mchars_per_core_s", Math.round(bytes / floor / cores / 1e6 * 10) / 10.0);
    if (nlp != null) {
      add(runs, "extract, Spark NLP engine", sparknlp, floor, bytes, nlp.mentionsWritten());
      report.put("lexicon_speedup_over_sparknlp", Math.round(sparknlp / lexicon * 10) / 10.0);
    }
    Files.writeString(out.toPath(), json.writeValueAsString(report));
    System.out.printf(
        Locale.ROOT,
        "%nArticles: %d (%.1f M characters of title and body)%n",
        lex.articlesRead(),
        bytes / 1e6);
    System.out.printf(
        Locale.ROOT,
        "%-40s %9s %10s %8s %9s%n",
        "run",
        "seconds",
        "Mchar/s",
        "x floor",
        "mentions");
    runs.forEach(
        r ->
            System.out.printf(
                Locale.ROOT,
                "%-40s %9.1f %10.2f %8.2f %9s%n",
                r.get("run").asText(),
                r.get("seconds").asDouble(),
                r.get("mchars_per_s").asDouble(),
                r.get("ratio_to_floor").asDouble(),
                r.get("mentions").asLong() < 0 ? "-" : r.get("mentions").asText()));
    System.out.println("lexicon job stages (ms): " + stages);
    System.out.printf(
        Locale.ROOT,
        "matcher alone, per core (task time in the matcher only): %.1f M chars/s;"
            + " the floor, per core: %.1f M chars/s (%d cores)%n",
        perCore / 1e6,
        bytes / floor / cores / 1e6,
        cores);
    System.out.printf(
        Locale.ROOT,
        "combined engine alone, per core: %.2f M chars/s (%.1fx the matcher's);"
            + " combined extract job / lexicon extract job = %.2f%n",
        combinedPerCore / 1e6,
        perCore / combinedPerCore,
        combined / lexicon);
    System.out.printf(
        Locale.ROOT,
        "analytics (trends + cooccur + events) / extract = %.2f%n",
        analyticsTotal / lexicon);
    if (nlp != null) {
      System.out.printf(
          Locale.ROOT, "lexicon is %.1fx faster than Spark NLP%n", sparknlp / lexicon);
    } else {
      System.out.println("Spark NLP engine skipped (-Dmarsad.bench.skipSparkNlp=true)");
    }
    System.out.println("JSON: " + out);
    spark.stop();
  }

  /**
   * Task seconds spent in the matcher (or, with {@code nerModel}, the combined engine) over all
   * articles, reading and writing left out.
   */
  private static double matcherTaskSeconds(
      SparkSession spark, String wh, Catalog catalog, String nerModel) {
    LongAccumulator nanos = spark.sparkContext().longAccumulator("matcher nanoseconds");
    MentionExtractor extractor = new MentionExtractor(catalog, "bench", nerModel);
    spark
        .read()
        .parquet(wh + "/articles")
        .select("article_id", "pub_date", "title", "body", "story_id", "source")
        .javaRDD()
        .foreachPartition(
            rows -> {
              List<Row> articles = new ArrayList<>();
              rows.forEachRemaining(articles::add);
              long t0 = System.nanoTime();
              var found = extractor.call(articles.iterator());
              while (found.hasNext()) {
                found.next();
              }
              nanos.add(System.nanoTime() - t0);
            });
    return nanos.value() / 1e9;
  }

  private static void add(
      ArrayNode runs, String name, double sec, double floor, long chars, long mentions) {
    ObjectNode n = runs.addObject();
    n.put("run", name);
    n.put("seconds", Math.round(sec * 100) / 100.0);
    n.put("mchars_per_s", Math.round(chars / 1e6 / sec * 100) / 100.0);
    n.put("ratio_to_floor", Math.round(sec / floor * 100) / 100.0);
    n.put("mentions", mentions);
  }
}
