package org.marsad.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.marsad.tables.Tables;

/** The warehouse root: where each table's folder is, and how tables are written and listed. */
public final class Warehouse {
  private final String root;
  private final Configuration conf;

  public Warehouse(String root, Configuration conf) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.conf = conf;
  }

  public String root() {
    return root;
  }

  public Configuration conf() {
    return conf;
  }

  public String table(String name) {
    return root + "/" + name;
  }

  /**
   * Writes {@code rows} partitioned by {@code partitionColumn}, replacing exactly the partitions
   * present in {@code rows} (dynamic overwrite, published by Spark's commit protocol), then
   * deleting {@code stale}: partitions the run covers but no longer has rows for.
   */
  public void overwritePartitions(
      Dataset<Row> rows, String table, String partitionColumn, List<String> stale) {
    rows.write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        .partitionBy(partitionColumn)
        .parquet(table(table));
    for (String value : stale) {
      deletePartition(table, partitionColumn, value);
    }
  }

  /**
   * Writes {@code rows} partitioned by several columns, replacing exactly the partitions present in
   * {@code rows} (dynamic overwrite).
   */
  public void overwritePartitions(Dataset<Row> rows, String table, String... partitionColumns) {
    var writer = rows.write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic");
    // Statistics are nearly all distinct: a dictionary per double column only costs time (Parquet
    // keeps filling one until it gives up, page after page) and then falls back to plain values.
    for (StructField f : rows.schema().fields()) {
      if (f.dataType() == DataTypes.DoubleType) {
        writer = writer.option("parquet.enable.dictionary#" + f.name(), "false");
      }
    }
    writer.partitionBy(partitionColumns).parquet(table(table));
  }

  /**
   * Replaces an unpartitioned table whole: written into the run's staging folder first, then
   * swapped in by two renames, so a run killed while writing leaves the previous table intact.
   */
  public void replace(Dataset<Row> rows, String table, String runId) {
    String staged = staging(runId) + "/" + table;
    rows.write().mode(SaveMode.Overwrite).parquet(staged);
    try {
      Path target = new Path(table(table));
      FileSystem fs = target.getFileSystem(conf);
      Path old = new Path(staging(runId) + "/" + table + ".old");
      if (fs.exists(target) && !fs.rename(target, old)) {
        throw new IOException("could not move " + target + " aside");
      }
      if (!fs.rename(new Path(staged), target)) {
        throw new IOException("could not rename " + staged + " to " + target);
      }
      fs.delete(old, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deleteStaging(runId);
  }

  /** A run's scratch folder, {@code _staging/<name>}: deleted when the run ends. */
  public String staging(String name) {
    return root + "/" + Tables.STAGING_DIR + "/" + name;
  }

  /** Deletes a run's scratch folder. */
  public void deleteStaging(String name) {
    delete(Tables.STAGING_DIR + "/" + name);
  }

  /** True if the table's folder exists. */
  public boolean exists(String table) {
    try {
      Path p = new Path(table(table));
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Refuses, in one line, a warehouse that does not exist or lacks one of the tables a command
   * reads; {@code hint} says which commands write them.
   */
  public void require(String hint, String... tables) {
    if (!exists("")) {
      throw new UsageException("warehouse not found: " + root);
    }
    for (String t : tables) {
      if (!exists(t)) {
        throw new UsageException("no " + t + " table in " + root + " (" + hint + ")");
      }
    }
  }

  /** Removes one {@code column=value} partition folder of a table, if present. */
  public void deletePartition(String table, String column, String value) {
    try {
      Path p = new Path(table(table) + "/" + column + "=" + value);
      FileSystem fs = p.getFileSystem(conf);
      if (fs.exists(p)) {
        fs.delete(p, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a folder below the root (staging data of a finished run). */
  public void delete(String relative) {
    try {
      Path p = new Path(root + "/" + relative);
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Existing {@code column=value} partitions of a table. */
  public List<String> partitions(String table, String column) {
    List<String> out = new ArrayList<>();
    try {
      Path p = new Path(table(table));
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(p)) {
        String n = s.getPath().getName();
        if (s.isDirectory() && n.startsWith(column + "=")) {
          out.add(n.substring(column.length() + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Day partitions of {@code table} within [from, to] (either bound may be null). */
  public List<String> dayPartitionsIn(String table, String column, LocalDate from, LocalDate to) {
    List<String> out = new ArrayList<>();
    for (String v : partitions(table, column)) {
      try {
        LocalDate d = LocalDate.parse(v);
        if ((from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to))) {
          out.add(v);
        }
      } catch (java.time.format.DateTimeParseException ignored) {
        // not a day partition
      }
    }
    return out;
  }

  /** A small text file of the warehouse, or null if there is none. */
  public String readText(String relative) {
    try {
      Path p = new Path(root + "/" + relative);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        return null;
      }
      try (java.io.InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a small text file (a run report) atomically: temporary name, then rename. */
  public String writeText(String relative, String text) {
    try {
      Path target = new Path(root + "/" + relative);
      FileSystem fs = target.getFileSystem(conf);
      fs.mkdirs(target.getParent());
      Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("could not rename " + tmp + " to " + target);
      }
      return target.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tables present: folders that hold Parquet, not starting with '_' or '.'. */
  public List<String> tables() {
    List<String> out = new ArrayList<>();
    try {
      Path p = new Path(root);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new UsageException("warehouse not found: " + root);
      }
      for (FileStatus s : fs.listStatus(p)) {
        String n = s.getPath().getName();
        if (s.isDirectory() && !n.startsWith("_") && !n.startsWith(".")) {
          out.add(n);
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot read warehouse " + root + ": " + e.getMessage());
    }
    out.sort(null);
    return out;
  }

  /**
   * Reads a table. A table with no rows yet (a run without rejects) is a folder without files, so
   * the tables whose schema Marsad fixes are read with it rather than inferred.
   */
  public Dataset<Row> read(SparkSession spark, String name) {
    StructType known = Tables.SCHEMAS.get(name);
    return (known != null ? spark.read().schema(known) : spark.read()).parquet(table(name));
  }

  /** Registers every table as a temporary view named after it. */
  public List<String> registerViews(SparkSession spark) {
    List<String> names = new ArrayList<>();
    for (String t : tables()) {
      Dataset<Row> rows;
      if (Tables.ARTICLES.equals(t)) {
        // A warehouse whose every record was rejected has an articles folder without files.
        rows = spark.read().schema(Tables.ARTICLES_SCHEMA).parquet(table(t));
      } else {
        try {
          rows = read(spark, t);
        } catch (Exception e) { // Scala throws AnalysisException, which javac cannot see
          if (e instanceof org.apache.spark.sql.AnalysisException) {
            continue; // a folder with no Parquet files yet: no view rather than a failed query
          }
          throw e;
        }
      }
      rows.createOrReplaceTempView(t);
      names.add(t);
    }
    return names;
  }

  public static final String RUNS = Tables.RUNS_DIR;
}
