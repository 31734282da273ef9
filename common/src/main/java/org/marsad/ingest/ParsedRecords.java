package org.marsad.ingest;

import static org.apache.spark.sql.types.DataTypes.*;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.tables.Tables;

/**
 * The staging schema of one parsed input record: every record becomes exactly one row, either an
 * article candidate or a reject, carrying the keys the dedup stage needs so that the text is read
 * and processed once.
 */
public final class ParsedRecords {
  private ParsedRecords() {}

  public static final String KIND = "kind";
  public static final String ARTICLE = "article";
  public static final String REJECT = "reject";
  public static final String ROW_KEY = "row_key";
  public static final String BASE_ID = "base_id";
  public static final String URL_KEY = "url_key";
  public static final String TEXT_HASH = "text_hash";
  public static final String SIGNATURE = "signature";
  public static final String BAND_KEYS = "band_keys";

  public static final StructType SCHEMA =
      new StructType()
          .add(KIND, StringType, false)
          .add(ROW_KEY, LongType, false)
          .add(Tables.Col.SOURCE, StringType, false)
          .add(Tables.Col.DATASET, StringType, false)
          .add(Tables.Col.INPUT_FILE, StringType, false)
          .add(Tables.Col.RECORD_INDEX, LongType, false)
          .add(Tables.Col.SOURCE_ID, StringType, true)
          .add(Tables.Col.URL, StringType, true)
          .add(Tables.Col.TITLE, StringType, true)
          .add(Tables.Col.BODY, StringType, true)
          .add(Tables.Col.PUB_DATE, DateType, true)
          .add(Tables.Col.PUB_TS, TimestampType, true)
          .add(Tables.Col.DATE_SOURCE, StringType, true)
          .add(Tables.Col.ARABIC_SHARE, DoubleType, true)
          .add(BASE_ID, StringType, true)
          .add(URL_KEY, StringType, true)
          .add(TEXT_HASH, StringType, true)
          .add(SIGNATURE, Tables.INT_ARRAY, true)
          .add(BAND_KEYS, DataTypes.createArrayType(LongType, false), true)
          .add(Tables.Col.RECORD, StringType, true)
          .add(Tables.Col.REASON, StringType, true)
          .add(Tables.Col.DETAIL, StringType, true);
}
