package org.marsad.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * JSON documents: an array of objects (SaudiNewsNet's format), a single object, or objects one
 * after another. A scanner finds each top-level object by its braces (strings and escapes
 * respected) and keeps at most {@code maxRecordChars} of it, so one endless object costs that much
 * memory; Jackson then parses the object alone. A broken object is one reject and reading
 * resynchronises: when the object does not parse, or never closes, it is cut at the first place
 * inside it where one object ends and another begins ({@code }, {"}), and reading resumes there,
 * so a stray quote loses only its own object. Anything between objects that is not an object (a
 * number in the array, garbage) is one reject too.
 */
final class JsonReader extends RecordReader {
  private final ObjectMapper mapper;
  private final PushbackChars src;

  JsonReader(BufferedReader in, int maxRecordChars) {
    super(in, maxRecordChars);
    this.mapper = JsonSupport.mapper(maxRecordChars);
    this.src = new PushbackChars(in);
  }

  @Override
  protected RawRecord readNext() throws IOException {
    int c;
    do {
      c = src.read();
      if (c < 0) {
        return null;
      }
    } while (isSeparator(c));
    src.unread((char) c);
    return c == '{' ? object() : notAnObject();
  }

  /** Whitespace and the punctuation of an array between its objects. */
  private static boolean isSeparator(int c) {
    return c == ',' || c == '[' || c == ']' || Character.isWhitespace(c);
  }

  /** Text up to the next {@code {}: a value that is not an object, or garbage. */
  private RawRecord notAnObject() throws IOException {
    long at = src.offset();
    long line = src.line();
    StringBuilder kept = new StringBuilder();
    long length = 0;
    int c;
    while ((c = src.read()) >= 0 && c != '{') {
      if (kept.length() < RAW_KEPT) {
        kept.append((char) c);
      }
      length++;
    }
    if (c == '{') {
      src.unread('{');
    }
    String text = kept.toString().strip();
    while (!text.isEmpty() && isSeparator(text.charAt(text.length() - 1))) {
      text = text.substring(0, text.length() - 1);
    }
    return RawRecord.error(
        nextIndex++,
        text,
        RejectReason.MALFORMED_RECORD,
        "expected a JSON object, got `"
            + abbreviate(text)
            + "`"
            + where(line, at)
            + ", "
            + length
            + " chars skipped");
  }

  private RawRecord object() throws IOException {
    long at = src.offset();
    long line = src.line();
    StringBuilder kept = new StringBuilder();
    long length = 0;
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    Boundary boundary = new Boundary();
    int c;
    while ((c = src.read()) >= 0) {
      char ch = (char) c;
      if (length < maxRecordChars) {
        kept.append(ch);
        boundary.see(ch, kept.length() - 1);
      }
      length++;
      if (escaped) {
        escaped = false;
      } else if (inString) {
        if (ch == '\\') {
          escaped = true;
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{' || ch == '[') {
        depth++;
      } else if ((ch == '}' || ch == ']') && --depth == 0) {
        break;
      }
      if (length == maxRecordChars && boundary.first > 0) {
        // Past the cap with an object boundary inside: a broken object running on into the next
        // ones (a stray quote), not one huge record. Resume at the boundary.
        return cut(kept, boundary.first, line, at, "no end within " + maxRecordChars + " chars");
      }
    }
    if (c < 0) {
      String why = "unexpected end of input inside an object";
      return boundary.first > 0
          ? cut(kept, boundary.first, line, at, why)
          : broken(kept.toString(), line, at, length, why);
    }
    if (length > maxRecordChars) {
      // Only the head was kept: the rest was read past, never held.
      return RawRecord.error(
          nextIndex++,
          kept.toString(),
          RejectReason.TOO_LARGE,
          length + " chars > " + maxRecordChars + where(line, at));
    }
    String text = kept.toString();
    try {
      JsonNode node = mapper.readTree(text);
      return RawRecord.ok(nextIndex++, text, JsonSupport.fields(node));
    } catch (JsonProcessingException e) {
      return boundary.first > 0
          ? cut(kept, boundary.first, line, at, describe(e))
          : broken(text, line, at, length, describe(e));
    }
  }

  /** The broken object is what comes before {@code boundary}; the rest is read again. */
  private RawRecord cut(StringBuilder kept, int boundary, long line, long at, String why) {
    src.unread(kept.substring(boundary));
    return broken(kept.substring(0, boundary), line, at, boundary, why);
  }

  private RawRecord broken(String text, long line, long at, long length, String why) {
    return RawRecord.error(
        nextIndex++,
        text,
        RejectReason.MALFORMED_JSON,
        why + where(line, at) + ", " + length + " chars skipped");
  }

  private static String where(long line, long at) {
    return " at line " + line + " (char " + at + ")";
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** What a reject keeps of a value that is not an object. */
  private static final int RAW_KEPT = 4096;

  /**
   * Finds the first place in an object's text where, whatever the string state, one object closes
   * and the next opens: {@code }} then blanks, at most one comma, blanks, {@code {}, blanks and a
   * quote. Its value is the offset of that {@code {}.
   */
  private static final class Boundary {
    int first = -1;
    private int state; // 0 none, 1 after }, 2 after the comma, 3 after {
    private int open;

    void see(char ch, int pos) {
      if (first >= 0) {
        return;
      }
      switch (state) {
        case 1, 2 -> {
          if (ch == '{') {
            state = 3;
            open = pos;
          } else if (ch == ',' && state == 1) {
            state = 2;
          } else if (!Character.isWhitespace(ch)) {
            state = ch == '}' ? 1 : 0;
          }
        }
        case 3 -> {
          if (ch == '"') {
            first = open;
          } else if (!Character.isWhitespace(ch)) {
            state = ch == '}' ? 1 : 0;
          }
        }
        default -> state = ch == '}' ? 1 : 0;
      }
    }
  }
}
