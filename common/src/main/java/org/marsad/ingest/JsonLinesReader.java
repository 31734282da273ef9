package org.marsad.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

/** JSON Lines: one object per line; a bad line is one reject, and reading goes on. */
final class JsonLinesReader extends RecordReader {
  private final ObjectMapper mapper;
  private final BoundedLineReader lines;

  JsonLinesReader(BufferedReader in, int maxRecordChars) {
    super(in, maxRecordChars);
    this.mapper = JsonSupport.mapper(maxRecordChars);
    this.lines = new BoundedLineReader(in, maxRecordChars);
  }

  /** How many records {@link #readNext} would give, without parsing them (the same lines). */
  static long countRecords(BufferedReader in, int maxRecordChars) throws IOException {
    BoundedLineReader lines = new BoundedLineReader(in, maxRecordChars);
    long n = 0;
    BoundedLineReader.Line read;
    while ((read = lines.readLine()) != null) {
      if (read.cut() || !read.text().isBlank()) {
        n++;
      }
    }
    return n;
  }

  @Override
  protected RawRecord readNext() throws IOException {
    BoundedLineReader.Line read;
    do {
      read = lines.readLine();
      if (read == null) {
        return null;
      }
    } while (!read.cut() && read.text().isBlank());
    long index = nextIndex++;
    String line = read.text();
    if (read.length() > maxRecordChars) {
      // Only the first maxRecordChars were kept: the rest was read past, never held.
      return RawRecord.error(
          index, line, RejectReason.TOO_LARGE, read.length() + " chars > " + maxRecordChars);
    }
    try {
      JsonNode node = mapper.readTree(line);
      if (node == null || !node.isObject()) {
        return RawRecord.error(
            index,
            line,
            RejectReason.MALFORMED_RECORD,
            "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
      }
      return RawRecord.ok(index, line, JsonSupport.fields(node));
    } catch (JsonProcessingException e) {
      return RawRecord.error(index, line, RejectReason.MALFORMED_JSON, describe(e));
    }
  }
}
