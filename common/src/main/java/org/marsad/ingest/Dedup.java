package org.marsad.ingest;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.marsad.ingest.IngestSettings.NearDuplicateSettings;
import org.marsad.tables.Tables.Col;
import scala.Tuple2;

/**
 * Identity and duplicates, over the small key columns of the article candidates only (the text
 * was reduced to keys and a MinHash signature in the per-partition pass):
 *
 * <ol>
 *   <li>{@code article_id}: the hash of source and URL (else of the normalised text); a second
 *       record with the same hash gets a hash that also names its file and position.
 *   <li>{@code dup_of}: the first exact copy (same URL, or same normalised title and body), where
 *       "first" is the earliest (publication day, time, input file, record index).
 *   <li>{@code story_id}: connected components of near-duplicate pairs, found by MinHash LSH
 *       banding and confirmed by the signatures' estimated Jaccard similarity, between articles at
 *       most {@code window_days} apart. The story is named by its earliest article.
 * </ol>
 */
public final class Dedup {
  private Dedup() {}

  public static final StructType RESULT_SCHEMA =
      new StructType()
          .add(ParsedRecords.ROW_KEY, DataTypes.LongType, false)
          .add(Col.ARTICLE_ID, DataTypes.StringType, false)
          .add(Col.DUP_OF, DataTypes.StringType, true)
          .add(Col.STORY_ID, DataTypes.StringType, false);

  private static final String ORD = "_ord";
  private static final String STORY_KEY = "_story_key";

  /**
   * @param candidates article rows of {@link ParsedRecords#SCHEMA} (at least the key columns)
   * @return {@code row_key, article_id, dup_of, story_id}, one row per candidate
   */
  public static Dataset<Row> assign(
      SparkSession spark, Dataset<Row> candidates, boolean exact, NearDuplicateSettings near) {
    // The order that decides which copy is "first": day, time (unknown last), file, position.
    Column time =
        coalesce(col(Col.PUB_TS), lit(java.sql.Timestamp.valueOf("9999-12-31 00:00:00")));
    WindowSpec byBase =
        Window.partitionBy(ParsedRecords.BASE_ID)
            .orderBy(col(Col.PUB_DATE), time, col(Col.INPUT_FILE), col(Col.RECORD_INDEX));
    Column fileName = element_at(split(col(Col.INPUT_FILE), "/"), -1);
    Dataset<Row> ids =
        candidates
            .select(
                col(ParsedRecords.ROW_KEY), col(ParsedRecords.BASE_ID), col(ParsedRecords.URL_KEY),
                col(ParsedRecords.TEXT_HASH), col(ParsedRecords.SIGNATURE), col(Col.PUB_DATE),
                col(Col.PUB_TS), col(Col.INPUT_FILE), col(Col.RECORD_INDEX))
            .withColumn(
                Col.ARTICLE_ID,
                when(row_number().over(byBase).equalTo(1), col(ParsedRecords.BASE_ID))
                    .otherwise(
                        substring(
                            sha2(
                                concat_ws("|", col(ParsedRecords.BASE_ID), fileName,
                                    col(Col.RECORD_INDEX).cast("string")),
                                256),
                            1,
                            32)))
            .withColumn(
                ORD,
                struct(col(Col.PUB_DATE).as("d"), time.as("t"), col(Col.INPUT_FILE).as("f"),
                    col(Col.RECORD_INDEX).as("i"), col(Col.ARTICLE_ID).as("id")));

    Dataset<Row> withDups;
    if (exact) {
      Column firstByUrl = min(col(ORD)).over(Window.partitionBy(ParsedRecords.URL_KEY));
      Column firstByText = min(col(ORD)).over(Window.partitionBy(ParsedRecords.TEXT_HASH));
      Column first =
          when(col(ParsedRecords.URL_KEY).isNull(), firstByText)
              .otherwise(least(firstByUrl, firstByText));
      withDups =
          ids.withColumn("_first", first)
              .withColumn(
                  Col.DUP_OF,
                  when(col("_first.id").notEqual(col(Col.ARTICLE_ID)), col("_first.id")))
              .drop("_first");
      // A copy of a copy (same URL as one, same text as another) points to the first of all.
      Dataset<Row> hop =
          withDups.filter(col(Col.DUP_OF).isNotNull())
              .select(col(Col.ARTICLE_ID).as("_hop_id"), col(Col.DUP_OF).as("_hop_to"));
      withDups =
          withDups.join(hop, withDups.col(Col.DUP_OF).equalTo(hop.col("_hop_id")), "left")
              .withColumn(Col.DUP_OF, coalesce(col("_hop_to"), col(Col.DUP_OF)))
              .drop("_hop_id", "_hop_to");
    } else {
      withDups = ids.withColumn(Col.DUP_OF, lit(null).cast(DataTypes.StringType));
    }
    withDups = withDups.persist(StorageLevel.MEMORY_AND_DISK());

    // Sortable story key: the earliest article names the story.
    Column storyKey = concat_ws("|", date_format(col(Col.PUB_DATE), "yyyy-MM-dd"), col(Col.ARTICLE_ID));
    Dataset<Row> canon = withDups.filter(col(Col.DUP_OF).isNull());
    Dataset<Row> stories;
    if (near.enabled()) {
      Dataset<Row> labels = nearDuplicateStories(spark, canon, storyKey, near);
      stories =
          canon.select(col(Col.ARTICLE_ID), storyKey.as(STORY_KEY))
              .join(labels, Col.ARTICLE_ID, "left")
              .select(col(Col.ARTICLE_ID),
                  coalesce(col("_label"), col(STORY_KEY)).as(STORY_KEY));
    } else {
      stories = canon.select(col(Col.ARTICLE_ID), storyKey.as(STORY_KEY));
    }
    stories = stories.select(col(Col.ARTICLE_ID).as("_canon"),
        substring_index(col(STORY_KEY), "|", -1).as(Col.STORY_ID));
    return withDups
        .join(stories, coalesce(col(Col.DUP_OF), col(Col.ARTICLE_ID)).equalTo(col("_canon")), "left")
        .select(col(ParsedRecords.ROW_KEY), col(Col.ARTICLE_ID), col(Col.DUP_OF),
            col(Col.STORY_ID));
  }

  /** {@code article_id, _label}: the story key of each article in a near-duplicate cluster. */
  static Dataset<Row> nearDuplicateStories(
      SparkSession spark, Dataset<Row> canon, Column storyKey, NearDuplicateSettings near) {
    Dataset<Row> nodes =
        canon.filter(col(ParsedRecords.SIGNATURE).isNotNull())
            .select(col(Col.ARTICLE_ID), storyKey.as(STORY_KEY),
                datediff(col(Col.PUB_DATE), lit(java.sql.Date.valueOf("1970-01-01"))).as("_day"),
                col(ParsedRecords.SIGNATURE));
    int bands = near.bands();
    int rows = near.rows();
    int window = near.windowDays();
    int maxBucket = near.maxBucket();
    JavaRDD<Row> candidatePairs =
        nodes.select(col(Col.ARTICLE_ID), col("_day"), col(ParsedRecords.SIGNATURE))
            .javaRDD()
            .flatMapToPair(
                r -> {
                  List<Integer> sigList = r.getList(2);
                  int[] sig = sigList.stream().mapToInt(Integer::intValue).toArray();
                  long[] keys = MinHasher.bandKeys(sig, bands, rows);
                  List<Tuple2<Long, Tuple2<String, Integer>>> out = new ArrayList<>(bands);
                  for (long k : keys) {
                    out.add(new Tuple2<>(k, new Tuple2<>(r.getString(0), r.getInt(1))));
                  }
                  return out.iterator();
                })
            .groupByKey()
            .flatMap(
                bucket -> {
                  List<Tuple2<String, Integer>> members = new ArrayList<>();
                  bucket._2().forEach(members::add);
                  List<Row> pairs = new ArrayList<>();
                  if (members.size() < 2) {
                    return pairs.iterator();
                  }
                  members.sort(Comparator.comparing(Tuple2::_1));
                  if (members.size() <= maxBucket) {
                    for (int i = 0; i < members.size(); i++) {
                      for (int j = i + 1; j < members.size(); j++) {
                        addIfClose(pairs, members.get(i), members.get(j), window);
                      }
                    }
                  } else {
                    // Boilerplate buckets: link neighbours only, so cost stays linear.
                    for (int i = 0; i + 1 < members.size(); i++) {
                      addIfClose(pairs, members.get(i), members.get(i + 1), window);
                    }
                  }
                  return pairs.iterator();
                });
    StructType pairSchema =
        new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
    Dataset<Row> pairs = spark.createDataFrame(candidatePairs, pairSchema).distinct();
    Dataset<Row> sigA =
        nodes.select(col(Col.ARTICLE_ID).as("a"), col(ParsedRecords.SIGNATURE).as("sa"),
            col(STORY_KEY).as("ka"));
    Dataset<Row> sigB =
        nodes.select(col(Col.ARTICLE_ID).as("b"), col(ParsedRecords.SIGNATURE).as("sb"),
            col(STORY_KEY).as("kb"));
    double threshold = near.threshold();
    Dataset<Row> edges =
        pairs.join(sigA, "a").join(sigB, "b")
            .filter(
                (org.apache.spark.api.java.function.FilterFunction<Row>)
                    r -> similarity(r.getList(r.fieldIndex("sa")), r.getList(r.fieldIndex("sb")))
                        >= threshold)
            .select(col("ka").as("a"), col("kb").as("b"))
            .persist(StorageLevel.MEMORY_AND_DISK());
    return components(edges, near.maxIterations())
        .select(substring_index(col("node"), "|", -1).as(Col.ARTICLE_ID), col("label").as("_label"));
  }

  private static void addIfClose(
      List<Row> pairs, Tuple2<String, Integer> a, Tuple2<String, Integer> b, int window) {
    if (Math.abs(a._2() - b._2()) <= window) {
      pairs.add(RowFactory.create(a._1(), b._1()));
    }
  }

  private static double similarity(List<Integer> a, List<Integer> b) {
    int same = 0;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).equals(b.get(i))) {
        same++;
      }
    }
    return (double) same / a.size();
  }

  /**
   * Connected components by min-label propagation: each node takes the smallest label among
   * itself and its neighbours until nothing changes. Labels are sortable story keys, so a
   * component is named by its earliest article.
   *
   * @param edges columns {@code a, b}
   * @return {@code node, label}
   */
  static Dataset<Row> components(Dataset<Row> edges, int maxIterations) {
    Dataset<Row> both =
        edges.select(col("a").as("src"), col("b").as("dst"))
            .union(edges.select(col("b").as("src"), col("a").as("dst")))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> labels =
        both.select(col("src").as("node")).distinct().withColumn("label", col("node"));
    for (int i = 0; i < maxIterations; i++) {
      Dataset<Row> proposed =
          both.join(labels, both.col("src").equalTo(labels.col("node")))
              .select(col("dst").as("node"), col("label"));
      Dataset<Row> next =
          labels.union(proposed).groupBy("node").agg(min("label").as("label"))
              .localCheckpoint(true);
      long changed =
          next.join(labels.withColumnRenamed("label", "old"), "node")
              .filter(col("label").notEqual(col("old")))
              .count();
      labels = next;
      if (changed == 0) {
        break;
      }
    }
    both.unpersist();
    return labels;
  }
}
