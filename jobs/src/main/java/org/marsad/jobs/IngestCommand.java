package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code marsad ingest}: raw dumps into {@code articles} and {@code rejects}. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Read raw news dumps into the articles and rejects tables.")
public final class IngestCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      required = true,
      arity = "1..*",
      description = "Files, directories (read recursively) or globs; .gz and .bz2 are undone.")
  List<String> inputs;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "auto, jsonl, json, csv, tsv, trec or text (default: ingest.format, auto).")
  String format;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Source mapping in conf/sources/ (default: ingest.source, 'default').")
  String source;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      description =
          "auto, utf-8, windows-1256 or any Java charset (default: ingest.encoding, auto).")
  String encoding;

  @Override
  public Integer call() {
    IngestJob.Result r = run(common, inputs, format, source, encoding);
    System.out.printf(
        "ingest %s: %d records read -> %d articles (%d duplicates, %d near-duplicate stories),"
            + " %d rejects%s%n",
        r.runId(),
        r.recordsRead(),
        r.articlesWritten(),
        r.duplicates(),
        r.nearDuplicateClusters(),
        r.rejectsWritten(),
        r.outOfRange() > 0 ? ", " + r.outOfRange() + " outside --from/--to" : "");
    System.out.println("report: " + r.reportPath());
    return 0;
  }

  /** Validates everything it can before Spark starts, then runs the job and writes its report. */
  static IngestJob.Result run(
      CommonOptions common, List<String> inputs, String format, String source, String encoding) {
    common.validate();
    Config config = common.config.load();
    IngestSettings settings =
        IngestSettings.from(config, format, encoding, source, IngestSettings.todayUtc());
    List<InputFile> files = InputLister.list(inputs, new Configuration());
    SparkSession spark = Sessions.create("marsad ingest", common.master, config);
    return runWith(spark, config, settings, files, common);
  }

  public static IngestJob.Result runWith(
      SparkSession spark,
      Config config,
      IngestSettings settings,
      List<InputFile> files,
      CommonOptions common) {
    Warehouse warehouse =
        new Warehouse(common.warehouse, spark.sparkContext().hadoopConfiguration());
    RunReport report = new RunReport("ingest", RunReport.newRunId("ingest"));
    var inputsNode = report.root().putArray("inputs");
    files.stream().limit(1000).forEach(f -> inputsNode.add(f.path()));
    IngestJob.Result r =
        report.run(
            warehouse,
            config,
            () ->
                new IngestJob(spark, settings, files, warehouse, common.from, common.to, report)
                    .run());
    return new IngestJob.Result(
        r.runId(),
        r.recordsRead(),
        r.articlesWritten(),
        r.rejectsWritten(),
        r.outOfRange(),
        r.duplicates(),
        r.nearDuplicateClusters(),
        r.articlesInClusters(),
        r.rejectsByReason(),
        report.reportPath());
  }
}
