package org.marsad.jobs;

import com.typesafe.config.Config;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession of a command; library code never builds sessions. */
public final class Sessions {
  private Sessions() {}

  public static SparkSession create(String appName, String masterOption, Config config) {
    SparkConf conf = new SparkConf(true);
    // spark-submit sets spark.master; otherwise --master, then the configuration.
    if (masterOption != null) {
      conf.setMaster(masterOption);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster(config.getString("spark.master"));
    }
    boolean local = conf.get("spark.master").startsWith("local");
    conf.setIfMissing("spark.app.name", appName);
    if (local) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      // The driver lists a local table's date folders itself: Spark's default launches a job of
      // one task per folder past 32 of them, which took 0.5-1.3 s per read of a 181-day table.
      conf.setIfMissing("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000");
    }
    int shuffle = config.getInt("spark.shuffle_partitions");
    if (shuffle > 0) {
      conf.setIfMissing("spark.sql.shuffle.partitions", String.valueOf(shuffle));
    }
    applyMarsadDefaults(conf);
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    // Once per SparkContext (tests share one; a stopped context's successor gets its own).
    if (PROGRESS.add(spark.sparkContext().applicationId())) {
      spark.sparkContext().addSparkListener(new ProgressLog(15_000));
    }
    return spark;
  }

  private static final java.util.Set<String> PROGRESS =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Settings the jobs rely on for correctness, set unless the user set them. */
  public static void applyMarsadDefaults(SparkConf conf) {
    // Reruns rewrite exactly the partitions they produce.
    conf.setIfMissing("spark.sql.sources.partitionOverwriteMode", "dynamic");
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
  }
}
