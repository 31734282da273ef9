package org.marsad.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;

class InputDecoderTest {
  // "Syria" and "Russia" in Arabic letters (U+0633 U+0648 U+0631 U+064A U+0627 ...).
  private static final String ARABIC =
      "\u0633\u0648\u0631\u064A\u0627 \u0648\u0631\u0648\u0633\u064A\u0627 ".repeat(20);

  static String readAll(byte[] bytes, String name, String encoding) throws Exception {
    var d = InputDecoder.open(new ByteArrayInputStream(bytes), name, encoding);
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = d.reader().read()) >= 0) {
      b.append((char) c);
    }
    return b.toString();
  }

  @Test
  void utf8WithAndWithoutBom() throws Exception {
    byte[] plain = ARABIC.getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[plain.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, bom, 3, plain.length);
    assertThat(readAll(plain, "a.txt", "auto")).isEqualTo(ARABIC);
    assertThat(readAll(bom, "a.txt", "auto")).isEqualTo(ARABIC);
  }

  @Test
  void utf16WithBom() throws Exception {
    assertThat(readAll(("\uFEFF" + ARABIC).getBytes(StandardCharsets.UTF_16LE), "a.txt", "auto"))
        .isEqualTo(ARABIC);
  }

  @Test
  void windows1256IsDetected() throws Exception {
    byte[] cp = ARABIC.getBytes(Charset.forName("windows-1256"));
    var d = InputDecoder.open(new ByteArrayInputStream(cp), "a.txt", "auto");
    assertThat(d.charset()).isEqualTo("windows-1256");
    assertThat(readAll(cp, "a.txt", "auto")).isEqualTo(ARABIC);
    assertThat(readAll(cp, "a.txt", "windows-1256")).isEqualTo(ARABIC);
  }

  @Test
  void aFewBadBytesInUtf8StayUtf8AndAreMarked() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ARABIC.getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
    out.write(ARABIC.getBytes(StandardCharsets.UTF_8));
    String s = readAll(out.toByteArray(), "a.txt", "auto");
    assertThat(s)
        .startsWith(ARABIC)
        .endsWith(ARABIC)
        .contains(String.valueOf(InputDecoder.UNDECODABLE));
  }

  @Test
  void gzipAndBzip2AreUndoneAndTheInnerNameKept() throws Exception {
    byte[] plain = ARABIC.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (var z = new GZIPOutputStream(gz)) {
      z.write(plain);
    }
    ByteArrayOutputStream bz = new ByteArrayOutputStream();
    try (var z = new BZip2CompressorOutputStream(bz)) {
      z.write(plain);
    }
    assertThat(readAll(gz.toByteArray(), "x.jsonl.gz", "auto")).isEqualTo(ARABIC);
    assertThat(readAll(bz.toByteArray(), "x.jsonl.bz2", "auto")).isEqualTo(ARABIC);
    assertThat(
            InputDecoder.open(new ByteArrayInputStream(gz.toByteArray()), "x.jsonl.gz", "auto")
                .innerName())
        .isEqualTo("x.jsonl");
  }

  @Test
  void multiByteSequenceCutByTheSniffWindowIsNotAnError() {
    byte[] b = "\u0633".getBytes(StandardCharsets.UTF_8);
    assertThat(InputDecoder.isValidUtf8(new byte[] {b[0]})).isTrue();
    assertThat(InputDecoder.isValidUtf8(new byte[] {(byte) 0xFF, 'a'})).isFalse();
  }
}
