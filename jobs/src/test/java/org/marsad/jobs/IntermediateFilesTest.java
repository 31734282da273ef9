package org.marsad.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.spark.CacheLevel;
import org.marsad.testing.SparkTestSession;

/**
 * Small heaps keep intermediates as Parquet files instead of Spark's cache: the pipeline writes the
 * same eight tables either way, and leaves no staging files behind.
 */
class IntermediateFilesTest {
  @TempDir Path tmp;

  @Test
  void parquetIntermediatesGiveTheSameTables() throws Exception {
    Path gen = tmp.resolve("gen");
    assertThat(
            Marsad.execute("generate", "--size", "300KB", "--out", gen.toString(), "--seed", "11"))
        .isZero();
    String input = gen.resolve("articles").toString();
    String cached = tmp.resolve("cached").toString();
    String files = tmp.resolve("files").toString();
    SparkSession spark = SparkTestSession.get();
    spark.conf().set(CacheLevel.KEY, "MEMORY_AND_DISK");
    try {
      Pipelines.run(input, cached);
      spark.conf().set(CacheLevel.KEY, CacheLevel.PARQUET);
      Pipelines.run(input, files);
    } finally {
      spark.conf().unset(CacheLevel.KEY);
    }
    for (String table : Pipelines.TABLES) {
      Pipelines.assertSameRows(Pipelines.rows(files, table), Pipelines.rows(cached, table), table);
    }
    Path staging = Path.of(files, "_staging");
    try (var left = Files.exists(staging) ? Files.list(staging) : java.util.stream.Stream.empty()) {
      assertThat(left).as("staging folders left behind").isEmpty();
    }
  }
}
