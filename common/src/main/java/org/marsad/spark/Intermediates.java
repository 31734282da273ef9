package org.marsad.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Intermediate results a job reads more than once: kept in Spark's cache, or written as Parquet
 * under the run's staging folder and read back. Spark's cache builds columnar batches on the heap
 * even when it stores them on disk (and Java-deserialises them on the way back), which exhausts a
 * small heap on gigabytes of input; Parquet files are written and read a page at a time. {@link
 * #forRun} chooses files when an executor has less than 2 GB of heap ({@link CacheLevel}).
 */
public final class Intermediates implements AutoCloseable {
  private final SparkSession spark;
  private final String dir;
  private final StorageLevel level;
  private final List<Dataset<Row>> cached = new ArrayList<>();
  private int written;

  private Intermediates(SparkSession spark, String dir, StorageLevel level) {
    this.spark = spark;
    this.dir = dir;
    this.level = level;
  }

  /** Spark's cache at {@code level}. */
  public static Intermediates cached(SparkSession spark, StorageLevel level) {
    return new Intermediates(spark, null, level);
  }

  /** Parquet files under {@code dir}, deleted by {@link #close}. */
  public static Intermediates files(SparkSession spark, String dir) {
    return new Intermediates(spark, dir, null);
  }

  /** Files under {@code dir} on small heaps or when {@code spark.marsad.cacheLevel=PARQUET}. */
  public static Intermediates forRun(SparkSession spark, String dir) {
    StorageLevel level = CacheLevel.of(spark);
    return level == null ? files(spark, dir) : cached(spark, level);
  }

  /** {@code rows}, computed once for all later reads (files: now; cache: on first use). */
  public Dataset<Row> keep(Dataset<Row> rows, String name) {
    if (dir == null) {
      Dataset<Row> c = rows.persist(level);
      cached.add(c);
      return c;
    }
    String path = dir + "/" + name + "-" + written++;
    rows.write().mode(SaveMode.Overwrite).option("compression", "lz4").parquet(path);
    // With the schema given, an empty result (no part files) reads back as empty.
    return spark.read().schema(rows.schema()).parquet(path);
  }

  /** Frees a kept result early (cache only; files go at {@link #close}). */
  public void release(Dataset<Row> kept) {
    if (dir == null) {
      kept.unpersist();
      cached.remove(kept);
    }
  }

  @Override
  public void close() {
    cached.forEach(Dataset::unpersist);
    cached.clear();
    if (dir != null) {
      try {
        Path p = new Path(dir);
        p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
