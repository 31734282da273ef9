package org.marsad.ingest;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.tables.Tables;
import org.marsad.tables.Tables.Col;

/**
 * The keys dedup works on, kept for every article written ({@code _dedup_keys}, partitioned like
 * {@code articles}): a run over some days is deduplicated together with the keys of every other
 * day already in the warehouse, so that day-by-day runs give the same {@code article_id}, {@code
 * dup_of} and {@code story_id} as one run over all days, and the days whose articles change because
 * of the new ones (a near-duplicate a day later joins an older story) are rewritten.
 */
public final class DedupKeys {
  private DedupKeys() {}

  public static final String TABLE = "_dedup_keys";

  /** The key columns {@link Dedup#assign} reads, in the order both sides of a union use. */
  static final String[] KEYS = {
    ParsedRecords.ROW_KEY,
    ParsedRecords.BASE_ID,
    ParsedRecords.URL_KEY,
    ParsedRecords.TEXT_HASH,
    ParsedRecords.SIGNATURE,
    ParsedRecords.BAND_KEYS,
    Col.PUB_DATE,
    Col.PUB_TS,
    Col.INPUT_FILE,
    Col.RECORD_INDEX
  };

  public static final StructType SCHEMA =
      new StructType()
          .add(Col.ARTICLE_ID, DataTypes.StringType, false)
          .add(Col.DUP_OF, DataTypes.StringType, true)
          .add(Col.STORY_ID, DataTypes.StringType, false)
          .add(ParsedRecords.BASE_ID, DataTypes.StringType, true)
          .add(ParsedRecords.URL_KEY, DataTypes.StringType, true)
          .add(ParsedRecords.TEXT_HASH, DataTypes.StringType, true)
          .add(ParsedRecords.SIGNATURE, Tables.INT_ARRAY, true)
          .add(ParsedRecords.BAND_KEYS, DataTypes.createArrayType(DataTypes.LongType, false), true)
          .add(Col.PUB_TS, DataTypes.TimestampType, true)
          .add(Col.INPUT_FILE, DataTypes.StringType, false)
          .add(Col.RECORD_INDEX, DataTypes.LongType, false)
          .add(Col.DATASET, DataTypes.StringType, false)
          .add(Col.PUB_DATE, DataTypes.DateType, false);

  /** Old ids of the known articles, beside their row keys in the union. */
  public static final String OLD_ID = "_old_article_id";

  public static final String OLD_DUP = "_old_dup_of";
  public static final String OLD_STORY = "_old_story_id";

  /** The candidates' key columns. */
  public static Dataset<Row> keysOf(Dataset<Row> candidates) {
    return candidates.select(cols());
  }

  /**
   * Known articles (rows of {@link #SCHEMA}) as dedup input: row keys below zero, so they never
   * meet a candidate's, and their stored ids beside them for comparison.
   */
  public static Dataset<Row> asInput(Dataset<Row> known) {
    return known
        .withColumn(ParsedRecords.ROW_KEY, lit(-1L).minus(monotonically_increasing_id()))
        .select(
            concat(
                    java.util.Arrays.asList(cols()),
                    java.util.List.of(
                        col(Col.ARTICLE_ID).as(OLD_ID),
                        col(Col.DUP_OF).as(OLD_DUP),
                        col(Col.STORY_ID).as(OLD_STORY)))
                .toArray(Column[]::new));
  }

  private static Column[] cols() {
    return java.util.Arrays.stream(KEYS).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  private static <T> java.util.List<T> concat(java.util.List<T> a, java.util.List<T> b) {
    java.util.List<T> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Side rows of the candidates just deduplicated ({@code identity}: row key to ids). */
  public static Dataset<Row> forCandidates(
      Dataset<Row> candidates, Dataset<Row> identity, String dataset) {
    return candidates
        .join(identity, ParsedRecords.ROW_KEY)
        .withColumn(Col.DATASET, lit(dataset))
        .select(schemaCols());
  }

  /**
   * Known articles whose ids changed, as {@code old id -> new article_id, dup_of, story_id} with
   * their day ({@code known}: from {@link #asInput}, with the identity joined on the row key).
   */
  public static Dataset<Row> changed(Dataset<Row> knownWithIdentity) {
    return knownWithIdentity.filter(
        not(
            col(OLD_ID)
                .eqNullSafe(col(Col.ARTICLE_ID))
                .and(col(OLD_DUP).eqNullSafe(col(Col.DUP_OF)))
                .and(col(OLD_STORY).eqNullSafe(col(Col.STORY_ID)))));
  }

  public static Column[] schemaCols() {
    return java.util.Arrays.stream(SCHEMA.fieldNames())
        .map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
  }
}
