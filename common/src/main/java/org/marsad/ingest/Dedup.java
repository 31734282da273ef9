package org.marsad.ingest;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.ingest.IngestSettings.NearDuplicateSettings;
import org.marsad.spark.CacheLevel;
import org.marsad.spark.Intermediates;
import org.marsad.spark.Lookahead;
import org.marsad.tables.Tables.Col;

/**
 * Identity and duplicates, over the small key columns of the article candidates only (the text was
 * reduced to keys and a MinHash signature in the per-partition pass):
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
   * @return {@code row_key, article_id, dup_of, story_id}, one row per candidate, already computed
   *     (cached), so callers may use it several times at no extra cost
   */
  public static Dataset<Row> assign(
      SparkSession spark,
      Dataset<Row> candidates,
      boolean exact,
      NearDuplicateSettings near,
      Intermediates keep) {
    // The order that decides which copy is "first": day, time (unknown last), file, position.
    Column time = coalesce(col(Col.PUB_TS), lit(java.sql.Timestamp.valueOf("9999-12-31 00:00:00")));
    WindowSpec byBase =
        Window.partitionBy(ParsedRecords.BASE_ID)
            .orderBy(col(Col.PUB_DATE), time, col(Col.INPUT_FILE), col(Col.RECORD_INDEX));
    Column fileName = element_at(split(col(Col.INPUT_FILE), "/"), -1);
    Dataset<Row> ids =
        candidates
            .select(
                col(ParsedRecords.ROW_KEY),
                col(ParsedRecords.BASE_ID),
                col(ParsedRecords.URL_KEY),
                col(ParsedRecords.TEXT_HASH),
                col(ParsedRecords.SIGNATURE),
                col(ParsedRecords.BAND_KEYS),
                col(Col.PUB_DATE),
                col(Col.PUB_TS),
                col(Col.INPUT_FILE),
                col(Col.RECORD_INDEX))
            .withColumn(
                Col.ARTICLE_ID,
                when(row_number().over(byBase).equalTo(1), col(ParsedRecords.BASE_ID))
                    .otherwise(
                        substring(
                            sha2(
                                concat_ws(
                                    "|",
                                    col(ParsedRecords.BASE_ID),
                                    fileName,
                                    col(Col.RECORD_INDEX).cast("string")),
                                256),
                            1,
                            32)))
            .withColumn(
                ORD,
                struct(
                    col(Col.PUB_DATE).as("d"),
                    time.as("t"),
                    col(Col.INPUT_FILE).as("f"),
                    col(Col.RECORD_INDEX).as("i"),
                    col(Col.ARTICLE_ID).as("id")));

    Dataset<Row> withDups;
    if (exact) {
      // The first copy per URL and per text, as aggregates joined back rather than windows: a
      // window buffers its whole partition, and the records without a URL are one partition.
      Dataset<Row> firstByUrl =
          ids.filter(col(ParsedRecords.URL_KEY).isNotNull())
              .groupBy(col(ParsedRecords.URL_KEY).as("_url"))
              .agg(min(col(ORD)).as("_by_url"));
      Dataset<Row> firstByText =
          ids.groupBy(col(ParsedRecords.TEXT_HASH).as("_text")).agg(min(col(ORD)).as("_by_text"));
      Column first =
          when(col(ParsedRecords.URL_KEY).isNull(), col("_by_text"))
              .otherwise(least(col("_by_url"), col("_by_text")));
      withDups =
          ids.join(firstByUrl, col(ParsedRecords.URL_KEY).equalTo(col("_url")), "left")
              .join(firstByText, col(ParsedRecords.TEXT_HASH).eqNullSafe(col("_text")), "left")
              .withColumn("_first", first)
              .drop("_url", "_by_url", "_text", "_by_text")
              .withColumn(
                  Col.DUP_OF,
                  when(col("_first.id").notEqual(col(Col.ARTICLE_ID)), col("_first.id")))
              .drop("_first");
      // A copy of a copy (same URL as one, same text as another) points to the first of all.
      Dataset<Row> hop =
          withDups
              .filter(col(Col.DUP_OF).isNotNull())
              .select(col(Col.ARTICLE_ID).as("_hop_id"), col(Col.DUP_OF).as("_hop_to"));
      withDups =
          withDups
              .join(hop, withDups.col(Col.DUP_OF).equalTo(hop.col("_hop_id")), "left")
              .withColumn(Col.DUP_OF, coalesce(col("_hop_to"), col(Col.DUP_OF)))
              .drop("_hop_id", "_hop_to");
    } else {
      withDups = ids.withColumn(Col.DUP_OF, lit(null).cast(DataTypes.StringType));
    }
    withDups = keep.keep(withDups, "dedup-keys");
    List<Dataset<Row>> cached = new ArrayList<>(List.of(withDups));

    // Sortable story key: the earliest article names the story.
    Column storyKey =
        concat_ws("|", date_format(col(Col.PUB_DATE), "yyyy-MM-dd"), col(Col.ARTICLE_ID));
    Dataset<Row> canon = withDups.filter(col(Col.DUP_OF).isNull());
    Dataset<Row> stories;
    if (near.enabled()) {
      Dataset<Row> labels = nearDuplicateStories(canon, storyKey, near, keep, cached);
      stories =
          canon
              .select(col(Col.ARTICLE_ID), storyKey.as(STORY_KEY))
              .join(labels, Col.ARTICLE_ID, "left")
              .select(col(Col.ARTICLE_ID), coalesce(col("_label"), col(STORY_KEY)).as(STORY_KEY));
    } else {
      stories = canon.select(col(Col.ARTICLE_ID), storyKey.as(STORY_KEY));
    }
    stories =
        stories.select(
            col(Col.ARTICLE_ID).as("_canon"),
            substring_index(col(STORY_KEY), "|", -1).as(Col.STORY_ID));
    Dataset<Row> result =
        withDups
            .join(
                stories,
                coalesce(col(Col.DUP_OF), col(Col.ARTICLE_ID)).equalTo(col("_canon")),
                "left")
            .select(
                col(ParsedRecords.ROW_KEY),
                col(Col.ARTICLE_ID),
                col(Col.DUP_OF),
                col(Col.STORY_ID));
    result = keep.keep(result, "dedup-ids");
    // Materialised here, so the intermediate data cached above can be released.
    result.count();
    cached.forEach(keep::release);
    return result;
  }

  /** {@code article_id, _label}: the story key of each article in a near-duplicate cluster. */
  static Dataset<Row> nearDuplicateStories(
      Dataset<Row> canon,
      Column storyKey,
      NearDuplicateSettings near,
      Intermediates keep,
      List<Dataset<Row>> cached) {
    Dataset<Row> nodes =
        canon
            .filter(col(ParsedRecords.SIGNATURE).isNotNull())
            .select(
                col(Col.ARTICLE_ID).as("id"),
                storyKey.as(STORY_KEY),
                datediff(col(Col.PUB_DATE), lit(java.sql.Date.valueOf("1970-01-01"))).as("day"),
                col(ParsedRecords.SIGNATURE),
                col(ParsedRecords.BAND_KEYS));
    // LSH buckets: one row per (article, band); the band number is mixed into the key. Bucket
    // sizes are counted by an aggregate, not a window, which would buffer a whole bucket.
    Dataset<Row> exploded =
        nodes.select(col("id"), col("day"), explode(col(ParsedRecords.BAND_KEYS)).as("key"));
    Dataset<Row> sizes =
        exploded
            .groupBy(col("key").as("_key"))
            .agg(count(lit(1)).as("size"))
            .filter(col("size").gt(1));
    Dataset<Row> buckets = exploded.join(sizes, col("key").equalTo(col("_key"))).drop("_key");
    Column window = abs(col("x.day").minus(col("y.day"))).leq(near.windowDays());
    Dataset<Row> small = buckets.filter(col("size").leq(near.maxBucket()));
    Dataset<Row> allPairs =
        small
            .as("x")
            .join(
                small.as("y"),
                col("x.key").equalTo(col("y.key")).and(col("x.id").lt(col("y.id"))).and(window))
            .select(col("x.id").as("a"), col("y.id").as("b"));
    // Boilerplate buckets: link each article to its neighbour only, so cost stays linear; a
    // bucket is streamed in id order, never held whole.
    Dataset<Row> chained =
        canon
            .sparkSession()
            .createDataFrame(
                buckets
                    .filter(col("size").gt(near.maxBucket()))
                    .select(col("key"), col("id"), col("day"))
                    .repartition(col("key"))
                    .sortWithinPartitions("key", "id")
                    .javaRDD()
                    .mapPartitions(new ChainNeighbours(near.windowDays())),
                PAIRS);
    Dataset<Row> pairs = allPairs.union(chained).distinct();
    Dataset<Row> sigA =
        nodes.select(
            col("id").as("a"), col(ParsedRecords.SIGNATURE).as("sa"), col(STORY_KEY).as("ka"));
    Dataset<Row> sigB =
        nodes.select(
            col("id").as("b"), col(ParsedRecords.SIGNATURE).as("sb"), col(STORY_KEY).as("kb"));
    // Confirm candidates by the estimated Jaccard similarity of the whole signatures.
    Column agreement =
        aggregate(
                zip_with(col("sa"), col("sb"), (x, y) -> when(x.equalTo(y), 1).otherwise(0)),
                lit(0),
                (acc, v) -> acc.plus(v))
            .divide(size(col("sa")));
    Dataset<Row> edges =
        pairs
            .join(sigA, "a")
            .join(sigB, "b")
            .filter(agreement.geq(near.threshold()))
            .select(col("ka").as("a"), col("kb").as("b"));
    edges = keep.keep(edges, "dedup-edges");
    cached.add(edges);
    // Small graphs (the usual case: near-duplicate pairs are few) are solved by union-find in
    // one task; larger ones by distributed label propagation.
    Dataset<Row> labels =
        edges.count() <= singleTaskEdges(canon.sparkSession())
            ? componentsInOneTask(edges)
            : components(edges, near.maxIterations(), keep);
    return labels.select(
        substring_index(col("node"), "|", -1).as(Col.ARTICLE_ID), col("label").as("_label"));
  }

  private static final StructType PAIRS =
      new StructType().add("a", DataTypes.StringType, false).add("b", DataTypes.StringType, false);

  /**
   * Over rows {@code key, id, day} sorted by key and id: each article paired with the one before it
   * in its bucket when they are at most {@code windowDays} apart.
   */
  static final class ChainNeighbours
      implements org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<Row>, Row> {
    private final int windowDays;

    ChainNeighbours(int windowDays) {
      this.windowDays = windowDays;
    }

    @Override
    public java.util.Iterator<Row> call(java.util.Iterator<Row> rows) {
      return new Lookahead<>() {
        private Row prev;

        @Override
        protected Row computeNext() {
          while (rows.hasNext()) {
            Row r = rows.next();
            Row before = prev;
            prev = r;
            if (before != null
                && before.getLong(0) == r.getLong(0)
                && Math.abs(r.getInt(2) - before.getInt(2)) <= windowDays) {
              return org.apache.spark.sql.RowFactory.create(before.getString(1), r.getString(1));
            }
          }
          return null;
        }
      };
    }
  }

  /**
   * Up to this many edges, components are found in one task: at most 2 million, and at most an
   * eighth of an executor's heap at about 200 bytes an edge.
   */
  static long singleTaskEdges(SparkSession spark) {
    return Math.min(2_000_000, CacheLevel.executorHeapMb(spark) * 1024 * 1024 / 8 / 200);
  }

  private static final StructType LABELS =
      new StructType()
          .add("node", DataTypes.StringType, false)
          .add("label", DataTypes.StringType, false);

  /** Connected components by union-find over all edges in one executor task. */
  static Dataset<Row> componentsInOneTask(Dataset<Row> edges) {
    var rows =
        edges
            .select(col("a"), col("b"))
            .repartition(1)
            .javaRDD()
            .mapPartitions(
                it -> {
                  java.util.Map<String, String> parent = new java.util.HashMap<>();
                  while (it.hasNext()) {
                    Row r = it.next();
                    String a = find(parent, r.getString(0));
                    String b = find(parent, r.getString(1));
                    if (!a.equals(b)) {
                      // The smaller key is the root: the component is named by its earliest
                      // article.
                      if (a.compareTo(b) < 0) {
                        parent.put(b, a);
                      } else {
                        parent.put(a, b);
                      }
                    }
                  }
                  java.util.List<Row> out = new java.util.ArrayList<>(parent.size());
                  for (String node : parent.keySet()) {
                    out.add(org.apache.spark.sql.RowFactory.create(node, find(parent, node)));
                  }
                  return out.iterator();
                });
    return edges.sparkSession().createDataFrame(rows, LABELS);
  }

  private static String find(java.util.Map<String, String> parent, String x) {
    String root = x;
    String p;
    while ((p = parent.get(root)) != null && !p.equals(root)) {
      root = p;
    }
    parent.putIfAbsent(x, x);
    // Path compression keeps later finds short.
    String cur = x;
    while (!cur.equals(root)) {
      String next = parent.get(cur);
      parent.put(cur, root);
      cur = next;
    }
    return root;
  }

  /**
   * Connected components by min-label propagation: each node takes the smallest label among itself
   * and its neighbours until nothing changes. Labels are sortable story keys, so a component is
   * named by its earliest article.
   *
   * @param edges columns {@code a, b}
   * @return {@code node, label}
   */
  static Dataset<Row> components(Dataset<Row> edges, int maxIterations, Intermediates keep) {
    Dataset<Row> both =
        edges
            .select(col("a").as("src"), col("b").as("dst"))
            .union(edges.select(col("b").as("src"), col("a").as("dst")));
    both = keep.keep(both, "dedup-both");
    Dataset<Row> labels =
        both.select(col("src").as("node")).distinct().withColumn("label", col("node"));
    for (int i = 0; i < maxIterations; i++) {
      Dataset<Row> proposed =
          both.join(labels, both.col("src").equalTo(labels.col("node")))
              .select(col("dst").as("node"), col("label"));
      Dataset<Row> next =
          labels
              .union(proposed)
              .groupBy("node")
              .agg(min("label").as("label"))
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
    keep.release(both);
    return labels;
  }
}
