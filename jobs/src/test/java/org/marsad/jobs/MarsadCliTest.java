package org.marsad.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad arguments: one line on stderr, exit status 2, and no Spark started. */
class MarsadCliTest {
  static String[] run(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Marsad.execute(args);
    } finally {
      System.setErr(old);
    }
    return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8)};
  }

  static void assertUsageError(String expected, String... args) {
    String[] r = run(args);
    assertThat(r[0]).as("exit status").isEqualTo("2");
    assertThat(r[1].strip()).startsWith("marsad: ").contains(expected).doesNotContain("\n");
  }

  @Test
  void badArgumentsFailFastWithOneLine() {
    assertUsageError(
        "--warehouse hfds://nn/wh: no filesystem for scheme 'hfds'",
        "extract",
        "--warehouse",
        "hfds://nn/wh");
    assertUsageError(
        "input not found", "ingest", "--warehouse", "/tmp/x", "--input", "/no/such/dump");
    assertUsageError(
        "unknown format 'xml'",
        "ingest",
        "--warehouse",
        "/tmp/x",
        "--input",
        ".",
        "--format",
        "xml");
    assertUsageError(
        "unknown encoding",
        "ingest",
        "--warehouse",
        "/tmp/x",
        "--input",
        ".",
        "--encoding",
        "nope");
    assertUsageError(
        "unknown configuration key: ingest.nope",
        "ingest",
        "--warehouse",
        "/tmp/x",
        "--input",
        ".",
        "--set",
        "ingest.nope=1");
    assertUsageError(
        "is after --to",
        "ingest",
        "--warehouse",
        "/tmp/x",
        "--input",
        ".",
        "--from",
        "2020-02-01",
        "--to",
        "2020-01-01");
    assertUsageError(
        "--from", "ingest", "--warehouse", "/tmp/x", "--input", ".", "--from", "yesterday");
    assertUsageError("Missing required", "ingest", "--input", ".");
    assertUsageError("Unmatched argument", "frobnicate");
    assertUsageError(
        "warehouse not found", "query", "--warehouse", "/no/such/warehouse", "SELECT 1");
  }

  @Test
  void helpExitsZero() {
    assertThat(run("ingest", "--help")[0]).isEqualTo("0");
    assertThat(run("--help")[0]).isEqualTo("0");
  }
}
