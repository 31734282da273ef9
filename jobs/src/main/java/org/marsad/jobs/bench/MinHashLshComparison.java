package org.marsad.jobs.bench;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.marsad.text.ArabicTokens;

/**
 * Spark ML's {@code MinHashLSH} on the same articles and the same shingles as Marsad's own banding,
 * for the benchmark: how long its similarity self-join takes and how many pairs it finds at the
 * same Jaccard threshold.
 */
final class MinHashLshComparison {
  private MinHashLshComparison() {}

  record Outcome(double seconds, long pairs) {}

  static Outcome run(
      SparkSession spark, String articlesPath, double threshold, int shingleWords, int hashTables) {
    long t0 = System.nanoTime();
    UDF1<String, List<String>> shingles =
        body -> {
          List<String> tokens = ArabicTokens.tokens(body);
          List<String> out = new ArrayList<>();
          for (int i = 0; i + shingleWords <= tokens.size(); i++) {
            out.add(String.join(" ", tokens.subList(i, i + shingleWords)));
          }
          return out;
        };
    spark
        .udf()
        .register("marsad_shingles", shingles, DataTypes.createArrayType(DataTypes.StringType));
    Dataset<Row> docs =
        spark
            .read()
            .parquet(articlesPath)
            .filter(col("dup_of").isNull())
            .select(col("article_id"), callUDF("marsad_shingles", col("body")).as("shingles"))
            .filter(size(col("shingles")).geq(8));
    Dataset<Row> features =
        new HashingTF()
            .setInputCol("shingles")
            .setOutputCol("features")
            .setBinary(true)
            .setNumFeatures(1 << 22)
            .transform(docs)
            .select("article_id", "features")
            .cache();
    MinHashLSHModel model =
        new MinHashLSH()
            .setNumHashTables(hashTables)
            .setInputCol("features")
            .setOutputCol("hashes")
            .setSeed(42)
            .fit(features);
    long pairs =
        model
            .approxSimilarityJoin(features, features, 1.0 - threshold, "distance")
            .filter(col("datasetA.article_id").lt(col("datasetB.article_id")))
            .count();
    features.unpersist();
    return new Outcome((System.nanoTime() - t0) / 1e9, pairs);
  }

  /** Pairs Marsad put in one story (excluding exact copies), for comparison. */
  static long marsadPairs(SparkSession spark, String articlesPath) {
    return spark
        .read()
        .parquet(articlesPath)
        .filter(col("dup_of").isNull())
        .groupBy("story_id")
        .count()
        .select(sum(col("count").multiply(col("count").minus(1)).divide(2)))
        .as(Encoders.DOUBLE())
        .first()
        .longValue();
  }
}
