package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.split;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.ingest.IngestSettings;
import org.marsad.testing.SparkTestSession;
import org.marsad.testing.TestPaths;

/**
 * The pipeline reading its input from and writing its warehouse to a real HDFS (a NameNode and a
 * DataNode from hadoop-client-minicluster, in this JVM, reached over RPC like any cluster's), and
 * the tables equal a run on local files.
 */
class HdfsPipelineTest {
  @TempDir static Path tmp;
  static MiniDFSCluster dfs;
  static String hdfs;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
  }

  @AfterAll
  static void stopHdfs() {
    if (dfs != null) {
      dfs.shutdown(true);
    }
  }

  static void pipeline(String input, String warehouse) {
    Config config = MarsadConfig.load(null, List.of());
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    common.validate();
    PipelineCommand.run(
        SparkTestSession.get(),
        config,
        IngestSettings.from(config, null, null, null, IngestSettings.todayUtc()),
        InputLister.list(List.of(input), new Configuration()),
        Catalog.load(config),
        common,
        "lexicon",
        false);
  }

  /**
   * A table without the columns that name a run; input files by name, not by URI, and without
   * {@code input_batch} (a hash of the input URIs, which differ by construction).
   */
  static Dataset<Row> comparable(SparkSession spark, String warehouse, String table) {
    Dataset<Row> t = spark.read().parquet(warehouse + "/" + table);
    List<Column> cols = new ArrayList<>();
    for (String c : t.columns()) {
      if (c.equals("input_file")) {
        cols.add(element_at(split(col(c), "/"), -1).as(c));
      } else if (!c.endsWith("run_id") && !c.equals("input_batch")) {
        cols.add(col(c));
      }
    }
    return t.select(cols.toArray(Column[]::new));
  }

  @Test
  void pipelineFromAndToHdfsEqualsALocalRun() throws Exception {
    File samples = new File(TestPaths.samples(), "articles");
    FileSystem fs = dfs.getFileSystem();
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(samples.getAbsolutePath()),
        new org.apache.hadoop.fs.Path("/input/articles"));
    String remote = hdfs + "/marsad/warehouse";
    String local = tmp.resolve("local").toString();
    pipeline(hdfs + "/input/articles", remote);
    pipeline(samples.getAbsolutePath(), local);

    SparkSession spark = SparkTestSession.get();
    List<String> tables =
        new Warehouse(remote, spark.sparkContext().hadoopConfiguration()).tables();
    assertThat(tables)
        .contains(
            "articles",
            "rejects",
            "mentions",
            "article_units",
            "entity_trends",
            "cooccurrence",
            "entity_sets",
            "event_windows");
    assertThat(fs.exists(new org.apache.hadoop.fs.Path("/marsad/warehouse/_runs"))).isTrue();
    for (String table : tables) {
      Dataset<Row> a = comparable(spark, remote, table);
      Dataset<Row> b = comparable(spark, local, table);
      assertThat(a.count()).as(table + " rows").isEqualTo(b.count()).isPositive();
      assertThat(a.exceptAll(b).count()).as(table + " rows only on HDFS").isZero();
      assertThat(b.exceptAll(a).count()).as(table + " rows only in the local run").isZero();
    }
    // The input files were read from HDFS, not from a local copy.
    assertThat(
            spark
                .read()
                .parquet(remote + "/rejects")
                .filter(col("input_file").startsWith(hdfs))
                .count())
        .isPositive();
  }

  @Test
  void anUnreachableNamenodeIsOneLineAndExitTwo() {
    // A port nothing listens on: the input listing fails with a usage error, not a stack trace.
    MarsadCliTest.assertUsageError(
        "cannot read input hdfs://127.0.0.1:9/",
        "ingest",
        "--warehouse",
        tmp.resolve("never").toString(),
        "--input",
        "hdfs://127.0.0.1:9/dumps");
  }
}
