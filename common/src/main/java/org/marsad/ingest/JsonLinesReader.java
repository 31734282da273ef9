package org.marsad.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

/** JSON Lines: one object per line; a bad line is one reject, and reading goes on. */
final class JsonLinesReader extends RecordReader {
  private final ObjectMapper mapper;

  JsonLinesReader(BufferedReader in, int maxRecordChars) {
    super(in, maxRecordChars);
    this.mapper = JsonSupport.mapper(maxRecordChars);
  }

  @Override
  protected RawRecord readNext() throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        return null;
      }
    } while (line.isBlank());
    long index = nextIndex++;
    if (line.length() > maxRecordChars) {
      return RawRecord.error(
          index, line, RejectReason.TOO_LARGE, line.length() + " chars > " + maxRecordChars);
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
