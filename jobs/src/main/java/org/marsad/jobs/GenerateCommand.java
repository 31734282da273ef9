package org.marsad.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.marsad.catalog.Catalog;
import org.marsad.generate.CorpusGenerator;
import org.marsad.generate.CorpusGenerator.Article;
import org.marsad.generate.CorpusGenerator.Planted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code marsad generate}: a synthetic Arabic news dump of a given size (no Spark), in several
 * formats, with the ground truth of every planted mention in the gold format of {@code
 * eval-mentions}.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write a seeded synthetic Arabic news dump (templates + catalog; no copied text) and the"
            + " truth of the mentions it planted.")
public final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--size",
      required = true,
      paramLabel = "SIZE",
      description = "Bytes of articles to write: 500KB, 20MB, 2GB…")
  String size;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder (created): articles/<format>/, truth.jsonl, manifest.json.")
  File out;

  @Option(names = "--seed", description = "Random seed (default: 42).")
  long seed = 42;

  @Option(names = "--from", paramLabel = "DATE", description = "First day (default 2017-01-01).")
  LocalDate from = LocalDate.of(2017, 1, 1);

  @Option(names = "--to", paramLabel = "DATE", description = "Last day (default 2017-12-31).")
  LocalDate to = LocalDate.of(2017, 12, 31);

  @Option(
      names = "--formats",
      split = ",",
      paramLabel = "F",
      description = "Any of jsonl, json, csv, trec, in turn per article (default: all four).")
  List<String> formats = List.of("jsonl", "json", "csv", "trec");

  @Option(
      names = "--watch-share",
      description = "Share of entity slots filled from the watch-list countries (default 0.5).")
  double watchShare = 0.5;

  @Option(names = "--copy-rate", description = "Exact copies (new id and URL), default 0.03.")
  double copyRate = 0.03;

  @Option(
      names = "--near-copy-rate",
      description = "Near copies (one sentence added), default 0.03.")
  double nearCopyRate = 0.03;

  @Option(names = "--file-size", paramLabel = "SIZE", description = "Per file (default 64MB).")
  String fileSize = "64MB";

  @Option(names = "--no-truth", description = "Do not write truth.jsonl (it repeats the text).")
  boolean noTruth;

  @Mixin ConfigOptions config = new ConfigOptions();

  static long bytes(String s) {
    String t = s.strip().toUpperCase(Locale.ROOT);
    long unit = 1;
    for (String[] u : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}}) {
      if (t.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        t = t.substring(0, t.length() - 2).strip();
        break;
      }
    }
    if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      double v = Double.parseDouble(t);
      if (v <= 0) {
        throw new NumberFormatException();
      }
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw new UsageException("bad size '" + s + "' (e.g. 500KB, 20MB, 2GB)");
    }
  }

  @Override
  public Integer call() throws IOException {
    long target = bytes(size);
    long perFile = bytes(fileSize);
    if (from.isAfter(to)) {
      throw new UsageException("--from " + from + " is after --to " + to);
    }
    for (String f : formats) {
      if (!List.of("jsonl", "json", "csv", "trec").contains(f)) {
        throw new UsageException("unknown format '" + f + "' (jsonl, json, csv, trec)");
      }
    }
    Catalog catalog = Catalog.load(config.load());
    var defaults = CorpusGenerator.Settings.defaults();
    CorpusGenerator generator =
        new CorpusGenerator(
            catalog,
            new CorpusGenerator.Settings(
                seed,
                from,
                to,
                defaults.sources(),
                watchShare,
                defaults.watch(),
                copyRate,
                nearCopyRate));
    Files.createDirectories(out.toPath());
    ObjectMapper json = new ObjectMapper();
    Map<String, Sink> sinks = new LinkedHashMap<>();
    for (String f : formats) {
      sinks.put(f, new Sink(new File(out, "articles/" + f), f, perFile));
    }
    long written = 0;
    long articles = 0;
    long planted = 0;
    long copies = 0;
    try (Writer truth =
        noTruth
            ? Writer.nullWriter()
            : new BufferedWriter(
                new OutputStreamWriter(
                    Files.newOutputStream(new File(out, "truth.jsonl").toPath()),
                    StandardCharsets.UTF_8),
                1 << 16)) {
      Article prev = null;
      while (written < target) {
        Article a = generator.next(prev);
        prev = a;
        String format = formats.get((int) (articles % formats.size()));
        written += sinks.get(format).write(a, json);
        articles++;
        planted += a.mentions().size();
        copies += a.copyOf() != null ? 1 : 0;
        for (String field : List.of("title", "body")) {
          ObjectNode line = json.createObjectNode();
          line.put("id", a.id() + ":" + field);
          line.put("text", field.equals("title") ? a.title() : a.body());
          ArrayNode ms = line.putArray("mentions");
          for (Planted p : a.mentions()) {
            if (p.field().equals(field)) {
              ms.addObject()
                  .put("start", p.start())
                  .put("end", p.end())
                  .put("entity_id", p.entityId());
            }
          }
          truth.write(json.writeValueAsString(line));
          truth.write('\n');
        }
      }
    } finally {
      for (Sink s : sinks.values()) {
        s.close();
      }
    }
    ObjectNode manifest = json.createObjectNode();
    manifest.put("seed", seed).put("from", from.toString()).put("to", to.toString());
    manifest.put("bytes", written).put("articles", articles).put("copies", copies);
    manifest.put("planted_mentions", planted);
    manifest.put("watch_share", watchShare);
    manifest.putPOJO("formats", formats);
    Files.writeString(
        new File(out, "manifest.json").toPath(),
        json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    System.out.printf(
        "generate: %d articles (%d copies), %.1f MB in %s, %d planted mentions -> %s%n",
        articles, copies, written / 1048576.0, String.join(", ", formats), planted, out);
    return 0;
  }

  /** Files of one format, rotated at {@code perFile} bytes. */
  private static final class Sink {
    final File dir;
    final String format;
    final long perFile;
    Writer w;
    long inFile;
    int files;
    boolean firstInArray;

    Sink(File dir, String format, long perFile) throws IOException {
      this.dir = dir;
      this.format = format;
      this.perFile = perFile;
      Files.createDirectories(dir.toPath());
    }

    long write(Article a, ObjectMapper json) throws IOException {
      if (w == null || inFile >= perFile) {
        close();
        String ext = format.equals("trec") ? "txt" : format;
        w =
            new BufferedWriter(
                new OutputStreamWriter(
                    Files.newOutputStream(
                        new File(dir, String.format("part-%05d.%s", files++, ext)).toPath()),
                    StandardCharsets.UTF_8),
                1 << 16);
        inFile = 0;
        firstInArray = true;
        if (format.equals("json")) {
          w.write("[\n");
        } else if (format.equals("csv")) {
          w.write("id,headline,body,published,link,site\n");
        }
      }
      String record =
          switch (format) {
            case "jsonl" -> jsonObject(a, json) + "\n";
            case "json" -> (firstInArray ? "" : ",\n") + jsonObject(a, json);
            case "csv" ->
                String.join(
                        ",",
                        csv(a.id()),
                        csv(a.title()),
                        csv(a.body()),
                        csv(a.day().toString()),
                        csv(a.url()),
                        csv(a.source()))
                    + "\n";
            default ->
                "<DOC>\n<DOCNO>"
                    + a.id()
                    + "</DOCNO>\n<URL>"
                    + a.url()
                    + "</URL>\n<SRC>"
                    + a.source()
                    + "</SRC>\n<TITLE>"
                    + a.title()
                    + "</TITLE>\n<TIME>"
                    + a.day()
                    + "</TIME>\n<TEXT>\n"
                    + a.body()
                    + "\n</TEXT>\n</DOC>\n";
          };
      firstInArray = false;
      w.write(record);
      long n = record.getBytes(StandardCharsets.UTF_8).length;
      inFile += n;
      return n;
    }

    static String jsonObject(Article a, ObjectMapper json) throws IOException {
      ObjectNode o = json.createObjectNode();
      o.put("id", a.id()).put("title", a.title()).put("content", a.body());
      o.put("date", a.day().toString()).put("url", a.url()).put("source", a.source());
      return json.writeValueAsString(o);
    }

    static String csv(String v) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    void close() throws IOException {
      if (w != null) {
        if (format.equals("json")) {
          w.write("\n]\n");
        }
        w.close();
        w = null;
      }
    }
  }
}
