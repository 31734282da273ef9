package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.marsad.catalog.Catalog;
import org.marsad.ner.NameCandidates;
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
    combined,
    lexicon,
    sparknlp
  }

  @Mixin CommonOptions common;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "lexicon (default): the clitic-aware matcher over the catalog; combined: the catalog's"
              + " matches and the names Marsad's NER model finds beyond them (its F1 goals are not"
              + " met yet, so it is not the default); sparknlp: a Spark NLP pipeline (sentence"
              + " detector, tokenizer, entity ruler) built from the catalog.")
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
    if (!engine.equals(Engine.sparknlp.name()) && config.getBoolean("extract.ner.auto_lexicon")) {
      String text = warehouse.readText(NameCandidates.AUTO_LEXICON);
      if (text != null) {
        catalog =
            catalog.with(
                com.typesafe.config.ConfigFactory.parseString(text), NameCandidates.AUTO_LEXICON);
      }
    }
    Catalog used = catalog;
    // Days an ingest rewrote outside its own range are extracted again with this run's.
    PendingDays.Range range = PendingDays.take(warehouse, "extract", common.from, common.to, report);
    ExtractJob.Result r =
        report.run(
            warehouse,
            config,
            () ->
                new ExtractJob(
                        spark,
                        used,
                        warehouse,
                        range.from(),
                        range.to(),
                        report,
                        engine,
                        config.getString("extract.ner.model"))
                    .run());
    // What extract redid, the analytics redo.
    PendingDays.mark(warehouse, PendingDays.AFTER_EXTRACT, range.days());
    range.done(warehouse, "extract");
    return r;
  }
}
