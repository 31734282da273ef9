package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.marsad.analytics.AnalyticsSettings;
import org.marsad.catalog.Catalog;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code marsad pipeline}: ingest, extract, trends, cooccur, events in one Spark application. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description =
        "Ingest, extract, trends, cooccur and events, in order, in one Spark application"
            + " (each writes its own run report).")
public final class PipelineCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin InputOptions input = new InputOptions();

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "Extraction engine: lexicon (default), combined (with the NER model; adds discover) or"
              + " sparknlp.")
  ExtractCommand.Engine engine = ExtractCommand.Engine.lexicon;

  @Override
  public Integer call() {
    common.validate();
    Config config = common.config.load();
    IngestSettings settings = input.settings(config);
    AnalyticsSettings.from(config);
    Catalog catalog = Catalog.load(config);
    List<InputFile> files = input.files(common.from, common.to);
    SparkSession spark = Sessions.create("marsad pipeline", common.master, config);
    run(spark, config, settings, files, catalog, common, engine.name(), true);
    return 0;
  }

  /** What ingest and extract reported (the analytics jobs' reports are in their run reports). */
  record Result(IngestJob.Result ingest, ExtractJob.Result extract) {}

  /** Runs the five jobs in order; prints one line per job when {@code print}. */
  static Result run(
      SparkSession spark,
      Config config,
      IngestSettings settings,
      List<InputFile> files,
      Catalog catalog,
      CommonOptions common,
      String engine,
      boolean print) {
    IngestJob.Result i = IngestCommand.runWith(spark, config, settings, files, common);
    if (print) {
      System.out.printf(
          "ingest %s: %d records read -> %d articles, %d rejects%n",
          i.runId(), i.recordsRead(), i.articlesWritten(), i.rejectsWritten());
    }
    ExtractJob.Result x = ExtractCommand.run(spark, config, catalog, common, engine);
    if (print) {
      System.out.printf(
          "extract %s: %d articles -> %d mentions%n",
          x.runId(), x.articlesRead(), x.mentionsWritten());
    }
    if (engine.equals(ExtractCommand.Engine.combined.name())) {
      DiscoverCommand.Result d = DiscoverCommand.run(spark, config, common);
      if (print) {
        System.out.printf(
            "discover %s: %d name candidates, %d promoted%n",
            d.runId(), d.candidates(), d.promoted());
      }
    }
    for (String job : List.of("trends", "cooccur", "events")) {
      AnalyticsJob.Result r =
          AnalyticsCommands.run(spark, config, common, job, AnalyticsCommands.job(job));
      if (print) {
        System.out.printf("%s %s: %s%n", job, r.runId(), r.detail());
      }
    }
    return new Result(i, x);
  }
}
