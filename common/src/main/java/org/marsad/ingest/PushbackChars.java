package org.marsad.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Characters of a reader, one at a time, with any amount of text pushed back to be read again (a
 * reader that resynchronises re-reads what followed a broken record), and the position of the next
 * character: its offset from the start and its line, both counting pushed-back text once.
 */
final class PushbackChars {
  private final Reader in;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int lim;
  private char[] back = new char[0];
  private int backPos;
  private long offset;
  private long line = 1;
  private boolean lastFromBack;

  PushbackChars(Reader in) {
    this.in = in;
  }

  /** The next character, or -1 at the end. */
  int read() throws IOException {
    char c;
    lastFromBack = backPos < back.length;
    if (lastFromBack) {
      c = back[backPos++];
    } else {
      if (pos == lim) {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
          return -1;
        }
        pos = 0;
        lim = n;
      }
      c = buf[pos++];
    }
    offset++;
    if (c == '\n') {
      line++;
    }
    return c;
  }

  /** Makes {@code text}, which was just read, the next characters to read. */
  void unread(CharSequence text) {
    int rest = back.length - backPos;
    char[] next = new char[text.length() + rest];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      next[i] = c;
      if (c == '\n') {
        line--;
      }
    }
    System.arraycopy(back, backPos, next, text.length(), rest);
    back = next;
    backPos = 0;
    offset -= text.length();
  }

  void unread(char c) {
    // The usual case: the character just read, stepped back over where it came from.
    if (lastFromBack && backPos > 0 && back[backPos - 1] == c) {
      backPos--;
      offset--;
      if (c == '\n') {
        line--;
      }
      return;
    }
    if (!lastFromBack && pos > 0 && buf[pos - 1] == c) {
      pos--;
      offset--;
      if (c == '\n') {
        line--;
      }
      return;
    }
    unread(String.valueOf(c));
  }

  /** Characters read so far (less those pushed back). */
  long offset() {
    return offset;
  }

  /** The line of the next character, from 1. */
  long line() {
    return line;
  }
}
