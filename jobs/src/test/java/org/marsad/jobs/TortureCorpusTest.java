package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.catalog.Catalog;
import org.marsad.generate.CorpusGenerator;
import org.marsad.testing.SparkTestSession;

/**
 * The torture corpus (written here, not stored): every kind of broken input the issue names goes
 * through the whole pipeline; no job fails, every record read is an article or a reject, and every
 * mention's surface is the stored text at its offsets.
 */
class TortureCorpusTest {
  @TempDir Path tmp;

  static final Catalog CATALOG = Pipelines.CATALOG;

  /** Writes the torture files into {@code dir}; Arabic text comes from the generator. */
  static void write(Path dir) throws IOException {
    List<CorpusGenerator.Article> a =
        CorpusGenerator.sample(CATALOG, CorpusGenerator.Settings.defaults(), 13);
    Files.createDirectories(dir);
    writeResynchronisationCases(dir, a);
    String ok0 = json("T-0", a.get(0).title(), a.get(0).body(), "2017-03-14");
    // Truncated JSON Lines: a good record, then one cut in the middle of a string.
    Files.writeString(dir.resolve("truncated.jsonl"), ok0 + "\n" + ok0.substring(0, 60));
    // A JSON array whose second element nests invalid JSON.
    Files.writeString(
        dir.resolve("nested-invalid.json"),
        "["
            + json("T-1", a.get(1).title(), a.get(1).body(), "2017-03-15")
            + ", {\"title\": \"x\", \"content\": {\"a\": [1, 2}}, "
            + json("T-2", a.get(2).title(), a.get(2).body(), "2017-03-15")
            + "]");
    // Invalid UTF-8 inside a record, and NUL bytes inside another.
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    bad.write(
        json("T-3", a.get(3).title(), a.get(3).body(), "2017-03-16")
            .getBytes(StandardCharsets.UTF_8));
    bad.write('\n');
    byte[] broken =
        json("T-4", "عنوان", "نص \u0001 قصير", "2017-03-16").getBytes(StandardCharsets.UTF_8);
    bad.write(broken, 0, 30);
    bad.write(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE});
    bad.write(broken, 30, broken.length - 30);
    bad.write('\n');
    Files.write(dir.resolve("bad-utf8.jsonl"), bad.toByteArray());
    Files.writeString(
        dir.resolve("nul.jsonl"),
        json(
                "T-5",
                a.get(5).title(),
                a.get(5).body().replace(" - ", " -\u0000\u0000 "),
                "2017-03-17")
            + "\n");
    // A BOM and CRLF line ends, in JSON Lines and in CSV.
    Files.writeString(
        dir.resolve("bom-crlf.jsonl"),
        "\uFEFF"
            + json("T-6", a.get(6).title(), a.get(6).body(), "2017-03-18")
            + "\r\n"
            + json("T-7", a.get(7).title(), a.get(7).body(), "2017-03-18")
            + "\r\n");
    Files.writeString(
        dir.resolve("bom-crlf.csv"),
        "\uFEFFid,headline,body,published\r\nT-8,\""
            + a.get(8).title()
            + "\",\""
            + a.get(8).body().replace("\n", "\r\n")
            + "\",2017-03-19\r\n");
    // One 20 MB article.
    StringBuilder huge = new StringBuilder(21 << 20);
    while (huge.length() < 20 << 20) {
      huge.append(a.get(9).body()).append('\n');
    }
    Files.writeString(
        dir.resolve("huge.jsonl"), json("T-9", "ضخم", huge.toString(), "2017-03-20") + "\n");
    // Empty files of three formats.
    Files.write(dir.resolve("empty.jsonl"), new byte[0]);
    Files.write(dir.resolve("empty.csv"), new byte[0]);
    Files.write(dir.resolve("empty-20170321.txt"), new byte[0]);
    // Windows-1256 plain text, dated by its file name.
    Files.write(
        dir.resolve("cp1256-20170322.txt"),
        (a.get(10).title() + "\n" + a.get(10).body()).getBytes(Charset.forName("windows-1256")));
    // HTML only, and HTML around Arabic.
    Files.writeString(
        dir.resolve("html.jsonl"),
        json("T-11", "عنوان", "<div><br/><p></p></div>", "2017-03-23")
            + "\n"
            + json(
                "T-12",
                a.get(11).title(),
                "<div><p>" + a.get(11).body().replace("\n", "</p><p>") + "</p></div>",
                "2017-03-23")
            + "\n");
    // Dates in 1970 and in the future; duplicate ids with different text.
    Files.writeString(
        dir.resolve("dates-and-ids.jsonl"),
        String.join(
                "\n",
                json("T-13", a.get(1).title(), a.get(1).body(), "1970-01-01"),
                json("T-14", a.get(2).title(), a.get(2).body(), "2099-06-01"),
                json("DUP", a.get(3).title(), a.get(3).body(), "2017-03-24"),
                json("DUP", a.get(4).title(), a.get(4).body(), "2017-03-24"))
            + "\n");
    // A decompression bomb: a small gzip holding one record of 32 M Arabic letters (64 MB,
    // 16× ingest.max_record_chars), then a valid article that must still be read.
    try (var gz =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("bomb.jsonl.gz")))) {
      gz.write("{\"id\": \"BOMB\", \"content\": \"".getBytes(StandardCharsets.UTF_8));
      byte[] letters = "\u0628".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 32; i++) {
        gz.write(letters);
      }
      gz.write("\"}\n".getBytes(StandardCharsets.UTF_8));
      gz.write(
          (json("T-15", a.get(12).title(), a.get(12).body(), "2017-03-25") + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Issue 18: broken files that must lose only their broken record, and more bombs. */
  static void writeResynchronisationCases(Path dir, List<CorpusGenerator.Article> a)
      throws IOException {
    // CSV: row 5 opens a quote it never closes; in the other file row 5 closes a quote early.
    for (String kind : List.of("never-closed", "closed-early")) {
      String prefix = kind.equals("never-closed") ? "C-" : "Q-";
      StringBuilder csv = new StringBuilder("id,headline,body,published\n");
      for (int i = 1; i <= 20; i++) {
        CorpusGenerator.Article x = a.get(i % a.size());
        String title = csvField(x.title());
        String body = csvField(x.body() + " " + prefix + i);
        if (i == 5 && kind.equals("never-closed")) {
          title = "\"" + x.title(); // the quote runs on to the end of the file
          body = x.body().replace("\"", "").replace('\n', ' ');
        } else if (i == 5) {
          title = "\"قال\" " + x.title(); // closed after one word, then text, then the body's
        }
        csv.append(prefix + i).append(',').append(title).append(',').append(body);
        csv.append(",2017-04-0").append(1 + i % 9).append('\n');
      }
      Files.writeString(dir.resolve("quote-" + kind + ".csv"), csv.toString());
    }
    // A pretty-printed JSON array whose second object has a stray quote in its title.
    StringBuilder arr = new StringBuilder("[\n");
    for (int i = 1; i <= 4; i++) {
      String obj = json("J-" + i, a.get(i).title(), a.get(i).body() + " J-" + i, "2017-04-11");
      if (i == 2) {
        obj = obj.replaceFirst("\"title\": \"", "\"title\": \"\"");
      }
      arr.append("  ").append(obj.replace(", \"", ",\n    \"")).append(i < 4 ? ",\n" : "\n");
    }
    Files.writeString(dir.resolve("stray-quote.json"), arr.append("]\n").toString());
    // A JSON array bomb (one object of 8 M letters, 4x the cap) then a valid object, gzipped.
    try (var gz =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("bomb-array.json.gz")))) {
      gz.write("[{\"id\": \"BOMB-A\", \"content\": \"".getBytes(StandardCharsets.UTF_8));
      byte[] letters = "\u0628".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 8; i++) {
        gz.write(letters);
      }
      gz.write("\"},\n".getBytes(StandardCharsets.UTF_8));
      gz.write((json("A-1", a.get(5).title(), a.get(5).body(), "2017-04-12") + "]")
          .getBytes(StandardCharsets.UTF_8));
    }
    // A CSV field bomb in bzip2 (one field of 4 M letters, 2x the cap) then a valid row.
    try (var bz =
        new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(
            Files.newOutputStream(dir.resolve("bomb-field.csv.bz2")))) {
      bz.write("id,headline,body,published\nBOMB-C,x,\"".getBytes(StandardCharsets.UTF_8));
      byte[] letters = "\u0628".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 4; i++) {
        bz.write(letters);
      }
      bz.write("\",2017-04-13\n".getBytes(StandardCharsets.UTF_8));
      bz.write(("B-1," + csvField(a.get(6).title()) + "," + csvField(a.get(6).body()) + ",2017-04-13\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    // TREC: a <DOC> never closed, then a whole one.
    Files.writeString(
        dir.resolve("unclosed.trec"),
        "<DOC>\n<DOCNO>U-0</DOCNO>\n<TITLE>"
            + a.get(7).title()
            + "</TITLE>\n<TEXT>\n"
            + a.get(7).body()
            + "\n<DOC>\n<DOCNO>U-1</DOCNO>\n<TITLE>"
            + a.get(8).title()
            + "</TITLE>\n<TIME>2017-04-14</TIME>\n<TEXT>\n"
            + a.get(8).body()
            + "\n</TEXT>\n</DOC>\n");
  }

  static String csvField(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static String json(String id, String title, String body, String date) {
    return "{\"id\": \""
        + id
        + "\", \"title\": "
        + quote(title)
        + ", \"content\": "
        + quote(body)
        + ", \"date\": \""
        + date
        + "\"}";
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  @Test
  void everyRecordReconcilesAndNoJobFails() throws IOException {
    Path in = tmp.resolve("torture");
    write(in);
    String wh = tmp.resolve("wh").toString();
    PipelineCommand.Result r = Pipelines.run(in.toString(), wh);
    var ingest = r.ingest();
    assertThat(ingest.reconciled())
        .as(
            "records %d = articles %d + rejects %d + out of range %d",
            ingest.recordsRead(),
            ingest.articlesWritten(),
            ingest.rejectsWritten(),
            ingest.outOfRange())
        .isTrue();
    Map<String, Long> reasons = ingest.rejectsByReason();
    assertThat(reasons)
        .containsKeys("malformed_json", "too_large", "empty_file", "bad_date", "empty_text");
    SparkSession spark = SparkTestSession.get();
    List<Row> ids =
        spark.read().parquet(wh + "/articles").select("source_id").as("s").collectAsList();
    assertThat(ids.stream().map(x -> x.getString(0)))
        .contains("T-0", "T-1", "T-2", "T-3", "T-5", "T-6", "T-7", "T-8", "T-12", "T-15")
        .doesNotContain("T-9", "T-11", "T-13", "T-14");
    // Issue 18: each broken file loses its broken record only.
    List<String> kept = ids.stream().map(x -> x.getString(0)).toList();
    for (int i = 1; i <= 20; i++) {
      if (i != 5) {
        assertThat(kept).contains("C-" + i, "Q-" + i);
      }
    }
    assertThat(kept)
        .contains("J-1", "J-3", "J-4", "A-1", "B-1", "U-1")
        .doesNotContain("C-5", "Q-5", "J-2", "BOMB-A", "BOMB-C", "U-0");
    assertThat(reasons).containsKeys("malformed_csv", "malformed_trec");
    Map<String, String> reasonOf = new java.util.HashMap<>();
    for (Row x :
        spark.read().parquet(wh + "/rejects").select("input_file", "reason").collectAsList()) {
      reasonOf.merge(
          x.getString(0).replaceAll(".*/", ""), x.getString(1), (p, q) -> p + "," + q);
    }
    assertThat(reasonOf)
        .containsEntry("quote-never-closed.csv", "malformed_csv")
        .containsEntry("quote-closed-early.csv", "malformed_csv")
        .containsEntry("stray-quote.json", "malformed_json")
        .containsEntry("bomb-array.json.gz", "too_large")
        .containsEntry("bomb-field.csv.bz2", "too_large")
        .containsEntry("unclosed.trec", "malformed_trec");
    // The JSON array's broken element is one reject; T-2 after it is read again as an article.
    // element, is inside the one reject that carries the rest of the file.
    assertThat(
            spark
                .read()
                .parquet(wh + "/rejects")
                .filter(col("reason").equalTo("malformed_json").and(col("record").contains("T-2")))
                .count())
        .isZero();
    // The bomb is one too_large reject holding only the record's head, not its 64 MB.
    List<Row> bomb =
        spark
            .read()
            .parquet(wh + "/rejects")
            .filter(col("input_file").endsWith("bomb.jsonl.gz"))
            .select("reason", "record")
            .collectAsList();
    assertThat(bomb).hasSize(1);
    assertThat(bomb.get(0).getString(0)).isEqualTo("too_large");
    assertThat(bomb.get(0).getString(1).length()).isLessThan(10_000);
    // Both records with the id DUP are kept (different texts) as distinct articles.
    assertThat(ids.stream().filter(x -> "DUP".equals(x.getString(0))).count()).isEqualTo(2);
    // Offsets: every mention's surface is the stored text at [start, end).
    long wrong =
        spark
            .read()
            .parquet(wh + "/mentions")
            .join(
                spark.read().parquet(wh + "/articles").select("article_id", "title", "body"),
                "article_id")
            .filter(
                expr("substring(CASE field WHEN 'title' THEN title ELSE body END, start + 1, end - start)")
                    .notEqual(col("surface")))
            .count();
    assertThat(wrong).isZero();
    assertThat(spark.read().parquet(wh + "/mentions").count()).isPositive();
  }
}
