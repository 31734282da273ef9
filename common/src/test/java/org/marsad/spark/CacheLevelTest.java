package org.marsad.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkConf;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

class CacheLevelTest {
  @Test
  void smallHeapsCacheOnDiskUnlessTheUserSaysOtherwise() {
    SparkConf conf = new SparkConf(false);
    assertThat(CacheLevel.choose(conf, 1024)).isNull(); // Parquet files
    assertThat(CacheLevel.choose(conf, 4096)).isEqualTo(StorageLevel.MEMORY_AND_DISK());
    conf.set(CacheLevel.KEY, "MEMORY_AND_DISK_SER");
    assertThat(CacheLevel.choose(conf, 1024)).isEqualTo(StorageLevel.MEMORY_AND_DISK_SER());
    conf.set(CacheLevel.KEY, "parquet");
    assertThat(CacheLevel.choose(conf, 8192)).isNull();
  }
}
