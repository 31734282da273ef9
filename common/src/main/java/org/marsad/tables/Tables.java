package org.marsad.tables;

import static org.apache.spark.sql.types.DataTypes.*;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The table contract in one place: folder names, column names and explicit schemas. Columns named
 * in DESIGN.md keep their names and meaning; columns may only be added.
 */
public final class Tables {
  private Tables() {}

  public static final String ARTICLES = "articles";
  public static final String REJECTS = "rejects";
  public static final String MENTIONS = "mentions";
  public static final String ARTICLE_UNITS = "article_units";
  public static final String ENTITY_TRENDS = "entity_trends";
  public static final String COOCCURRENCE = "cooccurrence";
  public static final String ENTITY_SETS = "entity_sets";
  public static final String EVENT_WINDOWS = "event_windows";
  public static final String ENTITIES = "entities";
  public static final String RUNS_DIR = "_runs";
  public static final String STAGING_DIR = "_staging";

  /** Column names shared by several tables. */
  public static final class Col {
    private Col() {}

    public static final String ARTICLE_ID = "article_id";
    public static final String SOURCE = "source";
    public static final String DATASET = "dataset";
    public static final String SOURCE_ID = "source_id";
    public static final String URL = "url";
    public static final String TITLE = "title";
    public static final String BODY = "body";
    public static final String PUB_DATE = "pub_date";
    public static final String PUB_TS = "pub_ts";
    public static final String DATE_SOURCE = "date_source";
    public static final String DUP_OF = "dup_of";
    public static final String STORY_ID = "story_id";
    public static final String INGEST_RUN_ID = "ingest_run_id";
    public static final String INPUT_FILE = "input_file";
    public static final String RECORD_INDEX = "record_index";
    public static final String ARABIC_SHARE = "arabic_share";
    public static final String RECORD = "record";
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    public static final String INPUT_BATCH = "input_batch";
    public static final String FIELD = "field";
    public static final String PARAGRAPH_IDX = "paragraph_idx";
    public static final String SENTENCE_IDX = "sentence_idx";
    public static final String START = "start";
    public static final String END = "end";
    public static final String SURFACE = "surface";
    public static final String ENTITY_ID = "entity_id";
    public static final String ENTITY_TYPE = "entity_type";
    public static final String FORM = "form";
    public static final String ROLLUP_ID = "rollup_id";
    public static final String ENGINE = "engine";
    public static final String EXTRACT_RUN_ID = "extract_run_id";
  }

  /**
   * {@code articles}, partitioned by {@code dataset} (the dump's source mapping), then {@code
   * pub_date}: a day of one dump is replaced without touching another dump's articles of that day.
   * {@code dataset} (the source mapping used, e.g. {@code saudinewsnet}), {@code date_source},
   * {@code input_file}, {@code record_index} and {@code arabic_share} are additions to the
   * contract, for tracing every row back to its input.
   */
  public static final StructType ARTICLES_SCHEMA =
      new StructType()
          .add(Col.ARTICLE_ID, StringType, false)
          .add(Col.SOURCE, StringType, false)
          .add(Col.DATASET, StringType, false)
          .add(Col.SOURCE_ID, StringType, true)
          .add(Col.URL, StringType, true)
          .add(Col.TITLE, StringType, true)
          .add(Col.BODY, StringType, false)
          .add(Col.PUB_TS, TimestampType, true)
          .add(Col.DATE_SOURCE, StringType, false)
          .add(Col.DUP_OF, StringType, true)
          .add(Col.STORY_ID, StringType, false)
          .add(Col.INGEST_RUN_ID, StringType, false)
          .add(Col.INPUT_FILE, StringType, false)
          .add(Col.RECORD_INDEX, LongType, false)
          .add(Col.ARABIC_SHARE, DoubleType, false)
          .add(Col.PUB_DATE, DateType, false);

  /**
   * {@code rejects}, partitioned by {@code input_batch} (a stable hash of the run's input paths),
   * so that a rerun over the same inputs replaces its own rejects and runs over other inputs keep
   * theirs.
   */
  public static final StructType REJECTS_SCHEMA =
      new StructType()
          .add(Col.SOURCE, StringType, false)
          .add(Col.DATASET, StringType, false)
          .add(Col.INPUT_FILE, StringType, false)
          .add(Col.RECORD_INDEX, LongType, false)
          .add(Col.RECORD, StringType, true)
          .add(Col.REASON, StringType, false)
          .add(Col.DETAIL, StringType, true)
          .add(Col.INGEST_RUN_ID, StringType, false)
          .add(Col.INPUT_BATCH, StringType, false);

  /**
   * {@code mentions}, partitioned by {@code pub_date}: one row per entity mention, with offsets
   * {@code [start, end)} into the stored {@code title} or {@code body} of {@code articles}.
   */
  public static final StructType MENTIONS_SCHEMA =
      new StructType()
          .add(Col.ARTICLE_ID, StringType, false)
          .add(Col.FIELD, StringType, false)
          .add(Col.PARAGRAPH_IDX, IntegerType, false)
          .add(Col.SENTENCE_IDX, IntegerType, false)
          .add(Col.START, IntegerType, false)
          .add(Col.END, IntegerType, false)
          .add(Col.SURFACE, StringType, false)
          .add(Col.ENTITY_ID, StringType, false)
          .add(Col.ENTITY_TYPE, StringType, false)
          .add(Col.FORM, StringType, false)
          .add(Col.ROLLUP_ID, StringType, false)
          .add(Col.ENGINE, StringType, false)
          .add(Col.STORY_ID, StringType, false)
          .add(Col.SOURCE, StringType, false)
          .add(Col.EXTRACT_RUN_ID, StringType, false)
          .add(Col.PUB_DATE, DateType, false);

  /**
   * {@code article_units} (an addition to the contract), partitioned by {@code pub_date}: per
   * article, its paragraphs and sentences (title and body), counted by {@code extract} in its pass
   * over the text: the denominators ({@code n_total}) of sentence- and paragraph-scope
   * co-occurrence.
   */
  public static final StructType ARTICLE_UNITS_SCHEMA =
      new StructType()
          .add(Col.ARTICLE_ID, StringType, false)
          .add(Col.STORY_ID, StringType, false)
          .add(Col.SOURCE, StringType, false)
          .add("paragraphs", IntegerType, false)
          .add("sentences", IntegerType, false)
          .add(Col.EXTRACT_RUN_ID, StringType, false)
          .add(Col.PUB_DATE, DateType, false);

  /** Array of ints, for MinHash signatures. */
  public static final org.apache.spark.sql.types.DataType INT_ARRAY =
      DataTypes.createArrayType(IntegerType, false);

  /** The schemas of the tables whose rows the jobs build from a fixed schema, by table name. */
  /**
   * Every entity a table may name, with its labels: the catalog's (also those with no mention yet)
   * and the names the NER model found. Written whole by {@code extract}.
   */
  public static final StructType ENTITIES_SCHEMA =
      new StructType()
          .add(Col.ENTITY_ID, StringType, false)
          .add(Col.ENTITY_TYPE, StringType, false)
          .add("label_ar", StringType, true)
          .add("label_en", StringType, true)
          .add(Col.ROLLUP_ID, StringType, false)
          .add("rollup_label_ar", StringType, true)
          .add("rollup_label_en", StringType, true)
          .add("wikidata_url", StringType, true)
          .add("origin", StringType, false);

  public static final java.util.Map<String, StructType> SCHEMAS =
      java.util.Map.of(REJECTS, REJECTS_SCHEMA);
}
