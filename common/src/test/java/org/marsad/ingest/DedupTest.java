package org.marsad.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.marsad.testing.SparkTestSession;

/**
 * Identity, exact duplicates and near-duplicate stories on a corpus built so that every answer is
 * known.
 */
class DedupTest {
  private static final MinHasher HASHER = new MinHasher(100, 3, 8);
  private static final IngestSettings.NearDuplicateSettings NEAR =
      new IngestSettings.NearDuplicateSettings(true, 0.7, 3, 3, 20, 5, 8, 64, 30);

  private static List<String> text(long seed) {
    Random r = new Random(seed);
    List<String> w = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      w.add("w" + r.nextInt(10000));
    }
    return w;
  }

  private static List<String> edit(List<String> words, int... positions) {
    List<String> out = new ArrayList<>(words);
    for (int p : positions) {
      out.set(p, "edit" + p);
    }
    return out;
  }

  /** One candidate row; {@code key} names it in the assertions. */
  private static Row row(
      int file, long index, String url, String day, String ts, List<String> words) {
    String source = "s";
    String textHash = Hashes.id(String.join(" ", words));
    String base = url != null ? Hashes.id(source, url) : Hashes.id(source, textHash);
    int[] sig = HASHER.signature(words);
    return RowFactory.create(
        ParsedRecords.ARTICLE,
        ((long) file << 32) | index,
        source,
        "default",
        "/in/f" + file,
        index,
        null,
        url,
        "t",
        String.join(" ", words),
        Date.valueOf(day),
        ts == null ? null : Timestamp.valueOf(ts),
        "metadata",
        1.0,
        base,
        UrlKey.of(url),
        textHash,
        sig,
        MinHasher.bandKeys(sig, 20, 5),
        null,
        null,
        null);
  }

  @Test
  void assignsIdsDuplicatesAndStories() throws Exception {
    SparkSession spark = SparkTestSession.get();
    List<String> story1 = text(1);
    List<String> story2 = text(2);
    List<String> lone = text(3);
    List<Row> rows =
        List.of(
            // 0: first of story 1
            row(0, 0, "http://a.com/1", "2020-04-22", "2020-04-22 08:00:00", story1),
            // 1: same URL and text, later: exact copy of 0 (same base id, so a distinct article_id)
            row(0, 1, "http://a.com/1", "2020-04-22", "2020-04-22 09:00:00", story1),
            // 2: other URL, same text, next day: exact copy of 0
            row(1, 0, "https://www.b.com/x/", "2020-04-23", null, story1),
            // 3: light edit of story 1, two days later: same story as 0
            row(1, 1, "http://c.com/y", "2020-04-24", null, edit(story1, 10, 40, 70)),
            // 4: light edit of story 1 but 10 days later: outside the window, its own story
            row(1, 2, "http://d.com/z", "2020-05-04", null, edit(story1, 11, 41)),
            // 5, 6: story 2, no URLs, an edit chain
            row(2, 0, null, "2020-04-20", null, story2),
            row(2, 1, null, "2020-04-21", null, edit(story2, 5)),
            // 7: unrelated
            row(2, 2, null, "2020-04-21", null, lone),
            // 8: same URL as 2 (after normalisation), different text: exact copy of 2, so of 0
            row(3, 0, "http://b.com/x", "2020-04-25", null, lone.subList(0, 40)));
    var df = spark.createDataFrame(rows, ParsedRecords.SCHEMA);
    Map<Long, Row> out = new HashMap<>();
    for (Row r : Dedup.assign(spark, df, true, NEAR, cache(spark)).collectAsList()) {
      out.put(r.getLong(0), r);
    }
    // Intermediates as Parquet files (small heaps) give the same answer.
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("marsad-dedup-");
    try (var files = org.marsad.spark.Intermediates.files(spark, dir.toUri().toString())) {
      Map<Long, Row> viaFiles = new HashMap<>();
      for (Row r : Dedup.assign(spark, df, true, NEAR, files).collectAsList()) {
        viaFiles.put(r.getLong(0), r);
      }
      assertThat(viaFiles).isEqualTo(out);
    }
    assertThat(dir).doesNotExist();
    assertThat(out).hasSize(9);
    String id0 = id(out, 0, 0);
    String id5 = id(out, 2, 0);
    assertThat(id0).isEqualTo(Hashes.id("s", "http://a.com/1"));
    assertThat(id(out, 0, 1)).as("same base id gets its own id").isNotEqualTo(id0).hasSize(32);
    assertThat(out.values().stream().map(r -> r.getString(1)).distinct()).hasSize(9);

    assertThat(dupOf(out, 0, 0)).isNull();
    assertThat(dupOf(out, 0, 1)).isEqualTo(id0);
    assertThat(dupOf(out, 1, 0)).isEqualTo(id0);
    assertThat(dupOf(out, 1, 1)).isNull();
    assertThat(dupOf(out, 3, 0)).as("copy of a copy resolves to the first").isEqualTo(id0);
    assertThat(dupOf(out, 2, 1)).isNull();

    assertThat(story(out, 0, 0)).isEqualTo(id0);
    assertThat(story(out, 0, 1)).isEqualTo(id0);
    assertThat(story(out, 1, 1)).as("near-duplicate within the window").isEqualTo(id0);
    assertThat(story(out, 1, 2)).as("outside the window").isEqualTo(id(out, 1, 2));
    assertThat(story(out, 2, 0)).isEqualTo(id5);
    assertThat(story(out, 2, 1)).isEqualTo(id5);
    assertThat(story(out, 2, 2)).isEqualTo(id(out, 2, 2));
  }

  @Test
  void componentsFollowChains() {
    SparkSession spark = SparkTestSession.get();
    var edges =
        spark.createDataFrame(
            List.of(
                RowFactory.create("d", "e"),
                RowFactory.create("c", "d"),
                RowFactory.create("b", "c"),
                RowFactory.create("x", "y")),
            new org.apache.spark.sql.types.StructType().add("a", "string").add("b", "string"));
    for (var labels :
        List.of(Dedup.components(edges, 30, cache(spark)), Dedup.componentsInOneTask(edges))) {
      Map<String, String> label = new HashMap<>();
      labels.collectAsList().forEach(r -> label.put(r.getString(0), r.getString(1)));
      assertThat(label)
          .containsEntry("e", "b")
          .containsEntry("d", "b")
          .containsEntry("c", "b")
          .containsEntry("b", "b")
          .containsEntry("y", "x")
          .containsEntry("x", "x")
          .hasSize(6);
    }
  }

  private static Row get(Map<Long, Row> out, int file, long index) {
    return out.get(((long) file << 32) | index);
  }

  private static String id(Map<Long, Row> out, int file, long index) {
    return get(out, file, index).getString(1);
  }

  private static String dupOf(Map<Long, Row> out, int file, long index) {
    return get(out, file, index).getString(2);
  }

  private static String story(Map<Long, Row> out, int file, long index) {
    return get(out, file, index).getString(3);
  }

  @Test
  void boilerplateBucketsLinkOnlyNeighboursWithinTheWindow() throws Exception {
    java.util.List<Row> sorted =
        java.util.List.of(
            org.apache.spark.sql.RowFactory.create(1L, "a", 0),
            org.apache.spark.sql.RowFactory.create(1L, "b", 2),
            org.apache.spark.sql.RowFactory.create(1L, "c", 10),
            org.apache.spark.sql.RowFactory.create(2L, "d", 0),
            org.apache.spark.sql.RowFactory.create(2L, "e", 1));
    java.util.List<String> pairs = new java.util.ArrayList<>();
    new Dedup.ChainNeighbours(3)
        .call(sorted.iterator())
        .forEachRemaining(r -> pairs.add(r.getString(0) + "-" + r.getString(1)));
    // b-c are 8 days apart; c-d are in different buckets.
    assertThat(pairs).containsExactly("a-b", "d-e");
  }

  static org.marsad.spark.Intermediates cache(SparkSession spark) {
    return org.marsad.spark.Intermediates.cached(
        spark, org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
  }
}
