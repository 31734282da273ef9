package org.marsad.nlp;

import java.util.Arrays;

/**
 * The words of one span of text, as {@link Tokenizer#scan} finds them: each word's offsets into the
 * text and its normalised form, kept side by side in one char buffer. The matcher looks words up by
 * their chars; a word's String is made only when a rule asks for it. Reused from sentence to
 * sentence by one thread.
 */
public final class Words {
  /** Buffers grown past this by one long sentence are dropped at the next {@link #clear}. */
  private static final int KEEP = 1 << 16;

  private int size;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int[] normStarts = new int[64];
  private int[] normLengths = new int[64];
  private String[] norms = new String[64];
  private char[] chars = new char[1024];
  private int charsUsed;
  private char[] source = new char[1024];

  /** {@link Tokenizer}'s buffer for normalising one word (Lucene's normaliser works from 0). */
  char[] scratch = new char[64];

  public int size() {
    return size;
  }

  /** Offset of word {@code i}'s first char in the text. */
  public int start(int i) {
    return starts[i];
  }

  /** Offset just after word {@code i}'s last char in the text. */
  public int end(int i) {
    return ends[i];
  }

  /** The buffer holding every word's normalised chars. */
  public char[] chars() {
    return chars;
  }

  public int normStart(int i) {
    return normStarts[i];
  }

  public int normLength(int i) {
    return normLengths[i];
  }

  /** Word {@code i}'s normalised form as a String (made on first use). */
  public String norm(int i) {
    String s = norms[i];
    if (s == null) {
      s = new String(chars, normStarts[i], normLengths[i]);
      norms[i] = s;
    }
    return s;
  }

  void clear() {
    Arrays.fill(norms, 0, size, null);
    size = 0;
    charsUsed = 0;
    if (chars.length > KEEP) {
      chars = new char[1024];
    }
    if (source.length > KEEP) {
      source = new char[1024];
    }
    if (scratch.length > KEEP) {
      scratch = new char[64];
    }
    if (starts.length > KEEP) {
      starts = new int[64];
      ends = new int[64];
      normStarts = new int[64];
      normLengths = new int[64];
      norms = new String[64];
    }
  }

  /** A buffer for the {@code length} chars of the span being scanned. */
  char[] source(int length) {
    if (source.length < length) {
      source = new char[Math.max(length, source.length * 2)];
    }
    return source;
  }

  /** Appends a word whose normalised form is {@code norm[0, length)}. */
  void add(int start, int end, char[] norm, int length) {
    if (size == starts.length) {
      int n = size * 2;
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
      normStarts = Arrays.copyOf(normStarts, n);
      normLengths = Arrays.copyOf(normLengths, n);
      norms = Arrays.copyOf(norms, n);
    }
    if (charsUsed + length > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(charsUsed + length, chars.length * 2));
    }
    System.arraycopy(norm, 0, chars, charsUsed, length);
    starts[size] = start;
    ends[size] = end;
    normStarts[size] = charsUsed;
    normLengths[size] = length;
    charsUsed += length;
    size++;
  }
}
