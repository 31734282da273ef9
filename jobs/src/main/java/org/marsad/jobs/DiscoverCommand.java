package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.marsad.ner.NameCandidates;
import org.marsad.tables.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code marsad discover}: {@code mentions} into {@code name_candidates}, the entities found beyond
 * the catalog over the whole warehouse, and the auto-lexicon of those frequent and consistent
 * enough to be matched everywhere ({@code _catalog/discovered.conf}).
 */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description =
        "The names the NER model found beyond the catalog, over the whole warehouse:"
            + " name_candidates, and the auto-lexicon _catalog/discovered.conf.")
public final class DiscoverCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  /** What one run found. */
  public record Result(String runId, long candidates, long promoted) {}

  @Override
  public Integer call() {
    common.validate();
    Config config = common.config.load();
    SparkSession spark = Sessions.create("marsad discover", common.master, config);
    Result r = run(spark, config, common);
    System.out.printf(
        "discover %s: %d name candidates, %d promoted to %s%n",
        r.runId(), r.candidates(), r.promoted(), NameCandidates.AUTO_LEXICON);
    return 0;
  }

  static Result run(SparkSession spark, Config config, CommonOptions common) {
    Warehouse warehouse =
        new Warehouse(common.warehouse, spark.sparkContext().hadoopConfiguration());
    RunReport report = new RunReport("discover", RunReport.newRunId("discover"));
    return report.run(warehouse, config, () -> discover(spark, config, warehouse, report));
  }

  private static Result discover(
      SparkSession spark, Config config, Warehouse warehouse, RunReport report) {
    if (!warehouse.exists(Tables.MENTIONS)) {
      throw new UsageException("no mentions table in " + warehouse.root() + " (run extract first)");
    }
    NameCandidates.Settings settings =
        new NameCandidates.Settings(
            config.getInt("discover.evidence"),
            config.getLong("discover.promote.min_articles"),
            config.getDouble("discover.promote.min_type_share"));
    spark.sparkContext().setJobDescription("discover: name candidates");
    // The whole warehouse, whatever --from/--to say: a candidate's counts are over all its days.
    Dataset<Row> candidates =
        NameCandidates.build(
            warehouse.read(spark, Tables.MENTIONS), config.getString("extract.ner.model"), settings);
    report.time(
        "write",
        () -> {
          warehouse.replace(
              candidates.orderBy(col("articles").desc(), col(Tables.Col.ENTITY_ID)).coalesce(1),
              NameCandidates.TABLE,
              report.runId());
          return null;
        });
    Dataset<Row> written = warehouse.read(spark, NameCandidates.TABLE);
    long total = written.count();
    // The auto-lexicon is a catalog file: a few thousand rows at most, read by the driver.
    List<Row> promoted =
        written
            .filter(col("promoted"))
            .orderBy(col("articles").desc(), col(Tables.Col.ENTITY_ID))
            .collectAsList();
    warehouse.writeText(
        NameCandidates.AUTO_LEXICON,
        NameCandidates.hocon(
            promoted,
            "The auto-lexicon: names the NER model found in at least "
                + settings.minArticles()
                + " articles, typed alike in at least "
                + Math.round(settings.minTypeShare() * 100)
                + "% of their mentions\n(marsad discover, run "
                + report.runId()
                + "). Extract matches them everywhere with extract.ner.auto_lexicon = true.\n"
                + "Review, give each a Wikidata QID and move it into conf/entities to make it"
                + " curated."));
    ObjectNode counts = report.root().putObject("counts");
    counts.put("name_candidates", total);
    counts.put("promoted", promoted.size());
    return new Result(report.runId(), total, promoted.size());
  }
}
