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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.marsad.catalog.Catalog;
import org.marsad.extract.MentionExtractor;
import org.marsad.extract.SparkNlpEngine;
import org.marsad.spark.Intermediates;
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
      String engine) {
    this.spark = spark;
    this.catalog = catalog;
    this.warehouse = warehouse;
    this.from = from;
    this.to = to;
    this.report = report;
    this.engine = engine;
  }

  public Result run() {
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

    spark.sparkContext().setJobDescription("extract: find mentions");
    Dataset<Row> found;
    Dataset<Row> unitRows;
    Intermediates keep = Intermediates.forRun(spark, warehouse.staging(runId));
    if (engine.equals(SparkNlpEngine.ENGINE)) {
      var model = report.time("build_sparknlp", () -> SparkNlpEngine.build(spark, catalog));
      found = SparkNlpEngine.extract(spark, input, model, catalog, runId);
      // Spark NLP segments inside its pipeline: the unit counts take a pass of their own.
      unitRows =
          spark.createDataFrame(
              input.javaRDD().map(a -> MentionExtractor.unitsOnly(a, runId)),
              Tables.MENTIONS_SCHEMA);
    } else {
      // One pass over the text yields the mentions and each article's unit counts; kept until
      // both tables are written.
      var rows = input.javaRDD().mapPartitions(new MentionExtractor(catalog, runId).withUnits());
      Dataset<Row> both =
          keep.keep(spark.createDataFrame(rows, Tables.MENTIONS_SCHEMA), "mentions-and-units");
      found = both.filter(col(Col.FIELD).notEqual(MentionExtractor.UNITS_FIELD));
      unitRows = both.filter(col(Col.FIELD).equalTo(MentionExtractor.UNITS_FIELD));
    }
    // No shuffle: articles are stored by day, so each task reads (part of) one day and writes
    // that day's mentions; the local sort only orders the rows inside each file.
    Dataset<Row> mentions =
        found.sortWithinPartitions(Col.PUB_DATE, Col.ARTICLE_ID, Col.FIELD, Col.START);
    report.time(
        "extract_and_write",
        () -> {
          warehouse.overwritePartitions(mentions, Tables.MENTIONS, Col.PUB_DATE, List.of());
          warehouse.overwritePartitions(
              unitRows
                  .withColumnRenamed(Col.PARAGRAPH_IDX, "paragraphs")
                  .withColumnRenamed(Col.SENTENCE_IDX, "sentences")
                  .selectExpr(Tables.ARTICLE_UNITS_SCHEMA.fieldNames()),
              Tables.ARTICLE_UNITS,
              Col.PUB_DATE,
              List.of());
        });
    keep.close();
    // Days the run covered but where no mention was found any more: clear them.
    Set<String> written = new HashSet<>(warehouse.partitions(Tables.MENTIONS, Col.PUB_DATE));
    Dataset<Row> mine =
        spark
            .read()
            .parquet(warehouse.table(Tables.MENTIONS))
            .filter(col(Col.EXTRACT_RUN_ID).equalTo(runId));
    // One read-back for the report: per day and form, the mentions; per day, the distinct
    // articles (an article belongs to one day, so the days' distinct counts add up).
    Set<String> withMentions = new HashSet<>();
    Map<String, Long> byForm = new TreeMap<>();
    long total = 0;
    long withAny = 0;
    List<Row> summary =
        report.time(
            "report_readback",
            () ->
                mine.withColumn("day", date_format(col(Col.PUB_DATE), "yyyy-MM-dd"))
                    .rollup(col("day"), col(Col.FORM))
                    .agg(
                        count(lit(1)),
                        countDistinct(col(Col.ARTICLE_ID)),
                        grouping(Col.FORM),
                        grouping("day"))
                    .collectAsList());
    for (Row r : summary) {
      if (r.getByte(5) == 1) {
        continue; // the grand total: counted from the rows below
      }
      withMentions.add(r.getString(0));
      if (r.getByte(4) == 1) {
        withAny += r.getLong(3);
      } else {
        byForm.merge(r.getString(1), r.getLong(2), Long::sum);
        total += r.getLong(2);
      }
    }
    for (String day : days) {
      if (written.contains(day) && !withMentions.contains(day)) {
        warehouse.deletePartition(Tables.MENTIONS, Col.PUB_DATE, day);
      }
    }
    ObjectNode counts = report.root().putObject("counts");
    counts.put("articles_read", articlesRead);
    counts.put("mentions_written", total);
    counts.put("articles_with_mentions", withAny);
    ObjectNode forms = report.root().putObject("mentions_by_form");
    byForm.forEach(forms::put);
    report.root().put("engine", engine);
    report.root().put("catalog_entities", catalog.entities().size());
    return new Result(runId, articlesRead, total, withAny, byForm);
  }
}
