package org.marsad.text;

import java.util.ArrayList;
import java.util.List;
import org.marsad.nlp.Token;
import org.marsad.nlp.Tokenizer;

/**
 * Orthographically normalised words as strings, for comparing texts (exact-duplicate keys,
 * near-duplicate shingles, written dates), and Arabic-Indic digit mapping. The words are those of
 * {@link Tokenizer}, the one tokenizer of the project.
 */
public final class ArabicTokens {
  private ArabicTokens() {}

  /** The normalised tokens of {@code text}, in order (the words of {@link Tokenizer}). */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (Token t : Tokenizer.tokenize(text)) {
      out.add(t.norm());
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
