package org.marsad.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.config.MarsadConfig;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import org.marsad.testing.SparkTestSession;

/**
 * Issue 18: a large JSON Lines file read in byte ranges by several tasks gives the same articles
 * and rejects, record numbers included, as one task reading it whole.
 */
class SplitIngestTest {
  @TempDir Path tmp;

  @Test
  void rangesOfOneFileGiveWhatOneTaskGives() throws Exception {
    Path gen = tmp.resolve("gen");
    assertThat(
            Marsad.execute(
                "generate", "--size", "1MB", "--out", gen.toString(), "--seed", "5",
                "--formats", "jsonl", "--no-truth"))
        .isZero();
    Path file;
    try (var files = Files.walk(gen.resolve("articles"))) {
      file = files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    // Blank lines, CRLF, a broken line and a non-object among the records.
    Files.writeString(
        file, "\n\r\n{\"title\": \"cut\n[1, 2]\r\n\n", StandardOpenOption.APPEND);
    String content = Files.readString(file);
    int mid = content.length() / 2; // blank lines in the middle, between two records
    mid = content.indexOf('\n', mid) + 1;
    Files.writeString(file, content.substring(0, mid) + "\n\n" + content.substring(mid));

    var whole = MarsadConfig.load(null, List.of());
    var split = MarsadConfig.load(null, List.of("ingest.split_bytes=64K"));
    var input = InputLister.list(List.of(file.toString()), new Configuration());
    IngestSettings splitSettings =
        IngestSettings.from(split, null, null, null, IngestSettings.todayUtc());
    List<InputFile> ranges =
        InputSplitter.split(
            org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                SparkTestSession.get().sparkContext()),
            input,
            splitSettings,
            java.util.Map.of());
    assertThat(ranges).hasSizeGreaterThan(10).allMatch(InputFile::isRange);

    String a = tmp.resolve("whole").toString();
    String b = tmp.resolve("split").toString();
    IngestJob.Result ra =
        JobRunner.ingest(
            SparkTestSession.get(),
            whole,
            IngestSettings.from(whole, null, null, null, IngestSettings.todayUtc()),
            input,
            a,
            null,
            null);
    IngestJob.Result rb =
        JobRunner.ingest(SparkTestSession.get(), split, splitSettings, input, b, null, null);
    assertThat(rb.reconciled()).isTrue();
    assertThat(rb.recordsRead()).isEqualTo(ra.recordsRead());
    assertThat(rb.rejectsWritten()).isEqualTo(2);
    Pipelines.assertSameRows(Pipelines.rows(a, "articles"), Pipelines.rows(b, "articles"), "articles");
    Pipelines.assertSameRows(Pipelines.rows(a, "rejects"), Pipelines.rows(b, "rejects"), "rejects");
  }
}
