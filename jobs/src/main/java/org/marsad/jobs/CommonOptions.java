package org.marsad.jobs;

import java.io.IOException;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
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
    checkWarehouse(warehouse, new Configuration());
  }

  /**
   * Fails before Spark starts when no Hadoop filesystem serves the warehouse's scheme (a typo like
   * hfds://, or s3a:// without hadoop-aws on the classpath). Reachability is the first write's.
   */
  static void checkWarehouse(String root, Configuration conf) {
    try {
      new Path(root).getFileSystem(conf);
    } catch (UnsupportedFileSystemException e) {
      throw new UsageException(
          "--warehouse "
              + root
              + ": no filesystem for scheme '"
              + new Path(root).toUri().getScheme()
              + "' (use a local path, file://, hdfs:// or s3a:// with hadoop-aws on the classpath)");
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("--warehouse " + root + ": " + Marsad.oneLine(e));
    }
  }
}
