package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code marsad ingest}: raw dumps into {@code articles} and {@code rejects}. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Read raw news dumps into the articles and rejects tables.")
public final class IngestCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin InputOptions input = new InputOptions();

  @Override
  public Integer call() {
    IngestJob.Result r = run(common, input);
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
  static IngestJob.Result run(CommonOptions common, InputOptions input) {
    common.validate();
    Config config = common.config.load();
    IngestSettings settings = input.settings(config);
    List<InputFile> files = input.files(common.from, common.to);
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
