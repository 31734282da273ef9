package org.marsad.jobs;

import java.time.LocalDate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every job shares (DESIGN.md's command contract). */
public final class CommonOptions {
  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      required = true,
      description =
          "Warehouse root: a local path, hdfs:// or s3a:// URI. Tables are folders in it.")
  String warehouse;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First publication day to process (YYYY-MM-DD). Default: all.")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Last publication day to process (YYYY-MM-DD), inclusive. Default: all.")
  LocalDate to;

  @Mixin ConfigOptions config = new ConfigOptions();

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master when not launched by spark-submit (default: spark.master in the config, local[*]).")
  String master;

  void validate() {
    if (from != null && to != null && from.isAfter(to)) {
      throw new UsageException("--from " + from + " is after --to " + to);
    }
  }
}
