package org.marsad.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Where intermediate data is cached. In memory first is fastest, but Spark unrolls a whole cached
 * partition on the heap before it finds it does not fit: with a small heap and large partitions (a
 * 1 GB driver on gigabytes of input) that alone exhausts the heap. So below {@link #SMALL_HEAP_MB}
 * per executor, caches go to local disk only. {@code spark.marsad.cacheLevel} (any {@link
 * StorageLevel} name) overrides the choice.
 */
public final class CacheLevel {
  private CacheLevel() {}

  public static final String KEY = "spark.marsad.cacheLevel";
  public static final String PARQUET = "PARQUET";
  static final long SMALL_HEAP_MB = 2048;

  /** A storage level, or null for Parquet files. */
  public static StorageLevel of(SparkSession spark) {
    // The session's runtime setting first (settable per session), then the application's.
    SparkConf conf = spark.sparkContext().getConf().clone();
    scala.Option<String> runtime = spark.conf().getOption(KEY);
    if (runtime.isDefined()) {
      conf.set(KEY, runtime.get());
    }
    return choose(conf, executorHeapMb(spark));
  }

  /** A storage level, or null for Parquet files. */
  static StorageLevel choose(SparkConf conf, long executorHeapMb) {
    if (conf.contains(KEY)) {
      String v = conf.get(KEY).trim();
      return v.equalsIgnoreCase(PARQUET) ? null : StorageLevel.fromString(v.toUpperCase());
    }
    return executorHeapMb < SMALL_HEAP_MB ? null : StorageLevel.MEMORY_AND_DISK();
  }

  /** An executor's heap: in local mode the driver's JVM; elsewhere, spark.executor.memory. */
  public static long executorHeapMb(SparkSession spark) {
    SparkConf conf = spark.sparkContext().getConf();
    if (conf.get("spark.master", "local").startsWith("local")) {
      return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }
    return conf.getSizeAsMb("spark.executor.memory", "1g");
  }
}
