package org.marsad.jobs;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.marsad.catalog.Catalog;
import org.marsad.catalog.Entity;
import org.marsad.tables.Tables;
import org.marsad.tables.Tables.Col;

/**
 * The {@code entities} table: names beside ids. Every catalog entity (with or without mentions)
 * with its Arabic and English labels, its rollup and the rollup's labels, its Wikidata page and
 * origin; and every name the NER model found in {@code mentions}, labelled by its most frequent
 * surface form.
 */
final class EntitiesTable {
  private EntitiesTable() {}

  private static final Pattern QID = Pattern.compile("Q[1-9][0-9]*");

  /** The catalog's rows, built on the driver from the catalog it already holds. */
  static List<Row> catalogRows(Catalog catalog) {
    List<Row> rows = new ArrayList<>();
    for (Entity e : catalog.entities().values()) {
      String rollup = catalog.staticRollup(e.id());
      Entity r = catalog.get(rollup);
      rows.add(
          RowFactory.create(
              e.id(),
              e.type(),
              blankToNull(e.ar()),
              blankToNull(e.en()),
              rollup,
              r == null ? null : blankToNull(r.ar()),
              r == null ? null : blankToNull(r.en()),
              QID.matcher(e.id()).matches() ? "https://www.wikidata.org/wiki/" + e.id() : null,
              catalog.origin(e.id())));
    }
    return rows;
  }

  /**
   * The catalog's rows and the NER names of {@code mentions} (null: none yet) that the catalog
   * does not hold, in {@link Tables#ENTITIES_SCHEMA}'s columns.
   */
  static Dataset<Row> build(SparkSession spark, Catalog catalog, Dataset<Row> mentions) {
    Dataset<Row> known = spark.createDataFrame(catalogRows(catalog), Tables.ENTITIES_SCHEMA);
    if (mentions == null) {
      return known;
    }
    Dataset<Row> ids = known.select(col(Col.ENTITY_ID).as("_known"));
    Dataset<Row> surfaces =
        mentions
            .filter(col(Col.ENTITY_ID).startsWith("ner:"))
            .groupBy(col(Col.ENTITY_ID), col(Col.ENTITY_TYPE), col(Col.SURFACE))
            .count();
    Dataset<Row> found =
        surfaces
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy(col(Col.ENTITY_ID))
                            .orderBy(col("count").desc(), col(Col.SURFACE))))
            .filter(col("rank").equalTo(1))
            .join(broadcast(ids), col(Col.ENTITY_ID).equalTo(col("_known")), "left_anti")
            .select(
                col(Col.ENTITY_ID),
                col(Col.ENTITY_TYPE),
                col(Col.SURFACE).as("label_ar"),
                lit(null).cast(DataTypes.StringType).as("label_en"),
                col(Col.ENTITY_ID).as(Col.ROLLUP_ID),
                col(Col.SURFACE).as("rollup_label_ar"),
                lit(null).cast(DataTypes.StringType).as("rollup_label_en"),
                lit(null).cast(DataTypes.StringType).as("wikidata_url"),
                lit(Catalog.ORIGIN_DISCOVERED).as("origin"));
    return known.unionByName(found);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
