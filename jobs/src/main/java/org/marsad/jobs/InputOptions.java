package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import picocli.CommandLine.Option;

/** What to ingest and how to read it: the options {@code ingest} and {@code pipeline} share. */
public final class InputOptions {
  @Option(
      names = "--input",
      paramLabel = "PATH",
      required = true,
      arity = "1..*",
      description =
          "Files, directories (read recursively) or globs; .gz and .bz2 are undone. {ds},"
              + " {ds_nodash}, {yyyy}, {mm} and {dd} are expanded for each day of --from..--to"
              + " (a daily run reads only its day's files: 'dumps/{ds}/*.json.gz').")
  List<String> inputs;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "auto, jsonl, json, csv, tsv, trec or text (default: ingest.format, auto).")
  String format;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Source mapping in conf/sources/ (default: ingest.source, 'default').")
  String source;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      description =
          "auto, utf-8, windows-1256 or any Java charset (default: ingest.encoding, auto).")
  String encoding;

  /** The ingest settings these options select (validated: bad values fail before Spark). */
  IngestSettings settings(Config config) {
    return IngestSettings.from(config, format, encoding, source, IngestSettings.todayUtc());
  }

  /**
   * The input files (names and sizes only), date fields expanded for {@code from .. to}; a missing
   * input fails here.
   */
  List<InputFile> files(java.time.LocalDate from, java.time.LocalDate to) {
    return InputLister.list(inputs, new Configuration(), from, to);
  }
}
