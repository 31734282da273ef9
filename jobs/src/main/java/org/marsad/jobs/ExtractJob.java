package org.marsad.jobs;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.marsad.catalog.Catalog;
import org.marsad.extract.MentionExtractor;
import org.marsad.extract.SparkNlpEngine;
import org.marsad.ner.NameLinker;
import org.marsad.tables.Tables;
import org.marsad.tables.Tables.Col;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code extract}: {@code articles} into {@code mentions}, one pass over each article's title and
 * body per partition, written partitioned by day and replacing exactly the days it covers.
 */
public final class ExtractJob {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractJob.class);

  private final SparkSession spark;
  private final Catalog catalog;
  private final Warehouse warehouse;
  private final LocalDate from;
  private final LocalDate to;
  private final RunReport report;
  private final String engine;
  private final String nerModel;

  /** Counts of one run. */
  public record Result(
      String runId,
      long articlesRead,
      long mentionsWritten,
      long articlesWithMentions,
      Map<String, Long> mentionsByForm) {}

  public ExtractJob(
      SparkSession spark,
      Catalog catalog,
      Warehouse warehouse,
      LocalDate from,
      LocalDate to,
      RunReport report,
      String engine,
      String nerModel) {
    this.spark = spark;
    this.nerModel = nerModel;
    this.catalog = catalog;
    this.warehouse = warehouse;
    this.from = from;
    this.to = to;
    this.report = report;
    this.engine = engine;
  }

  /** Spark's suggested least number of input splits (files are split by size to reach it). */
  private static final String MIN_SPLITS = "spark.sql.files.minPartitionNum";

  public Result run() {
    // The combined engine costs about 8 times the matcher per character, so the task that gets
    // the largest share of the input decides the job's time: asking for four splits per core (on
    // SaudiNewsNet, one per day file instead of two bins of nine) keeps every core busy to the
    // end. The lexicon engine is cheap enough that fewer, larger tasks are faster.
    boolean finer = engine.equals(MentionExtractor.COMBINED) && !spark.conf().contains(MIN_SPLITS);
    if (finer) {
      spark.conf().set(MIN_SPLITS, 4L * spark.sparkContext().defaultParallelism());
    }
    try {
      return extract();
    } finally {
      if (finer) {
        spark.conf().unset(MIN_SPLITS);
      }
    }
  }

  private Result extract() {
    String runId = report.runId();
    spark.sparkContext().setJobDescription("extract: read articles");
    Dataset<Row> articles;
    try {
      articles = spark.read().parquet(warehouse.table(Tables.ARTICLES));
    } catch (RuntimeException e) {
      throw new UsageException("no articles table in " + warehouse.root() + " (run ingest first)");
    }
    Column range = lit(true);
    if (from != null) {
      range = range.and(col(Col.PUB_DATE).geq(lit(java.sql.Date.valueOf(from))));
    }
    if (to != null) {
      range = range.and(col(Col.PUB_DATE).leq(lit(java.sql.Date.valueOf(to))));
    }
    Dataset<Row> input =
        articles
            .filter(range)
            .select(
                col(Col.ARTICLE_ID),
                col(Col.PUB_DATE),
                col(Col.TITLE),
                col(Col.BODY),
                col(Col.STORY_ID),
                col(Col.SOURCE));
    List<String> days = new ArrayList<>();
    long articlesRead =
        report.time(
            "plan",
            () -> {
              long n = 0;
              for (Row r :
                  input
                      .groupBy(date_format(col(Col.PUB_DATE), "yyyy-MM-dd"))
                      .count()
                      .collectAsList()) {
                days.add(r.getString(0));
                n += r.getLong(1);
              }
              return n;
            });
    LOG.info(
        "extract {}: {} articles over {} days, {} catalog entities",
        runId,
        articlesRead,
        days.size(),
        catalog.entities().size());

    Map<String, Long> byForm = new TreeMap<>();
    long total = 0;
    long withAny = 0;
    if (articlesRead > 0) {
      spark.sparkContext().setJobDescription("extract: find and write mentions");
      boolean lexicon = !engine.equals(SparkNlpEngine.ENGINE);
      Dataset<Row> found;
      if (lexicon) {
        // Matched as the rows stream to the writer: no cache, no second pass over the text.
        String model = engine.equals(MentionExtractor.COMBINED) ? nerModel : null;
        found =
            spark.createDataFrame(
                input.javaRDD().mapPartitions(new MentionExtractor(catalog, runId, model)),
                MentionExtractor.SCHEMA);
      } else {
        var model = report.time("build_sparknlp", () -> SparkNlpEngine.build(spark, catalog));
        found = SparkNlpEngine.extract(spark, input, model, catalog, runId);
      }
      // The run report's counts, gathered while the rows are written (no read-back).
      List<String> forms = new ArrayList<>(catalog.forms());
      if (engine.equals(MentionExtractor.COMBINED)) {
        forms.add(NameLinker.FORM);
      }
      List<Column> metrics = new ArrayList<>();
      metrics.add(count(lit(1)).as("mentions"));
      metrics.add(collect_set(col(Col.PUB_DATE)).as("days"));
      if (lexicon) {
        metrics.add(count_if(col(MentionExtractor.FIRST_IN_ARTICLE)).as("articles"));
      }
      for (String form : forms) {
        metrics.add(count_if(col(Col.FORM).equalTo(form)).as("form_" + form));
      }
      Observation seen = new Observation("extract " + runId);
      // No shuffle: articles are stored by day, so each task reads (part of) one day and writes
      // that day's mentions; the local sort only orders the rows inside each file.
      Dataset<Row> mentions =
          found
              .observe(
                  seen, metrics.get(0), metrics.subList(1, metrics.size()).toArray(Column[]::new))
              .drop(MentionExtractor.FIRST_IN_ARTICLE)
              .sortWithinPartitions(Col.PUB_DATE, Col.ARTICLE_ID, Col.FIELD, Col.START);
      report.time(
          "extract_and_write",
          () -> warehouse.overwritePartitions(mentions, Tables.MENTIONS, Col.PUB_DATE, List.of()));
      Map<String, Object> observed = observed(seen);
      total = (Long) observed.get("mentions");
      Set<String> withMentions = new HashSet<>(); // yyyy-MM-dd, as the partition folders
      ((scala.collection.Seq<?>) observed.get("days")).foreach(d -> withMentions.add(d.toString()));
      for (String form : forms) {
        long n = (Long) observed.get("form_" + form);
        if (n > 0) {
          byForm.put(form, n);
        }
      }
      withAny =
          lexicon ? (Long) observed.get("articles") : articlesWithMentions(runId, withMentions);
      // Days the run covered but where no mention was found any more: clear them.
      Set<String> written = new HashSet<>(warehouse.partitions(Tables.MENTIONS, Col.PUB_DATE));
      for (String day : days) {
        if (written.contains(day) && !withMentions.contains(day)) {
          warehouse.deletePartition(Tables.MENTIONS, Col.PUB_DATE, day);
        }
      }
      // The denominators of co-occurrence: a pass of its own, which only segments the text, is
      // cheaper than keeping the matcher's output for two writes.
      spark.sparkContext().setJobDescription("extract: write article units");
      report.time(
          "units_write",
          () ->
              warehouse.overwritePartitions(
                  spark.createDataFrame(
                      input.javaRDD().map(a -> MentionExtractor.units(a, runId)),
                      Tables.ARTICLE_UNITS_SCHEMA),
                  Tables.ARTICLE_UNITS,
                  Col.PUB_DATE,
                  List.of()));
    }
    // Names beside ids: the catalog's entities, and the NER names of the whole mentions table.
    spark.sparkContext().setJobDescription("extract: write entities");
    report.time(
        "entities_write",
        () ->
            warehouse.replace(
                EntitiesTable.build(
                    spark,
                    catalog,
                    warehouse.exists(Tables.MENTIONS)
                        ? spark.read().parquet(warehouse.table(Tables.MENTIONS))
                        : null),
                Tables.ENTITIES,
                runId));
    ObjectNode counts = report.root().putObject("counts");
    counts.put("articles_read", articlesRead);
    counts.put("mentions_written", total);
    counts.put("articles_with_mentions", withAny);
    ObjectNode forms = report.root().putObject("mentions_by_form");
    byForm.forEach(forms::put);
    report.root().put("engine", engine);
    if (engine.equals(MentionExtractor.COMBINED)) {
      report.root().put("ner_model", nerModel);
    }
    report.root().put("catalog_entities", catalog.entities().size());
    return new Result(runId, articlesRead, total, withAny, byForm);
  }

  /** The observed metrics, once the write has finished (they are posted as it completes). */
  private static Map<String, Object> observed(Observation seen) {
    try {
      return seen.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the run's counts", e);
    }
  }

  /**
   * Articles with a mention of this run, read back from the days it wrote (the Spark NLP engine's
   * rows of one article are spread over tasks, so they cannot be flagged on the way).
   */
  private long articlesWithMentions(String runId, Set<String> days) {
    if (days.isEmpty()) {
      return 0;
    }
    return spark
        .read()
        .parquet(warehouse.table(Tables.MENTIONS))
        .filter(
            date_format(col(Col.PUB_DATE), "yyyy-MM-dd")
                .isin(days.toArray())
                .and(col(Col.EXTRACT_RUN_ID).equalTo(runId)))
        .select(Col.ARTICLE_ID)
        .distinct()
        .count();
  }
}
