package org.marsad.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * JSON documents: an array of objects (SaudiNewsNet's format), a single object, or objects one
 * after another. Streams element by element. A syntax error ends the file: what follows it cannot
 * be trusted, so it becomes one {@code malformed_json} reject carrying the position.
 */
final class JsonReader extends RecordReader {
  private final ObjectMapper mapper;
  private JsonParser parser;
  private boolean inArray;
  private boolean finished;

  JsonReader(BufferedReader in, int maxRecordChars) {
    super(in, maxRecordChars);
    this.mapper = JsonSupport.mapper(maxRecordChars);
  }

  @Override
  protected RawRecord readNext() throws IOException {
    if (finished) {
      return null;
    }
    long before = nextIndex;
    try {
      if (parser == null) {
        parser = mapper.getFactory().createParser(in);
      }
      JsonToken t = parser.nextToken();
      if (t == null) {
        finished = true;
        if (inArray) {
          return fail("unexpected end of input inside the array");
        }
        return null;
      }
      if (!inArray && t == JsonToken.START_ARRAY) {
        inArray = true;
        t = parser.nextToken();
      }
      if (inArray && t == JsonToken.END_ARRAY) {
        inArray = false;
        return readNext(); // anything after the array is read as further documents
      }
      long index = nextIndex++;
      if (t == JsonToken.START_OBJECT) {
        JsonNode node = mapper.readTree(parser);
        String raw = node.toString();
        if (raw.length() > maxRecordChars) {
          return RawRecord.error(
              index, raw, RejectReason.TOO_LARGE, raw.length() + " chars > " + maxRecordChars);
        }
        return RawRecord.ok(index, raw, JsonSupport.fields(node));
      }
      if (t == JsonToken.START_ARRAY) {
        parser.skipChildren();
      }
      return RawRecord.error(
          index,
          parser.getText(),
          RejectReason.MALFORMED_RECORD,
          "expected a JSON object, got " + t);
    } catch (JsonProcessingException e) {
      finished = true;
      nextIndex = before; // the broken element and the rest of the file are one record
      return fail(describe(e) + locationOf(e));
    }
  }

  private RawRecord fail(String detail) {
    return RawRecord.error(nextIndex++, restOfInput(), RejectReason.MALFORMED_JSON, detail);
  }

  private static String locationOf(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /**
   * What is left unread (bounded), so the reject shows what was lost: first what the parser had
   * buffered past the error (for a small file, all of the rest), then the stream.
   */
  private String restOfInput() {
    StringBuilder rest = new StringBuilder();
    try {
      if (parser != null) {
        java.io.StringWriter buffered = new java.io.StringWriter();
        parser.releaseBuffered(buffered);
        rest.append(buffered);
      }
      char[] buf = new char[4096];
      int n;
      while (rest.length() < 4096 && (n = in.read(buf, 0, 4096 - rest.length())) > 0) {
        rest.append(buf, 0, n);
      }
    } catch (IOException e) {
      // keep what was read
    }
    return rest.length() > 4096 ? rest.substring(0, 4096) : rest.toString();
  }

  @Override
  public void close() throws IOException {
    if (parser != null) {
      parser.close();
    }
    super.close();
  }
}
