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

  /**
   * The words of {@code text[from, to)} into {@code out} (cleared first). The span is copied once
   * into a char array, and words are normalised in a scratch buffer: no String per word.
   */
  public static void scan(String text, int from, int to, Words out) {
    out.clear();
    int length = to - from;
    char[] src = out.source(length);
    text.getChars(from, to, src, 0);
    char[] buf = out.scratch;
    int i = 0;
    while (i < length) {
      if (!isWordChar(src[i])) {
        i++;
        continue;
      }
      int start = i;
      while (i < length && isWordChar(src[i])) {
        i++;
      }
      int len = i - start;
      if (buf.length < len) {
        buf = new char[len * 2];
        out.scratch = buf;
      }
      for (int k = 0; k < len; k++) {
        char c = src[start + k];
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
        out.add(from + start, from + i, buf, n);
      }
    }
  }

  public static List<Token> tokenize(String text, int from, int to) {
    Words words = new Words();
    scan(text, from, to, words);
    List<Token> out = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      out.add(new Token(words.start(i), words.end(i), words.norm(i)));
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
