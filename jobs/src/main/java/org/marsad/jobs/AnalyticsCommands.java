package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code marsad trends}, {@code cooccur} and {@code events}: the analytics tables. */
public final class AnalyticsCommands {
  private AnalyticsCommands() {}

  /** The job method of {@code trends}, {@code cooccur} or {@code events}. */
  static Function<AnalyticsJob, AnalyticsJob.Result> job(String name) {
    return switch (name) {
      case "trends" -> AnalyticsJob::trends;
      case "cooccur" -> AnalyticsJob::cooccur;
      case "events" -> AnalyticsJob::events;
      default -> throw new IllegalArgumentException("not an analytics job: " + name);
    };
  }

  /** Runs one analytics job with its run report. */
  static AnalyticsJob.Result run(
      SparkSession spark,
      Config config,
      CommonOptions common,
      String job,
      Function<AnalyticsJob, AnalyticsJob.Result> what) {
    Warehouse warehouse =
        new Warehouse(common.warehouse, spark.sparkContext().hadoopConfiguration());
    RunReport report = new RunReport(job, RunReport.newRunId(job));
    // Days whose mentions were extracted again outside their own range are redone with these.
    PendingDays.Range range = PendingDays.take(warehouse, job, common.from, common.to, report);
    AnalyticsJob.Result r =
        report.run(
            warehouse,
            config,
            () ->
                what.apply(
                    new AnalyticsJob(spark, config, warehouse, range.from(), range.to(), report)));
    range.done(warehouse, job);
    return r;
  }

  private static Integer call(
      CommonOptions common, String job, Function<AnalyticsJob, AnalyticsJob.Result> what) {
    common.validate();
    Config config = common.config.load();
    org.marsad.analytics.AnalyticsSettings.from(config); // bad settings fail before Spark starts
    SparkSession spark = Sessions.create("marsad " + job, common.master, config);
    AnalyticsJob.Result r = run(spark, config, common, job, what);
    System.out.printf("%s %s: %s%n", job, r.runId(), r.detail());
    return 0;
  }

  /** One analytics command: its name is its job's. */
  abstract static class JobCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    abstract String name();

    @Override
    public Integer call() {
      return AnalyticsCommands.call(common, name(), job(name()));
    }
  }

  @Command(
      name = "trends",
      mixinStandardHelpOptions = true,
      description =
          "entity_trends: mentions, articles, stories and share per entity and day, week, month,"
              + " with a trailing baseline, robust z-score and burst flag.")
  public static final class Trends extends JobCommand {
    @Override
    String name() {
      return "trends";
    }
  }

  @Command(
      name = "cooccur",
      mixinStandardHelpOptions = true,
      description =
          "cooccurrence (pairs per sentence, paragraph, article: PMI, NPMI, G², lift, Jaccard,"
              + " evidence) and entity_sets (watch lists).")
  public static final class Cooccur extends JobCommand {
    @Override
    String name() {
      return "cooccur";
    }
  }

  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      description =
          "event_windows: watch-list entities, pairs and sets before, during and after each event"
              + " of the calendars (conf/events/), against a baseline, with lift and p-value.")
  public static final class Events extends JobCommand {
    @Override
    String name() {
      return "events";
    }
  }
}
