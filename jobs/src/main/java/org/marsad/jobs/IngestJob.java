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
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.marsad.ingest.Dedup;
import org.marsad.ingest.DedupKeys;
import org.marsad.ingest.FileIngestor;
import org.marsad.ingest.Hashes;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import org.marsad.ingest.ParsedRecords;
import org.marsad.spark.Intermediates;
import org.marsad.spark.WriteShuffle;
import org.marsad.tables.Tables;
import org.marsad.tables.Tables.Col;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ingest}: raw dumps into {@code articles} and {@code rejects}. Each file is streamed once
 * through decoding, parsing, cleaning, dating and key extraction in one per-partition pass; the
 * dedup stage then works on keys only; the articles are written partitioned by day, replacing
 * exactly the days the run covers.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  /**
   * Up to this many articles the id table is broadcast: at most 2 million, and at most an eighth of
   * the driver's heap at about 200 bytes a row once built as a hash relation (a 1 GB driver
   * broadcasts about 670,000). Larger tables are joined by a shuffle.
   */
  static long broadcastIdentityRows() {
    return Math.min(2_000_000, Runtime.getRuntime().maxMemory() / 8 / 200);
  }

  private final SparkSession spark;
  private final IngestSettings settings;
  private final List<InputFile> files;
  private final Warehouse warehouse;
  private final LocalDate from;
  private final LocalDate to;
  private final RunReport report;

  /** Counts of one run; records read = articles + rejects + out of range. */
  public record Result(
      String runId,
      long recordsRead,
      long articlesWritten,
      long rejectsWritten,
      long outOfRange,
      long duplicates,
      long nearDuplicateClusters,
      long articlesInClusters,
      Map<String, Long> rejectsByReason,
      String reportPath) {
    public boolean reconciled() {
      return recordsRead == articlesWritten + rejectsWritten + outOfRange;
    }
  }

  public IngestJob(
      SparkSession spark,
      IngestSettings settings,
      List<InputFile> files,
      Warehouse warehouse,
      LocalDate from,
      LocalDate to,
      RunReport report) {
    this.spark = spark;
    this.settings = settings;
    this.files = files;
    this.warehouse = warehouse;
    this.from = from;
    this.to = to;
    this.report = report;
  }

  public Result run() {
    String runId = report.runId();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    int partitions =
        settings.partitions() > 0 ? settings.partitions() : 2 * jsc.defaultParallelism();
    // A large JSON Lines file becomes byte ranges read by several tasks.
    List<InputFile> parts = InputSplitter.split(jsc, files, settings, confMap(hadoop));
    List<List<InputFile>> bins = InputLister.balance(parts, partitions);
    long inputBytes = files.stream().mapToLong(InputFile::size).sum();
    String inputBatch = inputBatch(files);
    LOG.info(
        "ingest {}: {} files, {} bytes, {} partitions, mapping '{}'",
        runId,
        files.size(),
        inputBytes,
        bins.size(),
        settings.mapping().name());

    spark
        .sparkContext()
        .setJobDescription("ingest: parse, clean and key " + files.size() + " files");
    JavaRDD<Row> rows =
        jsc.parallelize(bins, bins.size())
            .mapPartitions(new FileIngestor(settings, confMap(hadoop)));
    // The one pass over the text lands in a staging Parquet file: later stages read only the
    // columns they need (the dedup stage reads keys, not text), and memory stays bounded.
    String staging = warehouse.staging(runId);
    report.time(
        "parse",
        () ->
            spark
                .createDataFrame(rows, ParsedRecords.SCHEMA)
                .write()
                .mode("overwrite")
                // Temporary data: fast codec, no dictionaries (article text does not repeat).
                .option("compression", "lz4")
                .option("parquet.enable.dictionary", "false")
                .parquet(staging));
    Dataset<Row> parsed = spark.read().schema(ParsedRecords.SCHEMA).parquet(staging);
    long recordsRead = report.time("count", () -> parsed.count());

    Column isArticle = col(ParsedRecords.KIND).equalTo(ParsedRecords.ARTICLE);
    Column inRange = lit(true);
    if (from != null) {
      inRange = inRange.and(col(Col.PUB_DATE).geq(lit(java.sql.Date.valueOf(from))));
    }
    if (to != null) {
      inRange = inRange.and(col(Col.PUB_DATE).leq(lit(java.sql.Date.valueOf(to))));
    }
    Dataset<Row> candidates = parsed.filter(isArticle.and(inRange));
    Column outside = inRange.equalTo(lit(false));
    long outOfRange =
        from == null && to == null ? 0 : parsed.filter(isArticle.and(outside)).count();

    // The days this run replaces: those it has articles for and, with --from/--to, the covered
    // days it no longer has any for.
    String dataset = settings.mapping().name();
    String mine = Tables.ARTICLES + "/" + Col.DATASET + "=" + dataset;
    Set<String> written = new HashSet<>();
    for (Row r :
        candidates.select(date_format(col(Col.PUB_DATE), "yyyy-MM-dd")).distinct().collectAsList()) {
      written.add(r.getString(0));
    }
    List<String> stale = new ArrayList<>();
    if (from != null || to != null) {
      for (String day : warehouse.dayPartitionsIn(mine, Col.PUB_DATE, from, to)) {
        if (!written.contains(day)) {
          stale.add(day);
        }
      }
    }
    Set<String> replaced = new HashSet<>(written);
    replaced.addAll(stale);

    spark.sparkContext().setJobDescription("ingest: exact and near-duplicate detection");
    Intermediates keep = Intermediates.forRun(spark, warehouse.staging(runId + "-dedup"));
    // Dedup sees the keys of this dump's other days too, so a run over some days gives the ids
    // one run over all days would.
    Dataset<Row> known = knownKeys(dataset, replaced);
    Dataset<Row> knownInput = known == null ? null : keep.keep(DedupKeys.asInput(known), "known");
    Dataset<Row> dedupInput =
        knownInput == null
            ? DedupKeys.keysOf(candidates)
            : DedupKeys.keysOf(candidates).union(DedupKeys.keysOf(knownInput));
    Dataset<Row> allIdentity =
        report.time(
            "dedup",
            () -> Dedup.assign(spark, dedupInput, settings.exactDedup(), settings.near(), keep));
    Dataset<Row> identity = allIdentity.filter(col(ParsedRecords.ROW_KEY).geq(0));

    // The identity table is small (ids only): broadcast it, so the text is never shuffled.
    long identities = identity.count();
    Dataset<Row> ids = identities <= broadcastIdentityRows() ? broadcast(identity) : identity;
    // One task per day, so each day partition is one file: dumps spanning years would otherwise
    // write (tasks x days) small files and pay for them on every read.
    Dataset<Row> articles =
        WriteShuffle.by(
                candidates
                    .join(ids, ParsedRecords.ROW_KEY)
                    .withColumn(Col.INGEST_RUN_ID, lit(runId))
                    .select(columnsOf(Tables.ARTICLES_SCHEMA)),
                col(Col.PUB_DATE))
            .sortWithinPartitions(Col.PUB_DATE, Col.ARTICLE_ID);

    spark.sparkContext().setJobDescription("ingest: write articles");
    List<String> covered = new ArrayList<>();
    report.time(
        "write_articles",
        () -> {
          // Articles are stored by dataset, then day: ingesting one dump replaces its own days
          // and never another dump's articles of the same day.
          covered.addAll(written);
          warehouse.overwritePartitions(articles, Tables.ARTICLES, Col.DATASET, Col.PUB_DATE);
          for (String day : stale) {
            warehouse.deletePartition(mine, Col.PUB_DATE, day);
          }
        });

    // Other days whose articles the new ones changed (a copy found earlier, a story joined), and
    // the dedup keys of every day written, for the next run.
    spark.sparkContext().setJobDescription("ingest: days whose stories changed; dedup keys");
    Neighbours neighbours =
        report.time(
            "neighbours",
            () -> rewriteNeighbours(runId, dataset, knownInput, allIdentity, keep));
    // Those days' mentions and analytics are stale now: the next extract covers them too.
    PendingDays.mark(warehouse, List.of("extract"), neighbours.days());
    report.time(
        "write_dedup_keys",
        () -> {
          Dataset<Row> side = DedupKeys.forCandidates(candidates, identity, dataset);
          if (neighbours.keys() != null) {
            side = side.union(neighbours.keys());
          }
          warehouse.overwritePartitions(
              WriteShuffle.by(side, col(Col.PUB_DATE)), DedupKeys.TABLE, Col.DATASET, Col.PUB_DATE);
          for (String day : stale) {
            warehouse.deletePartition(
                DedupKeys.TABLE + "/" + Col.DATASET + "=" + dataset, Col.PUB_DATE, day);
          }
        });

    spark.sparkContext().setJobDescription("ingest: write rejects");
    Dataset<Row> rejects =
        parsed
            .filter(col(ParsedRecords.KIND).equalTo(ParsedRecords.REJECT))
            .withColumn(Col.INGEST_RUN_ID, lit(runId))
            .withColumn(Col.INPUT_BATCH, lit(inputBatch))
            .select(columnsOf(Tables.REJECTS_SCHEMA))
            .coalesce(Math.max(1, Math.min(bins.size(), 4)));
    report.time(
        "write_rejects",
        () -> {
          warehouse.deletePartition(Tables.REJECTS, Col.INPUT_BATCH, inputBatch);
          warehouse.overwritePartitions(rejects, Tables.REJECTS, Col.INPUT_BATCH, List.of());
        });

    spark.sparkContext().setJobDescription("ingest: reconcile");
    Result result =
        report.time("reconcile", () -> reconcile(runId, recordsRead, outOfRange, inputBatch));
    keep.close();
    warehouse.deleteStaging(runId);
    warehouse.deleteStaging(runId + "-neighbours");

    ObjectNode counts = report.root().putObject("counts");
    counts.put("input_files", files.size());
    counts.put("input_bytes", inputBytes);
    counts.put("records_read", result.recordsRead());
    counts.put("articles_written", result.articlesWritten());
    counts.put("rejects_written", result.rejectsWritten());
    counts.put("out_of_range", result.outOfRange());
    counts.put("duplicates", result.duplicates());
    counts.put("near_duplicate_clusters", result.nearDuplicateClusters());
    counts.put("articles_in_near_duplicate_clusters", result.articlesInClusters());
    ObjectNode reasons = report.root().putObject("rejects_by_reason");
    result.rejectsByReason().forEach(reasons::put);
    // Readers that resynchronise after a broken record say in its detail how much they skipped.
    Row skipped =
        warehouse
            .read(spark, Tables.REJECTS)
            .filter(col(Col.INPUT_BATCH).equalTo(inputBatch))
            .select(
                regexp_extract(col(Col.DETAIL), "(\\d+) chars skipped", 1).as("chars"))
            .filter(col("chars").notEqual(""))
            .agg(count(lit(1)), coalesce(sum(col("chars").cast("long")), lit(0L)))
            .first();
    ObjectNode skip = report.root().putObject("skipped_by_readers");
    skip.put("broken_spans", skipped.getLong(0));
    skip.put("chars", ((Number) skipped.get(1)).longValue());
    ObjectNode nb = report.root().putObject("other_days_rewritten");
    nb.put("days", neighbours.days().size());
    nb.put("articles_changed", neighbours.articles());
    var nbDays = nb.putArray("partitions");
    neighbours.days().stream().sorted().forEach(nbDays::add);
    ObjectNode rec = report.root().putObject("reconciliation");
    rec.put("records_read", result.recordsRead());
    rec.put(
        "articles_plus_rejects_plus_out_of_range",
        result.articlesWritten() + result.rejectsWritten() + result.outOfRange());
    rec.put("reconciled", result.reconciled());
    report.root().put("input_batch", inputBatch);
    report.root().put("mapping", settings.mapping().name());
    if (from != null) {
      report.root().put("from", from.toString());
    }
    if (to != null) {
      report.root().put("to", to.toString());
    }
    var days = report.root().putArray("partitions_written");
    covered.stream().sorted().forEach(days::add);
    if (!result.reconciled()) {
      throw new IllegalStateException(
          "ingest did not reconcile: read "
              + result.recordsRead()
              + " records, wrote "
              + result.articlesWritten()
              + " articles + "
              + result.rejectsWritten()
              + " rejects + "
              + result.outOfRange()
              + " out of range");
    }
    return result;
  }

  /** Counts read back from what was written, so the report proves nothing was lost. */
  private Result reconcile(String runId, long recordsRead, long outOfRange, String inputBatch) {
    // Read with the table's schema: a first run whose every record is a reject leaves articles
    // a folder without files, and inferring a schema from it fails.
    Dataset<Row> written =
        spark
            .read()
            .schema(Tables.ARTICLES_SCHEMA)
            .parquet(warehouse.table(Tables.ARTICLES))
            .filter(col(Col.INGEST_RUN_ID).equalTo(runId));
    Row a =
        written
            .agg(count(lit(1)), count(col(Col.DUP_OF)), countDistinct(col(Col.STORY_ID)))
            .first();
    long articles = a.getLong(0);
    Row clusters =
        written
            .filter(col(Col.DUP_OF).isNull())
            .groupBy(Col.STORY_ID)
            .count()
            .filter(col("count").gt(1))
            .agg(count(lit(1)), coalesce(sum("count"), lit(0L)))
            .first();
    Map<String, Long> byReason = new TreeMap<>();
    long rejects = 0;
    for (Row r :
        warehouse
            .read(spark, Tables.REJECTS)
            .filter(col(Col.INPUT_BATCH).equalTo(inputBatch))
            .groupBy(Col.REASON)
            .count()
            .collectAsList()) {
      byReason.put(r.getString(0), r.getLong(1));
      rejects += r.getLong(1);
    }
    return new Result(
        runId,
        recordsRead,
        articles,
        rejects,
        outOfRange,
        a.getLong(1),
        clusters.getLong(0),
        ((Number) clusters.get(1)).longValue(),
        byReason,
        null);
  }

  /** The dedup keys of this dump's days other than {@code replaced}, or null when none. */
  private Dataset<Row> knownKeys(String dataset, Set<String> replaced) {
    String root = warehouse.table(DedupKeys.TABLE);
    String path = root + "/" + Col.DATASET + "=" + dataset;
    if (!warehouse.exists(DedupKeys.TABLE + "/" + Col.DATASET + "=" + dataset)) {
      return null;
    }
    Dataset<Row> keys =
        spark.read().schema(DedupKeys.SCHEMA).option("basePath", root).parquet(path);
    if (!replaced.isEmpty()) {
      keys =
          keys.filter(
              not(
                  date_format(col(Col.PUB_DATE), "yyyy-MM-dd")
                      .isin((Object[]) replaced.toArray(String[]::new))));
    }
    return keys;
  }

  /** Days outside the run whose articles changed, how many articles, and their new dedup keys. */
  record Neighbours(List<String> days, long articles, Dataset<Row> keys) {}

  /**
   * Rewrites the articles of the days, outside this run's, whose ids, {@code dup_of} or {@code
   * story_id} changed now that the new articles were deduplicated with them. Their text is copied
   * through the run's staging folder first: a table is never overwritten while it is read.
   */
  private Neighbours rewriteNeighbours(
      String runId,
      String dataset,
      Dataset<Row> knownInput,
      Dataset<Row> allIdentity,
      Intermediates keep) {
    if (knownInput == null) {
      return new Neighbours(List.of(), 0, null);
    }
    Dataset<Row> knownNow =
        knownInput.join(
            allIdentity.filter(col(ParsedRecords.ROW_KEY).lt(0)), ParsedRecords.ROW_KEY);
    knownNow = keep.keep(knownNow, "known-now");
    Dataset<Row> changes = DedupKeys.changed(knownNow);
    long changed = changes.count();
    if (changed == 0) {
      return new Neighbours(List.of(), 0, null);
    }
    List<String> days = new ArrayList<>();
    for (Row r :
        changes.select(date_format(col(Col.PUB_DATE), "yyyy-MM-dd")).distinct().collectAsList()) {
      days.add(r.getString(0));
    }
    Object[] dayValues = days.toArray(String[]::new);
    Column onDays = date_format(col(Col.PUB_DATE), "yyyy-MM-dd").isin(dayValues);
    String root = warehouse.table(Tables.ARTICLES);
    Dataset<Row> old =
        spark
            .read()
            .schema(Tables.ARTICLES_SCHEMA)
            .option("basePath", root)
            .parquet(root + "/" + Col.DATASET + "=" + dataset)
            .filter(onDays);
    Dataset<Row> moves =
        changes.select(
            col(DedupKeys.OLD_ID).as("_old"),
            col(Col.ARTICLE_ID).as("_id"),
            col(Col.DUP_OF).as("_dup"),
            col(Col.STORY_ID).as("_story"));
    Column hit = col("_old").isNotNull();
    Dataset<Row> updated =
        old.join(moves, col(Col.ARTICLE_ID).equalTo(col("_old")), "left")
            .withColumn(Col.ARTICLE_ID, when(hit, col("_id")).otherwise(col(Col.ARTICLE_ID)))
            .withColumn(Col.DUP_OF, when(hit, col("_dup")).otherwise(col(Col.DUP_OF)))
            .withColumn(Col.STORY_ID, when(hit, col("_story")).otherwise(col(Col.STORY_ID)))
            .select(columnsOf(Tables.ARTICLES_SCHEMA));
    String staged = warehouse.staging(runId + "-neighbours");
    updated.write().mode("overwrite").parquet(staged);
    warehouse.overwritePartitions(
        WriteShuffle.by(
                spark.read().schema(Tables.ARTICLES_SCHEMA).parquet(staged), col(Col.PUB_DATE))
            .sortWithinPartitions(Col.PUB_DATE, Col.ARTICLE_ID),
        Tables.ARTICLES,
        Col.DATASET,
        Col.PUB_DATE);
    LOG.info(
        "ingest {}: {} articles of {} other days changed id, copy or story; rewritten",
        runId,
        changed,
        days.size());
    Dataset<Row> keys =
        knownNow
            .filter(onDays)
            .withColumn(Col.DATASET, lit(dataset))
            .select(DedupKeys.schemaCols());
    return new Neighbours(days, changed, keys);
  }

  private static Column[] columnsOf(org.apache.spark.sql.types.StructType schema) {
    return java.util.Arrays.stream(schema.fieldNames())
        .map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
  }

  /** A stable name for the set of input files, so reruns replace their own rejects. */
  static String inputBatch(List<InputFile> files) {
    return Hashes.id(files.stream().map(InputFile::path).sorted().toArray(String[]::new))
        .substring(0, 16);
  }

  static Map<String, String> confMap(Configuration conf) {
    Map<String, String> m = new java.util.HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }
}
