package org.marsad.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.testing.SparkTestSession;

/**
 * Crash and rerun: the pipeline runs in a child JVM that is killed with SIGKILL while {@code
 * cooccur} writes its table. The tables published before the kill equal those of an uninterrupted
 * run; of the table being written, readers see no partition or a complete one (Spark writes into a
 * hidden {@code .spark-staging-*} folder and moves each partition folder in at commit); a rerun
 * gives exactly the uninterrupted run's tables.
 */
class CrashRerunTest {
  @TempDir Path tmp;

  @Test
  void aKilledPipelineLeavesNoPartialPartitionAndARerunCompletesIt() throws Exception {
    Path gen = tmp.resolve("gen");
    assertThat(
            Marsad.execute(
                "generate",
                "--size",
                "500KB",
                "--out",
                gen.toString(),
                "--no-truth",
                "--from",
                "2017-03-01",
                "--to",
                "2017-03-20"))
        .isZero();
    Path input = gen.resolve("articles");
    String ref = tmp.resolve("ref").toString();
    Pipelines.run(input.toString(), ref);

    // The same pipeline in a child JVM, killed (SIGKILL) once cooccur is writing.
    String crashed = tmp.resolve("crashed").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.") || arg.startsWith("-Dio.")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(
        List.of(
            "-Xmx2g",
            "-cp",
            System.getProperty("java.class.path"),
            "org.marsad.jobs.Marsad",
            "pipeline",
            "--master",
            "local[2]",
            "--input",
            input.toString(),
            "--warehouse",
            crashed));
    File log = tmp.resolve("child.log").toFile();
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    Path writing = Path.of(crashed, "cooccurrence");
    boolean killed = false;
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (child.isAlive() && System.nanoTime() < deadline) {
      if (staging(writing)) {
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        killed = true;
        break;
      }
      Thread.sleep(5);
    }
    child.waitFor();
    assertThat(killed).as("killed while cooccur was writing; log: " + log).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);

    // Published before the kill: complete and equal.
    for (String table :
        List.of("articles", "rejects", "mentions", "article_units", "entity_trends")) {
      Pipelines.assertSameRows(
          Pipelines.rows(crashed, table), Pipelines.rows(ref, table), "before the kill: " + table);
    }
    // The table being written: no partition, or a complete one.
    SparkSession spark = SparkTestSession.get();
    List<String> visible = new ArrayList<>();
    if (Files.isDirectory(writing)) {
      try (Stream<Path> parts = Files.list(writing)) {
        parts
            .map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith("granularity="))
            .forEach(visible::add);
      }
    }
    for (String g : visible) {
      try (Stream<Path> periods = Files.list(writing.resolve(g))) {
        for (Path p : periods.toList()) {
          String partition = g + "/" + p.getFileName();
          Dataset<Row> mine = spark.read().parquet(crashed + "/cooccurrence/" + partition);
          Dataset<Row> theirs = spark.read().parquet(ref + "/cooccurrence/" + partition);
          Pipelines.assertSameRows(
              mine.drop("cooccur_run_id"), theirs.drop("cooccur_run_id"), partition);
        }
      }
    }

    // A rerun completes it: every table equals the uninterrupted run's.
    Pipelines.run(input.toString(), crashed);
    for (String table : Pipelines.TABLES) {
      Pipelines.assertSameRows(
          Pipelines.rows(crashed, table), Pipelines.rows(ref, table), "after the rerun: " + table);
    }
  }

  /** True while Spark writes the table: its hidden staging folder holds data files. */
  static boolean staging(Path table) {
    if (!Files.isDirectory(table)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(table)) {
      return s.anyMatch(
          p -> p.toString().contains(".spark-staging-") && p.toString().endsWith(".parquet"));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false; // a folder moved while we looked
    }
  }
}
