package org.marsad.ner;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Word clusters from unlabelled sentences with Spark ML: skip-gram {@link Word2Vec} vectors, unit
 * length, then {@link KMeans} at each granularity. A narrow window (one word either side) makes
 * vectors of how a word is used rather than what it is about, which is what NER features need; the
 * clusters of k-means over such vectors help NER as much as Brown clusters (Guo et al. 2014).
 */
public final class WordClustering {
  private WordClustering() {}

  /** How to learn the clusters. */
  public record Settings(
      int vectorSize, int window, int minCount, int partitions, List<Integer> levels,
      int kmeansIterations, long seed) {
    public static final Settings DEFAULT =
        new Settings(100, 1, 5, 1, List.of(128, 512, 2048), 20, 42);
  }

  /** Each clustered word's cluster per level, in the order of {@code settings.levels()}. */
  public static Map<String, int[]> clusters(Dataset<Row> sentences, Settings settings) {
    // In key order, whatever the input's partitions: the same vectors on any machine.
    Dataset<Row> input = sentences.orderBy("key").select("words").coalesce(settings.partitions());
    Word2VecModel w2v =
        new Word2Vec()
            .setInputCol("words")
            .setVectorSize(settings.vectorSize())
            .setWindowSize(settings.window())
            .setMinCount(settings.minCount())
            .setMaxIter(1)
            .setNumPartitions(settings.partitions())
            .setMaxSentenceLength(1000)
            .setSeed(settings.seed())
            .fit(input);
    Dataset<Row> vectors =
        new Normalizer()
            .setInputCol("vector")
            .setOutputCol("features")
            .setP(2)
            .transform(w2v.getVectors())
            .cache();
    Map<String, int[]> out = new HashMap<>();
    List<Integer> levels = settings.levels();
    for (int level = 0; level < levels.size(); level++) {
      KMeansModel km =
          new KMeans()
              .setK(levels.get(level))
              .setSeed(settings.seed())
              .setMaxIter(settings.kmeansIterations())
              .setInitMode("random")
              .fit(vectors);
      int at = level;
      // The clusters are the model: one small row per word of the vocabulary.
      km.transform(vectors)
          .select("word", "prediction")
          .toLocalIterator()
          .forEachRemaining(
              r ->
                  out.computeIfAbsent(
                      r.getString(0),
                      k -> {
                        int[] ids = new int[levels.size()];
                        Arrays.fill(ids, -1);
                        return ids;
                      })[at] =
                      r.getInt(1));
    }
    vectors.unpersist();
    return out;
  }
}
