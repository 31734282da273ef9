package org.marsad.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.junit.jupiter.api.Test;
import org.marsad.text.ArabicTokens;

class TokenizerTest {
  /**
   * The tokenizer as first written, one String per word by charAt: {@link Tokenizer#scan} must find
   * exactly these words, offsets and normalised forms.
   */
  static List<Token> reference(String text, int from, int to) {
    ArabicNormalizer normalizer = new ArabicNormalizer();
    List<Token> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      if (!Tokenizer.isWordChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < to && Tokenizer.isWordChar(text.charAt(i))) {
        i++;
      }
      char[] buf = new char[i - start];
      for (int k = 0; k < buf.length; k++) {
        char c = text.charAt(start + k);
        buf[k] =
            c >= '\u0600' && c <= '\u06FF' ? ArabicTokens.mapDigit(c) : Character.toLowerCase(c);
      }
      int n = normalizer.normalize(buf, buf.length);
      if (n > 0) {
        out.add(new Token(start, i, new String(buf, 0, n)));
      }
    }
    return out;
  }

  static List<Token> scanned(Words words, String text, int from, int to) {
    Tokenizer.scan(text, from, to, words);
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String fromChars = new String(words.chars(), words.normStart(i), words.normLength(i));
      assertThat(words.norm(i)).isEqualTo(fromChars);
      out.add(new Token(words.start(i), words.end(i), words.norm(i)));
    }
    return out;
  }

  @Test
  void scanFindsTheWordsOfTheReferenceTokenizer() {
    Words words = new Words(); // one buffer for every span, as a thread reuses it
    List<String> texts =
        List.of(
            "",
            "   ",
            "وبإيران، والإيرانيون: طهـــران تتقرب من موسكو!",
            "Putin met ERDOGAN in 2019; ٢٠١٩ و۱۴۰۰.",
            "أَسْتَانَا آستانة أستانة",
            "\u0640\u0640\u0640 \u064b\u064c", // tatweel and harakat alone normalise to nothing
            "word\uD83D\uDE00emoji \uD800 lone surrogate",
            // a word longer than the scratch buffer, more words than the arrays, then short again
            "ا".repeat(100_000) + " " + "ب ".repeat(70_000),
            "روسيا وتركيا");
    for (String t : texts) {
      assertThat(scanned(words, t, 0, t.length())).isEqualTo(reference(t, 0, t.length()));
      if (t.length() > 4) {
        int from = 2;
        int to = t.length() - 2;
        assertThat(scanned(words, t, from, to)).isEqualTo(reference(t, from, to));
      }
    }
  }

  @Test
  void scanAgreesWithTheReferenceOnRandomTextFromEveryBlock() {
    Random random = new Random(20261130);
    Words words = new Words();
    for (int round = 0; round < 2000; round++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(200);
      for (int k = 0; k < n; k++) {
        char c =
            switch (random.nextInt(4)) {
              case 0 -> (char) (0x0600 + random.nextInt(0x100)); // Arabic
              case 1 -> (char) (0x20 + random.nextInt(0x60)); // ASCII
              case 2 -> ' ';
              default -> (char) random.nextInt(0x10000); // anything, surrogates included
            };
        b.append(c);
      }
      String t = b.toString();
      int from = t.isEmpty() ? 0 : random.nextInt(t.length());
      int to = from + random.nextInt(t.length() - from + 1);
      assertThat(scanned(words, t, from, to)).isEqualTo(reference(t, from, to));
    }
  }
}
