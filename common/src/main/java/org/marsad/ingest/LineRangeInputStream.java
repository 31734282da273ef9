package org.marsad.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * The bytes of the lines of a file that start in {@code [start, end)}: a line starts at 0 or after
 * a {@code \n}. A range that does not start at 0 skips the line in progress (the range before it
 * reads that line to its end, past its own end), so every line is read by exactly one range, as
 * Hadoop's line reader splits text files. {@code \n} never occurs inside a UTF-8 (or single-byte)
 * character, so the split is safe for any ASCII-compatible charset.
 */
final class LineRangeInputStream extends InputStream {
  private final InputStream in;
  private final long end;
  private long pos;
  private boolean done;

  LineRangeInputStream(FSDataInputStream raw, long start, long end) throws IOException {
    this.end = end;
    long from = start;
    if (start > 0) {
      raw.seek(start - 1);
      this.in = new BufferedInputStream(raw, 1 << 16);
      from = start - 1;
      int b;
      do {
        b = in.read();
        from++;
      } while (b >= 0 && b != '\n');
      done = b < 0 || from >= end;
    } else {
      raw.seek(0);
      this.in = new BufferedInputStream(raw, 1 << 16);
      done = end <= 0; // an empty range owns no line
    }
    this.pos = from;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    int n = in.read(b, off, len);
    if (n < 0) {
      done = true;
      return -1;
    }
    // Past end - 1, the range ends with the first line end: the next line starts at or after end.
    if (pos + n > end - 1) {
      for (int i = (int) Math.max(0, end - 1 - pos); i < n; i++) {
        if (b[off + i] == '\n') {
          done = true;
          pos += i + 1;
          return i + 1;
        }
      }
    }
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
