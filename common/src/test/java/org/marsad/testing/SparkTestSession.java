package org.marsad.testing;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session per test JVM: {@code local[2]}, two shuffle partitions, UI off, loopback
 * only, and the settings the jobs rely on (dynamic partition overwrite, UTC).
 */
public final class SparkTestSession {
  private SparkTestSession() {}

  private static SparkSession session;

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("marsad-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
              .config("spark.sql.session.timeZone", "UTC")
              .getOrCreate();
    }
    return session;
  }
}
