package org.marsad.ingest;

import com.univocity.parsers.common.AbstractParser;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.tsv.TsvParser;
import com.univocity.parsers.tsv.TsvParserSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CSV (RFC 4180 quoting, fields spanning lines) or TSV with a header line, through univocity, the
 * parser Spark itself uses. A row whose width differs from the header's is rejected.
 */
final class DelimitedReader extends RecordReader {
  private final AbstractParser<?> parser;
  private final String reason;
  private String[] header;
  private Map<String, Integer> columns;
  private boolean started;

  DelimitedReader(BufferedReader in, int maxRecordChars, boolean tabs) {
    super(in, maxRecordChars);
    if (tabs) {
      TsvParserSettings s = new TsvParserSettings();
      configure(s, maxRecordChars);
      this.parser = new TsvParser(s);
    } else {
      CsvParserSettings s = new CsvParserSettings();
      configure(s, maxRecordChars);
      s.setNormalizeLineEndingsWithinQuotes(false);
      this.parser = new CsvParser(s);
    }
    this.reason = RejectReason.MALFORMED_CSV;
  }

  private static void configure(
      com.univocity.parsers.common.CommonParserSettings<?> s, int maxRecordChars) {
    s.setMaxCharsPerColumn(maxRecordChars + 1);
    s.setMaxColumns(4096);
    s.setSkipEmptyLines(true);
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setLineSeparatorDetectionEnabled(true);
  }

  @Override
  protected RawRecord readNext() throws IOException {
    if (!started) {
      started = true;
      parser.beginParsing(in);
      header = parser.parseNext();
      if (header == null) {
        return null;
      }
      columns = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        if (header[i] != null) {
          columns.putIfAbsent(header[i].strip(), i);
          columns.putIfAbsent(header[i].strip().toLowerCase(Locale.ROOT), i);
        }
      }
    }
    String[] row;
    try {
      row = parser.parseNext();
    } catch (TextParsingException e) {
      // univocity cannot resynchronise after a broken quote: the rest of the file is one reject.
      parser.stopParsing();
      return RawRecord.error(nextIndex++, e.getParsedContent(), reason, describe(e));
    }
    if (row == null) {
      return null;
    }
    long index = nextIndex++;
    String raw = parser.getContext().currentParsedContent();
    if (row.length != header.length) {
      return RawRecord.error(
          index, raw, reason, row.length + " fields where the header has " + header.length);
    }
    String[] values = row;
    return RawRecord.ok(
        index,
        raw,
        name -> {
          Integer i = columns.get(name);
          if (i == null) {
            i = columns.get(name.toLowerCase(Locale.ROOT));
          }
          return i == null ? null : values[i];
        });
  }

  @Override
  public void close() throws IOException {
    parser.stopParsing();
    super.close();
  }
}
