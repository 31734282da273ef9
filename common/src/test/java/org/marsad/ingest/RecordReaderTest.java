package org.marsad.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordReaderTest {
  static List<RawRecord> read(InputFormat f, String text, int max) throws Exception {
    List<RawRecord> out = new ArrayList<>();
    try (RecordReader r = RecordReader.create(f, new BufferedReader(new StringReader(text)), max)) {
      r.forEachRemaining(out::add);
    }
    return out;
  }

  static List<RawRecord> read(InputFormat f, String text) throws Exception {
    return read(f, text, 10_000);
  }

  @Test
  void jsonArrayStreamsObjectsAndRejectsNonObjects() throws Exception {
    var rs =
        read(
            InputFormat.JSON,
            "[{\"title\":\"a\",\"n\":1}, 42, {\"title\":\"b\",\"meta\":{\"d\":\"x\"}}]");
    assertThat(rs).hasSize(3);
    assertThat(rs.get(0).fields().get("title")).isEqualTo("a");
    assertThat(rs.get(0).fields().get("n")).isEqualTo("1");
    assertThat(rs.get(1).errorReason()).isEqualTo(RejectReason.MALFORMED_RECORD);
    assertThat(rs.get(2).fields().get("meta.d")).isEqualTo("x");
    assertThat(rs.get(2).fields().get("TITLE")).as("case-insensitive fallback").isEqualTo("b");
    assertThat(rs).extracting(RawRecord::index).containsExactly(0L, 1L, 2L);
  }

  @Test
  void truncatedJsonArrayKeepsWhatCameBeforeAndRejectsTheTail() throws Exception {
    var rs = read(InputFormat.JSON, "[{\"title\":\"a\"},{\"title\":\"b");
    assertThat(rs).hasSize(2);
    assertThat(rs.get(0).failed()).isFalse();
    assertThat(rs.get(1).errorReason()).isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(rs.get(1).errorDetail()).contains("line 1");
  }

  @Test
  void singleObjectAndConcatenatedObjects() throws Exception {
    assertThat(read(InputFormat.JSON, "{\"title\":\"a\"}")).hasSize(1);
    assertThat(read(InputFormat.JSON, "{\"title\":\"a\"}\n{\"title\":\"b\"}")).hasSize(2);
  }

  @Test
  void deeplyNestedJsonIsRejectedNotACrash() throws Exception {
    String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    var rs = read(InputFormat.JSONL, deep + "\n{\"title\":\"ok\"}\n", 100_000);
    assertThat(rs)
        .extracting(RawRecord::errorReason)
        .containsExactly(RejectReason.MALFORMED_JSON, null);
  }

  @Test
  void jsonLinesGoesOnAfterABadLineAndSkipsBlankLines() throws Exception {
    var rs =
        read(
            InputFormat.JSONL,
            "{\"title\":\"a\"}\n\n{\"title\": \"cut\n[1,2]\n{\"title\":\"c\"}\n");
    assertThat(rs)
        .extracting(RawRecord::errorReason)
        .containsExactly(null, RejectReason.MALFORMED_JSON, RejectReason.MALFORMED_RECORD, null);
    assertThat(rs.get(1).raw()).isEqualTo("{\"title\": \"cut");
    assertThat(rs.get(3).fields().get("title")).isEqualTo("c");
  }

  @Test
  void oversizedLineIsTooLarge() throws Exception {
    var rs = read(InputFormat.JSONL, "{\"title\":\"" + "x".repeat(200) + "\"}\n", 100);
    assertThat(rs.get(0).errorReason()).isEqualTo(RejectReason.TOO_LARGE);
  }

  /** {@code a} then {@code b}. */
  static java.io.Reader concat(java.io.Reader a, java.io.Reader b) {
    return new java.io.Reader() {
      boolean first = true;

      @Override
      public int read(char[] buf, int off, int len) throws java.io.IOException {
        if (first) {
          int n = a.read(buf, off, len);
          if (n > 0) {
            return n;
          }
          first = false;
        }
        return b.read(buf, off, len);
      }

      @Override
      public void close() {}
    };
  }

  /** A line of {@code n} Arabic letters that is generated as it is read, never held. */
  static java.io.Reader endlessLine(long n, String after) {
    return new java.io.Reader() {
      long left = n;
      final java.io.Reader tail = new StringReader("\n" + after);

      @Override
      public int read(char[] b, int off, int len) throws java.io.IOException {
        if (left == 0) {
          return tail.read(b, off, len);
        }
        int k = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + k, '\u0628');
        left -= k;
        return k;
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void anEndlessLineIsOneTooLargeRejectHoldingOnlyItsHeadAndTheNextLineIsRead() throws Exception {
    long letters = 300_000_000L; // 600 MB of chars if it were held; the cap keeps 1,000
    List<RawRecord> rs = new ArrayList<>();
    try (RecordReader r =
        RecordReader.create(
            InputFormat.JSONL,
            new BufferedReader(endlessLine(letters, "{\"title\":\"after\"}\n")),
            1_000)) {
      r.forEachRemaining(rs::add);
    }
    assertThat(rs).extracting(RawRecord::errorReason).containsExactly(RejectReason.TOO_LARGE, null);
    assertThat(rs.get(0).raw()).hasSize(1_000);
    assertThat(rs.get(0).errorDetail()).startsWith(letters + " chars");
    assertThat(rs.get(1).fields().get("title")).isEqualTo("after");
  }

  @Test
  void jsonLinesEndsLinesAtLfCrLfAndCrAlike() throws Exception {
    var rs = read(InputFormat.JSONL, "{\"t\":1}\r\n{\"t\":2}\r{\"t\":3}\n\r\n{\"t\":4}");
    assertThat(rs).extracting(r -> r.fields().get("t")).containsExactly("1", "2", "3", "4");
  }

  @Test
  void aFilePastItsByteCapKeepsTheRecordsBeforeAndEndsWithOneFileTooLargeReject()
      throws Exception {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      for (int i = 0; i < 100_000; i++) {
        out.write(("{\"title\":\"" + i + "\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    var d =
        InputDecoder.open(
            new java.io.ByteArrayInputStream(gz.toByteArray()), "a.jsonl.gz", "auto", 200_000);
    List<RawRecord> rs = new ArrayList<>();
    try (RecordReader r = RecordReader.create(InputFormat.JSONL, d.reader(), 10_000)) {
      r.forEachRemaining(rs::add);
    }
    RawRecord last = rs.get(rs.size() - 1);
    assertThat(last.errorReason()).isEqualTo(RejectReason.FILE_TOO_LARGE);
    assertThat(last.errorDetail()).contains("200000 bytes");
    assertThat(rs.subList(0, rs.size() - 1)).allMatch(r -> !r.failed()).hasSizeGreaterThan(1_000);
    assertThat(rs.get(0).fields().get("title")).isEqualTo("0");
  }

  @Test
  void csvWithQuotedMultiLineFieldAndShortRow() throws Exception {
    var rs =
        read(
            InputFormat.CSV, "id,Title,body\n1,a,\"line one\nline two, with comma\"\n2,b\n3,c,d\n");
    assertThat(rs).hasSize(3);
    assertThat(rs.get(0).fields().get("body")).isEqualTo("line one\nline two, with comma");
    assertThat(rs.get(0).fields().get("title")).as("header lookup ignores case").isEqualTo("a");
    assertThat(rs.get(1).errorReason()).isEqualTo(RejectReason.MALFORMED_CSV);
    assertThat(rs.get(2).fields().get("id")).isEqualTo("3");
  }

  @Test
  void aStrayQuoteInAJsonArrayLosesOnlyItsObject() throws Exception {
    String text =
        "[\n  {\n    \"title\": \"a\",\n    \"body\": \"x\"\n  },\n"
            + "  {\n    \"title\": \"b\"stray\",\n    \"body\": \"y\"\n  },\n"
            + "  {\n    \"title\": \"c\",\n    \"body\": \"z\"\n  },\n"
            + "  {\"title\": \"d\" \"body\": 1},\n"
            + "  {\"title\": \"e\"}\n]\n";
    var rs = read(InputFormat.JSON, text);
    assertThat(rs)
        .extracting(RawRecord::errorReason)
        .containsExactly(null, RejectReason.MALFORMED_JSON, null, RejectReason.MALFORMED_JSON, null);
    assertThat(rs.get(1).raw()).startsWith("{").contains("stray").doesNotContain("\"c\"");
    assertThat(rs.get(1).errorDetail()).contains("at line 6").contains("chars skipped");
    assertThat(rs.get(2).fields().get("title")).isEqualTo("c");
    assertThat(rs.get(3).errorDetail()).contains("line 14");
    assertThat(rs.get(4).fields().get("title")).isEqualTo("e");
    assertThat(rs).extracting(RawRecord::index).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void concatenatedObjectsResumeAfterGarbageAndAnUnclosedString() throws Exception {
    var rs =
        read(
            InputFormat.JSON,
            "{\"title\":\"a\"} garbage here {\"title\":\"b\",\"x\":\"unclosed}{\"title\":\"c\"}");
    assertThat(rs)
        .extracting(RawRecord::errorReason)
        .containsExactly(
            null, RejectReason.MALFORMED_RECORD, RejectReason.MALFORMED_JSON, null);
    assertThat(rs.get(1).raw()).isEqualTo("garbage here");
    assertThat(rs.get(3).fields().get("title")).isEqualTo("c");
  }

  @Test
  void anEndlessJsonStringIsOneTooLargeRejectAndTheNextObjectIsRead() throws Exception {
    long letters = 50_000_000L;
    java.io.Reader body = endlessLine(letters, "\"}, {\"title\":\"after\"}]");
    java.io.Reader in =
        concat(new StringReader("[{\"title\":\"x\",\"body\":\""), body);
    List<RawRecord> rs = new ArrayList<>();
    try (RecordReader r = RecordReader.create(InputFormat.JSON, new BufferedReader(in), 1_000)) {
      r.forEachRemaining(rs::add);
    }
    assertThat(rs).extracting(RawRecord::errorReason).containsExactly(RejectReason.TOO_LARGE, null);
    assertThat(rs.get(0).raw()).hasSize(1_000);
    assertThat(rs.get(1).fields().get("title")).isEqualTo("after");
  }

  @Test
  void csvQuoteNeverClosedLosesOnlyItsLine() throws Exception {
    StringBuilder csv = new StringBuilder("id,title,body\n");
    for (int i = 1; i <= 20; i++) {
      csv.append(i).append(",t").append(i).append(i == 5 ? ",\"opened never closed\n" : ",b\n");
    }
    var rs = read(InputFormat.CSV, csv.toString());
    assertThat(rs).hasSize(20);
    assertThat(rs.get(4).errorReason()).isEqualTo(RejectReason.MALFORMED_CSV);
    assertThat(rs.get(4).errorDetail()).contains("line 6").contains("1 line");
    assertThat(rs.stream().filter(r -> !r.failed()).map(r -> r.fields().get("id")))
        .hasSize(19)
        .contains("4", "6", "20");
  }

  @Test
  void csvQuoteClosedInsideAFieldDoesNotSwallowTheNextRow() throws Exception {
    StringBuilder csv = new StringBuilder("id,title,body\n");
    for (int i = 1; i <= 20; i++) {
      csv.append(i).append(i == 5 ? ",\"t\"5 closed early,b\n" : ",\"t" + i + "\",b\n");
    }
    var rs = read(InputFormat.CSV, csv.toString());
    assertThat(rs).hasSize(20);
    assertThat(rs).filteredOn(RawRecord::failed).hasSize(1);
    assertThat(rs.get(4).raw()).isEqualTo("5,\"t\"5 closed early,b");
    assertThat(rs.get(5).fields().get("title")).isEqualTo("t6");
  }

  @Test
  void csvDoubledQuotesAndAOneLineStrayQuoteAreKept() throws Exception {
    var rs =
        read(InputFormat.CSV, "id,title\n1,\"say \"\"hi\"\"\"\n2,\"a \"b\" c\"\n3,plain \"q\" x\n");
    assertThat(rs).extracting(r -> r.fields().get("title"))
        .containsExactly("say \"hi\"", "a \"b\" c", "plain \"q\" x");
  }

  @Test
  void anEndlessCsvFieldIsOneTooLargeRejectAndTheNextRowIsRead() throws Exception {
    java.io.Reader in =
        concat(
            new StringReader("id,body\n1,"), endlessLine(50_000_000L, "2,after\n"));
    List<RawRecord> rs = new ArrayList<>();
    try (RecordReader r = RecordReader.create(InputFormat.CSV, new BufferedReader(in), 1_000)) {
      r.forEachRemaining(rs::add);
    }
    assertThat(rs).extracting(RawRecord::errorReason).containsExactly(RejectReason.TOO_LARGE, null);
    assertThat(rs.get(1).fields().get("body")).isEqualTo("after");
  }

  @Test
  void tsvEscapes() throws Exception {
    var rs = read(InputFormat.TSV, "id\ttext\n1\ta\\tb\\nc\\\\d\n2\tshort\textra\n3\tok\n");
    assertThat(rs).extracting(RawRecord::errorReason)
        .containsExactly(null, RejectReason.MALFORMED_CSV, null);
    assertThat(rs.get(0).fields().get("text")).isEqualTo("a\tb\nc\\d");
  }

  @Test
  void tsv() throws Exception {
    var rs = read(InputFormat.TSV, "id\ttitle\ttext\n7\tt\tbody text\n");
    assertThat(rs).hasSize(1);
    assertThat(rs.get(0).fields().get("text")).isEqualTo("body text");
  }

  @Test
  void trecIsParsedLenientlyWithRawAmpersandsAndAngles() throws Exception {
    String doc =
        "<DOC>\n<DOCNO>D-1</DOCNO>\n<TITLE>A & B</TITLE>\n<TEXT>\nx < 10 & y\n</TEXT>\n</DOC>\n"
            + "<DOC>\n<DOCNO>D-2</DOCNO>\n<TEXT>two</TEXT>\n</DOC>\n";
    var rs = read(InputFormat.TREC, doc);
    assertThat(rs).hasSize(2);
    assertThat(rs.get(0).fields().get("docno")).isEqualTo("D-1");
    assertThat(rs.get(0).fields().get("TITLE")).isEqualTo("A & B");
    assertThat(rs.get(0).fields().get("text")).isEqualTo("x < 10 & y");
    assertThat(rs.get(1).fields().get("DOCNO")).isEqualTo("D-2");
  }

  @Test
  void trecUnclosedDocIsRejected() throws Exception {
    var rs = read(InputFormat.TREC, "<DOC>\n<DOCNO>D-1</DOCNO>\n<TEXT>cut");
    assertThat(rs).extracting(RawRecord::errorReason).containsExactly(RejectReason.MALFORMED_TREC);
  }

  @Test
  void trecDocNotClosedBeforeTheNextIsOneRejectAndTheNextIsRead() throws Exception {
    var rs =
        read(
            InputFormat.TREC,
            "<DOC>\n<DOCNO>D-1</DOCNO>\n<TEXT>no end\n<DOC>\n<DOCNO>D-2</DOCNO>\n<TEXT>two</TEXT>\n"
                + "</DOC>\n<DOC><DOCNO>D-3</DOCNO><TEXT>three</TEXT></DOC>\n");
    assertThat(rs)
        .extracting(RawRecord::errorReason)
        .containsExactly(RejectReason.MALFORMED_TREC, null, null);
    assertThat(rs.get(0).raw()).contains("D-1").doesNotContain("D-2");
    assertThat(rs.get(1).fields().get("DOCNO")).isEqualTo("D-2");
    assertThat(rs.get(2).fields().get("TEXT")).isEqualTo("three");
  }

  @Test
  void anEndlessTrecLineIsOneTooLargeRejectAndTheNextDocIsRead() throws Exception {
    java.io.Reader in =
        concat(
            new StringReader("<DOC>\n<DOCNO>BIG</DOCNO>\n<TEXT>"),
            endlessLine(50_000_000L, "</TEXT>\n</DOC>\n<DOC><DOCNO>D-2</DOCNO><TEXT>t</TEXT></DOC>\n"));
    List<RawRecord> rs = new ArrayList<>();
    try (RecordReader r = RecordReader.create(InputFormat.TREC, new BufferedReader(in), 1_000)) {
      r.forEachRemaining(rs::add);
    }
    assertThat(rs).extracting(RawRecord::errorReason).containsExactly(RejectReason.TOO_LARGE, null);
    assertThat(rs.get(0).raw().length()).isLessThanOrEqualTo(1_000);
    assertThat(rs.get(1).fields().get("DOCNO")).isEqualTo("D-2");
  }

  @Test
  void plainTextHeadlineThenBody() throws Exception {
    var rs = read(InputFormat.TEXT, "\n  Headline here \n\nBody one.\nBody two.\n");
    assertThat(rs).hasSize(1);
    assertThat(rs.get(0).fields().get("title")).isEqualTo("Headline here");
    assertThat(rs.get(0).fields().get("body")).isEqualTo("Body one.\nBody two.");
    assertThat(read(InputFormat.TEXT, "  \n ")).isEmpty();
  }

  @Test
  void detectsFormatByNameThenContent() {
    assertThat(RecordReader.detect("a.jsonl", "{}")).isEqualTo(InputFormat.JSONL);
    assertThat(RecordReader.detect("a.csv", "x")).isEqualTo(InputFormat.CSV);
    assertThat(RecordReader.detect("a.tsv", "x")).isEqualTo(InputFormat.TSV);
    assertThat(RecordReader.detect("a.json", "[{}]")).isEqualTo(InputFormat.JSON);
    assertThat(RecordReader.detect("a.json", "{\"a\":1}\n{\"a\":2}\n"))
        .isEqualTo(InputFormat.JSONL);
    assertThat(RecordReader.detect("a.json", "{\n \"a\": 1\n}")).isEqualTo(InputFormat.JSON);
    assertThat(RecordReader.detect("JA-1-20170121.txt", "<DOC>\n")).isEqualTo(InputFormat.TREC);
    assertThat(RecordReader.detect("a.txt", "Headline\n\nBody")).isEqualTo(InputFormat.TEXT);
    assertThat(RecordReader.detect("noext", "  [ {} ]")).isEqualTo(InputFormat.JSON);
  }
}
