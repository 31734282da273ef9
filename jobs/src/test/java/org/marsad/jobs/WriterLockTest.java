package org.marsad.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per table: tested with a second process holding the lock. */
class WriterLockTest {
  @TempDir Path wh;

  /** Holds the locks of a command until killed: {@code Holder WAREHOUSE COMMAND RUN_ID}. */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      WriterLock.acquire(args[0], new Configuration(), args[1], args[2], false);
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(120_000);
    }
  }

  private Process holder(String command, String runId) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Holder.class.getName(),
                wh.toString(),
                command,
                runId)
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("locked")) {
      // the JVM's own warnings
    }
    assertThat(line).as("the holder took its lock").isEqualTo("locked");
    return p;
  }

  @Test
  void aSecondProcessIsRefusedNamingTheFirstAndTakesOverOnceItIsKilled() throws Exception {
    Process first = holder("cooccur", "cooccur-first-run");
    try {
      assertThatThrownBy(
              () -> WriterLock.acquire(wh.toString(), new Configuration(), "cooccur", "b", false))
          .isInstanceOf(WriterLock.LockedException.class)
          .hasMessageContaining("is being written by run cooccur-first-run (pid " + first.pid())
          .hasMessageNotContaining("\n");
      // Another table of the same warehouse is free.
      WriterLock.acquire(wh.toString(), new Configuration(), "trends", "c", false).close();
      // Through the command line: exit 75 and one line.
      var err = new java.io.ByteArrayOutputStream();
      var old = System.err;
      int status;
      try {
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        status = Marsad.execute(new String[] {"cooccur", "--warehouse", wh.toString()});
      } finally {
        System.setErr(old);
      }
      assertThat(status).isEqualTo(Marsad.LOCKED);
      assertThat(err.toString(StandardCharsets.UTF_8).strip())
          .startsWith("marsad: table cooccurrence is being written by run cooccur-first-run")
          .doesNotContain("\n");
    } finally {
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: the lock stays, stale
    }
    assertThat(wh.resolve("_locks/cooccurrence.lock")).exists();
    try (WriterLock l =
        WriterLock.acquire(wh.toString(), new Configuration(), "cooccur", "d", false)) {
      assertThat(Files.readString(wh.resolve("_locks/cooccurrence.lock"))).contains("\"d\"");
    }
    assertThat(wh.resolve("_locks/cooccurrence.lock")).doesNotExist();
  }

  @Test
  void aProcessStoppedBySigtermReleasesItsLocks() throws Exception {
    Process first = holder("ingest", "ingest-run");
    assertThat(wh.resolve("_locks/articles.lock")).exists();
    assertThat(wh.resolve("_locks/rejects.lock")).exists();
    first.destroy();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(wh.resolve("_locks/articles.lock")).doesNotExist();
    assertThat(wh.resolve("_locks/rejects.lock")).doesNotExist();
  }

  @Test
  void aLockFromAnotherHostIsKeptUnlessBrokenOnPurpose() throws Exception {
    Files.createDirectories(wh.resolve("_locks"));
    Files.writeString(
        wh.resolve("_locks/entity_trends.lock"),
        "{\"run_id\":\"trends-x\",\"host\":\"elsewhere.example\",\"pid\":1,"
            + "\"started_at\":\"2026-01-01T00:00:00Z\"}");
    assertThatThrownBy(
            () -> WriterLock.acquire(wh.toString(), new Configuration(), "trends", "y", false))
        .isInstanceOf(WriterLock.LockedException.class)
        .hasMessageContaining("run trends-x (pid 1 on elsewhere.example")
        .hasMessageContaining("warehouse.break_lock=true");
    try (WriterLock l =
        WriterLock.acquire(wh.toString(), new Configuration(), "trends", "y", true)) {
      assertThat(Files.readString(wh.resolve("_locks/entity_trends.lock"))).contains("\"y\"");
    }
  }

  @Test
  void aRefusedRunLeavesTheLocksItTookBeforeTheRefusalFree() throws Exception {
    Files.createDirectories(wh.resolve("_locks"));
    // extract locks mentions, then article_units; the second is held elsewhere.
    Files.writeString(
        wh.resolve("_locks/article_units.lock"),
        "{\"run_id\":\"other\",\"host\":\"elsewhere.example\",\"pid\":1}");
    assertThatThrownBy(
            () -> WriterLock.acquire(wh.toString(), new Configuration(), "extract", "z", false))
        .isInstanceOf(WriterLock.LockedException.class);
    assertThat(wh.resolve("_locks/mentions.lock")).doesNotExist();
  }
}
