package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  @Test
  void pipelineFromAndToHdfsEqualsALocalRun() throws Exception {
    File samples = new File(TestPaths.samples(), "articles");
    FileSystem fs = dfs.getFileSystem();
    fs.copyFromLocalFile(
        new org.apache.hadoop.fs.Path(samples.getAbsolutePath()),
        new org.apache.hadoop.fs.Path("/input/articles"));
    String remote = hdfs + "/marsad/warehouse";
    String local = tmp.resolve("local").toString();
    Pipelines.run(hdfs + "/input/articles", remote);
    Pipelines.run(samples.getAbsolutePath(), local);

    SparkSession spark = SparkTestSession.get();
    List<String> tables =
        new Warehouse(remote, spark.sparkContext().hadoopConfiguration()).tables();
    assertThat(tables).containsAll(Pipelines.TABLES);
    assertThat(fs.exists(new org.apache.hadoop.fs.Path("/marsad/warehouse/_runs"))).isTrue();
    for (String table : tables) {
      assertThat(Pipelines.rows(remote, table).count()).as(table).isPositive();
      Pipelines.assertSameRows(
          Pipelines.rows(remote, table), Pipelines.rows(local, table), table + " (HDFS, local)");
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
