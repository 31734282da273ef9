package org.marsad.ingest;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * One article per file, the seed article's format: the first non-blank line is the headline, the
 * rest is the body. Fields are {@code title} and {@code body}.
 */
final class PlainTextReader extends RecordReader {
  private boolean read;

  PlainTextReader(BufferedReader in, int maxRecordChars) {
    super(in, maxRecordChars);
  }

  @Override
  protected RawRecord readNext() throws IOException {
    if (read) {
      return null;
    }
    read = true;
    StringBuilder text = new StringBuilder();
    char[] buf = new char[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (text.length() + n > maxRecordChars) {
        return RawRecord.error(
            nextIndex++,
            text.toString(),
            RejectReason.TOO_LARGE,
            "file over " + maxRecordChars + " chars");
      }
      text.append(buf, 0, n);
    }
    if (text.toString().isBlank()) {
      return null;
    }
    String raw = text.toString();
    String s = raw.stripLeading();
    int nl = s.indexOf('\n');
    String title = (nl < 0 ? s : s.substring(0, nl)).strip();
    String body = nl < 0 ? "" : s.substring(nl + 1).strip();
    return RawRecord.ok(
        nextIndex++,
        raw,
        name ->
            switch (name) {
              case "title" -> title;
              case "body" -> body;
              default -> null;
            });
  }
}
