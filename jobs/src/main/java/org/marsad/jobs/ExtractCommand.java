package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.marsad.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code marsad extract}: {@code articles} into {@code mentions}. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = "Find the catalog's entities in the articles: the mentions table.")
public final class ExtractCommand implements Callable<Integer> {
  /** Extraction engines. */
  public enum Engine {
    lexicon,
    sparknlp
  }

  @Mixin CommonOptions common;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "lexicon (default): Marsad's clitic-aware matcher over the catalog; sparknlp: a Spark NLP"
              + " pipeline (sentence detector, tokenizer, entity ruler) built from the same catalog.")
  Engine engine = Engine.lexicon;

  @Override
  public Integer call() {
    common.validate();
    Config config = common.config.load();
    Catalog catalog = Catalog.load(config);
    SparkSession spark = Sessions.create("marsad extract", common.master, config);
    ExtractJob.Result r = run(spark, config, catalog, common, engine.name());
    System.out.printf(
        "extract %s: %d articles -> %d mentions in %d articles %s%n",
        r.runId(),
        r.articlesRead(),
        r.mentionsWritten(),
        r.articlesWithMentions(),
        r.mentionsByForm());
    return 0;
  }

  public static ExtractJob.Result run(
      SparkSession spark, Config config, Catalog catalog, CommonOptions common) {
    return run(spark, config, catalog, common, Engine.lexicon.name());
  }

  public static ExtractJob.Result run(
      SparkSession spark, Config config, Catalog catalog, CommonOptions common, String engine) {
    Warehouse warehouse =
        new Warehouse(common.warehouse, spark.sparkContext().hadoopConfiguration());
    RunReport report = new RunReport("extract", RunReport.newRunId("extract"));
    return report.run(
        warehouse,
        config,
        () ->
            new ExtractJob(spark, catalog, warehouse, common.from, common.to, report, engine)
                .run());
  }
}
