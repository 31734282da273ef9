package org.marsad.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.marsad.ingest.FileIngestor;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import org.marsad.ingest.InputFormat;

/**
 * Splits each large uncompressed JSON Lines file into byte ranges that tasks read at once. Records
 * keep the numbers a one-task read gives them (ids of same-source copies and the choice of the
 * first copy depend on them): a first pass counts the records of each range in parallel, without
 * parsing them, and each range numbers its records from the count of the ranges before it.
 */
final class InputSplitter {
  private InputSplitter() {}

  static boolean splittable(InputFile f, IngestSettings s) {
    String n = f.name().toLowerCase(Locale.ROOT);
    boolean jsonLines = n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".jl");
    return jsonLines
        && (s.format() == InputFormat.AUTO || s.format() == InputFormat.JSONL)
        && f.size() > s.splitBytes()
        && f.size() <= s.maxFileBytes(); // a file past its cap is read whole, to stop at the cap
  }

  static List<InputFile> split(
      JavaSparkContext jsc, List<InputFile> files, IngestSettings s, Map<String, String> conf) {
    List<InputFile> out = new ArrayList<>();
    List<InputFile> ranges = new ArrayList<>();
    Configuration hadoop = new Configuration(false);
    conf.forEach(hadoop::set);
    for (InputFile f : files) {
      if (!splittable(f, s)) {
        out.add(f);
        continue;
      }
      String charset;
      try {
        charset = FileIngestor.charsetOf(f, hadoop, s.encoding());
      } catch (IOException e) {
        out.add(f); // unreadable: the whole-file path reports it
        continue;
      }
      if (charset.startsWith("UTF-16") || charset.startsWith("UTF-32")) {
        out.add(f); // a \n byte may sit inside a character
        continue;
      }
      int parts = (int) Math.min(4096, (f.size() + s.splitBytes() - 1) / s.splitBytes());
      for (int i = 0; i < parts; i++) {
        ranges.add(f.range(f.size() * i / parts, f.size() * (i + 1) / parts, 0, charset));
      }
    }
    if (ranges.isEmpty()) {
      return files;
    }
    int max = s.maxRecordChars();
    List<Long> counts =
        jsc.parallelize(ranges, ranges.size())
            .map(
                r -> {
                  try {
                    return FileIngestor.countRecords(r, conf, max);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .collect();
    long first = 0;
    String file = null;
    for (int i = 0; i < ranges.size(); i++) {
      InputFile r = ranges.get(i);
      if (!r.path().equals(file)) {
        file = r.path();
        first = 0;
      }
      out.add(r.range(r.start(), r.end(), first, r.charset()));
      first += counts.get(i);
    }
    return out;
  }
}
