package org.marsad.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineRangeInputStreamTest {
  @TempDir Path dir;

  /** Lines of random length (some empty, some long, CRLF and LF), maybe no final line end. */
  static String text(Random random) {
    StringBuilder b = new StringBuilder();
    int lines = 1 + random.nextInt(60);
    for (int i = 0; i < lines; i++) {
      int len = random.nextInt(10) == 0 ? 500 + random.nextInt(3000) : random.nextInt(40);
      for (int k = 0; k < len; k++) {
        b.append(random.nextBoolean() ? (char) ('a' + random.nextInt(26)) : '\u0628');
      }
      if (i < lines - 1 || random.nextBoolean()) {
        b.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
      }
    }
    return b.toString();
  }

  @Test
  void rangesCoverEveryByteOnceWhereverTheCutsFall() throws Exception {
    Random random = new Random(42);
    FileSystem fs = FileSystem.getLocal(new Configuration());
    for (int trial = 0; trial < 300; trial++) {
      byte[] bytes = text(random).getBytes(StandardCharsets.UTF_8);
      Path f = dir.resolve("f" + trial + ".jsonl");
      Files.write(f, bytes);
      int parts = 1 + random.nextInt(8);
      long[] cuts = new long[parts + 1];
      cuts[parts] = bytes.length;
      for (int i = 1; i < parts; i++) {
        cuts[i] = random.nextInt(bytes.length + 1);
      }
      java.util.Arrays.sort(cuts);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int i = 0; i < parts; i++) {
        try (InputStream in =
            new LineRangeInputStream(
                fs.open(new org.apache.hadoop.fs.Path(f.toString())), cuts[i], cuts[i + 1])) {
          byte[] got = in.readAllBytes();
          if (got.length > 0 && i > 0) {
            assertThat(all.size() == 0 || bytes[all.size() - 1] == '\n')
                .as("a range starts at a line start")
                .isTrue();
          }
          all.write(got);
        }
      }
      assertThat(all.toByteArray()).as("trial %d, cuts %s", trial, java.util.Arrays.toString(cuts))
          .isEqualTo(bytes);
    }
  }
}
