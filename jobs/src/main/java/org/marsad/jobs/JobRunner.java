package org.marsad.jobs;

import com.typesafe.config.Config;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;

/** Runs jobs on a session the caller owns (benchmarks, tests, notebooks via py4j). */
public final class JobRunner {
  private JobRunner() {}

  public static IngestJob.Result ingest(
      SparkSession spark,
      Config config,
      IngestSettings settings,
      List<InputFile> files,
      String warehouse,
      LocalDate from,
      LocalDate to) {
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    common.from = from;
    common.to = to;
    return IngestCommand.runWith(spark, config, settings, files, common);
  }

  public static ExtractJob.Result extract(
      SparkSession spark,
      Config config,
      org.marsad.catalog.Catalog catalog,
      String warehouse,
      String engine) {
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    return ExtractCommand.run(spark, config, catalog, common, engine);
  }

  /** Runs one analytics job ({@code trends}, {@code cooccur} or {@code events}) over all days. */
  public static AnalyticsJob.Result analytics(
      SparkSession spark, Config config, String warehouse, String job) {
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    return AnalyticsCommands.run(spark, config, common, job, AnalyticsCommands.job(job));
  }
}
