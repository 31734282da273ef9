package org.marsad.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine} ({@code \n}, {@code \r} or {@code
 * \r\n} end one) but keeps at most {@code max} characters of each: a longer line is read to its
 * end and dropped, with its length counted, so one endless line (a decompression bomb) costs
 * {@code max} characters of memory, not its size, and the lines after it are still read.
 */
final class BoundedLineReader {
  /** A line: its text (the first {@code max} characters when cut) and its whole length. */
  record Line(String text, long length) {
    boolean cut() {
      return length > text.length();
    }
  }

  private final Reader in;
  private final int max;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int lim;
  private boolean skipLf;

  BoundedLineReader(Reader in, int max) {
    this.in = in;
    this.max = max;
  }

  /** The next line, or null at the end of the input. */
  Line readLine() throws IOException {
    StringBuilder text = new StringBuilder();
    long length = 0;
    boolean any = false;
    while (true) {
      if (pos == lim) {
        lim = in.read(buf, 0, buf.length);
        pos = 0;
        if (lim <= 0) {
          lim = 0;
          return any ? new Line(text.toString(), length) : null;
        }
      }
      if (skipLf) {
        skipLf = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      any = true;
      int start = pos;
      while (pos < lim && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      int n = pos - start;
      int keep = (int) Math.min(n, Math.max(0, max - length));
      text.append(buf, start, keep);
      length += n;
      if (pos < lim) {
        skipLf = buf[pos] == '\r';
        pos++;
        return new Line(text.toString(), length);
      }
    }
  }
}
