package org.marsad.text;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.ar.ArabicNormalizer;

/**
 * Orthographically normalised word tokens, for comparing texts (exact-duplicate keys and
 * near-duplicate shingles): Lucene's {@link ArabicNormalizer} (alef forms, ة→ه, ى→ي, diacritics,
 * tatweel), Arabic-Indic digits to ASCII, Latin lower-cased, punctuation dropped.
 */
public final class ArabicTokens {
  private ArabicTokens() {}

  private static final ArabicNormalizer NORMALIZER = new ArabicNormalizer();

  /** The normalised tokens of {@code text}, in order. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    char[] buf = new char[64];
    int len = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      char d = mapDigit(c);
      if (Character.isLetterOrDigit(d) || Character.getType(d) == Character.NON_SPACING_MARK) {
        if (len == buf.length) {
          buf = java.util.Arrays.copyOf(buf, len * 2);
        }
        buf[len++] = Character.toLowerCase(d);
      } else if (len > 0) {
        // Tatweel is a letter (Lm) to Java, so it never splits a word; the normaliser drops it.
        int n = NORMALIZER.normalize(buf, len);
        if (n > 0) {
          out.add(new String(buf, 0, n));
        }
        len = 0;
      }
    }
    return out;
  }

  /** The tokens joined by single spaces: equal for texts that differ only in orthography. */
  public static String normalizedText(String text) {
    return String.join(" ", tokens(text));
  }

  /** Maps Arabic-Indic (U+0660..) and Eastern Arabic-Indic (U+06F0..) digits to ASCII. */
  public static char mapDigit(char c) {
    if (c >= '\u0660' && c <= '\u0669') {
      return (char) ('0' + (c - '\u0660'));
    }
    if (c >= '\u06F0' && c <= '\u06F9') {
      return (char) ('0' + (c - '\u06F0'));
    }
    return c;
  }

  /** {@code s} with every Arabic-Indic digit mapped to ASCII. */
  public static String asciiDigits(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char d = mapDigit(c);
      if (d != c) {
        if (b == null) {
          b = new StringBuilder(s);
        }
        b.setCharAt(i, d);
      }
    }
    return b == null ? s : b.toString();
  }
}
