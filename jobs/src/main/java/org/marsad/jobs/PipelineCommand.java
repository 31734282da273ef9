package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
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
      description = "auto, utf-8, windows-1256 or any Java charset (default: auto).")
  String encoding;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description = "Extraction engine: lexicon (default) or sparknlp.")
  ExtractCommand.Engine engine = ExtractCommand.Engine.lexicon;

  @Override
  public Integer call() {
    common.validate();
    Config config = common.config.load();
    IngestSettings settings =
        IngestSettings.from(config, format, encoding, source, IngestSettings.todayUtc());
    AnalyticsSettings.from(config);
    Catalog catalog = Catalog.load(config);
    List<InputFile> files = InputLister.list(inputs, new Configuration());
    SparkSession spark = Sessions.create("marsad pipeline", common.master, config);
    run(spark, config, settings, files, catalog, common, engine.name(), true);
    return 0;
  }

  /** Runs the five jobs in order; prints one line per job when {@code print}. */
  static void run(
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
    for (String job : List.of("trends", "cooccur", "events")) {
      AnalyticsJob.Result r =
          AnalyticsCommands.run(spark, config, common, job, AnalyticsCommands.job(job));
      if (print) {
        System.out.printf("%s %s: %s%n", job, r.runId(), r.detail());
      }
    }
  }
}
