package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.split;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.ingest.IngestSettings;
import org.marsad.testing.SparkTestSession;

/** The whole pipeline on the shared test session, and table comparisons for its tests. */
final class Pipelines {
  private Pipelines() {}

  static final Config CONFIG = MarsadConfig.load(null, List.of());
  static final Catalog CATALOG = Catalog.load(CONFIG);

  /** The eight tables a pipeline run writes. */
  static final List<String> TABLES =
      List.of(
          "articles",
          "rejects",
          "mentions",
          "article_units",
          "entity_trends",
          "cooccurrence",
          "entity_sets",
          "event_windows");

  /** ingest (default mapping) → extract → trends → cooccur → events, quietly. */
  static PipelineCommand.Result run(String input, String warehouse) {
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    common.validate();
    return PipelineCommand.run(
        SparkTestSession.get(),
        CONFIG,
        IngestSettings.from(CONFIG, null, null, null, IngestSettings.todayUtc()),
        InputLister.list(List.of(input), new Configuration()),
        CATALOG,
        common,
        "lexicon",
        false);
  }

  /**
   * A table's rows as two runs can compare them: without the columns that name a run or the input
   * batch (a hash of the input URIs), input files by name only.
   */
  static Dataset<Row> rows(String warehouse, String table) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> t =
        new Warehouse(warehouse, spark.sparkContext().hadoopConfiguration()).read(spark, table);
    List<Column> keep = new ArrayList<>();
    for (String c : t.columns()) {
      if (c.equals("input_file")) {
        keep.add(element_at(split(col(c), "/"), -1).as(c));
      } else if (!c.endsWith("run_id") && !c.equals("input_batch")) {
        keep.add(col(c));
      }
    }
    return t.select(keep.toArray(Column[]::new));
  }

  /** The same rows, as multisets. */
  static void assertSameRows(Dataset<Row> a, Dataset<Row> b, String what) {
    assertThat(a.count()).as(what + ": rows").isEqualTo(b.count());
    assertThat(a.exceptAll(b).count()).as(what + ": rows only in the first").isZero();
    assertThat(b.exceptAll(a).count()).as(what + ": rows only in the second").isZero();
  }
}
