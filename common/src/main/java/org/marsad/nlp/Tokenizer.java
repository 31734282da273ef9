package org.marsad.nlp;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.marsad.text.ArabicTokens;

/**
 * Splits text into words with offsets into the text as stored, and normalises each word for
 * matching: Lucene's {@link ArabicNormalizer} (alef forms, ة→ه, ى→ي, diacritics, tatweel),
 * Arabic-Indic digits to ASCII, Latin lower-cased. Offsets always point at the original characters,
 * so a mention's surface is exactly {@code text.substring(start, end)}.
 */
public final class Tokenizer {
  private Tokenizer() {}

  private static final ArabicNormalizer NORMALIZER = new ArabicNormalizer();

  /** Words are runs of letters, digits and combining marks (tatweel included). */
  static boolean isWordChar(char c) {
    // Fast paths for the characters news text is made of; the same answer as the general test.
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    if (c >= '\u0621' && c <= '\u0669') { // Arabic letters, tatweel, harakat, Arabic-Indic digits
      return true;
    }
    int t = Character.getType(c);
    return Character.isLetterOrDigit(c)
        || t == Character.NON_SPACING_MARK
        || t == Character.COMBINING_SPACING_MARK;
  }

  public static List<Token> tokenize(String text, int from, int to) {
    List<Token> out = new ArrayList<>();
    int i = from;
    char[] buf = new char[32];
    while (i < to) {
      if (!isWordChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < to && isWordChar(text.charAt(i))) {
        i++;
      }
      int len = i - start;
      if (buf.length < len) {
        buf = new char[len * 2];
      }
      for (int k = 0; k < len; k++) {
        char c = text.charAt(start + k);
        if (c < 0x80) {
          buf[k] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        } else if (c >= '\u0600' && c <= '\u06FF') { // Arabic has no case
          buf[k] = ArabicTokens.mapDigit(c);
        } else {
          buf[k] = Character.toLowerCase(c);
        }
      }
      int n = NORMALIZER.normalize(buf, len);
      if (n > 0) {
        out.add(new Token(start, i, new String(buf, 0, n)));
      }
    }
    return out;
  }

  public static List<Token> tokenize(String text) {
    return tokenize(text, 0, text.length());
  }

  /** The normalised form of a catalog name: its tokens joined by single spaces. */
  public static String normalize(String name) {
    StringBuilder b = new StringBuilder();
    for (Token t : tokenize(name)) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(t.norm());
    }
    return b.toString();
  }
}
