package org.marsad.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.marsad.config.MarsadConfig.InvalidConfigException;

/** Formats of raw dumps Marsad reads. */
public enum InputFormat {
  AUTO,
  /** One JSON object per line. */
  JSONL,
  /** A JSON array of objects, a single object, or concatenated objects. */
  JSON,
  /** Comma-separated with a header line. */
  CSV,
  /** Tab-separated with a header line. */
  TSV,
  /** TREC-like pseudo-XML: {@code <DOC><DOCNO>…<TEXT>…</TEXT></DOC>}, parsed leniently. */
  TREC,
  /** Plain text: headline line, blank line, body. */
  TEXT;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static InputFormat parse(String s) {
    try {
      return valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          "unknown format '"
              + s
              + "' (one of "
              + Arrays.stream(values()).map(InputFormat::code).collect(Collectors.joining(", "))
              + ")");
    }
  }
}
