package org.marsad.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextCleanerTest {
  private static final Pattern ESCAPE = Pattern.compile("\\\\(u[0-9A-Fa-f]{4}|n|r|t)");

  static String unescape(String s) {
    Matcher m = ESCAPE.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r =
          switch (e.charAt(0)) {
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            default -> String.valueOf((char) Integer.parseInt(e.substring(1), 16));
          };
      m.appendReplacement(b, Matcher.quoteReplacement(r));
    }
    m.appendTail(b);
    return b.toString();
  }

  static Stream<Arguments> cases() {
    var in = TextCleanerTest.class.getResourceAsStream("cleaner-cases.tsv");
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("\t", -1))
        .map(f -> Arguments.of(f[2], unescape(f[0]), unescape(f[1])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void cleans(String note, String input, String expected) {
    assertThat(TextCleaner.clean(input)).isEqualTo(expected);
  }

  @Test
  void nullAndEmptyBecomeEmpty() {
    assertThat(TextCleaner.clean(null)).isEmpty();
    assertThat(TextCleaner.clean("   \n\t ")).isEmpty();
  }

  @Test
  void arabicShareCountsLettersOnly() {
    assertThat(ArabicScript.arabicShare("abc 123")).isZero();
    assertThat(ArabicScript.arabicShare("")).isZero();
    // two Arabic letters (U+0645 U+0646), two Latin: half
    assertThat(ArabicScript.arabicShare("\u0645\u0646 ab, 42!")).isEqualTo(0.5);
  }

  @Test
  void tokensAreNormalisedForComparison() {
    // alef with hamza (U+0623) and bare alef (U+0627) forms compare equal; diacritics and
    // tatweel vanish; Arabic-Indic digits become ASCII; punctuation splits.
    String a = "\u0623\u062D\u0645\u064E\u062F\u060C \u0661\u0662";
    String b = "\u0627\u062D\u0640\u0645\u062F 12";
    assertThat(ArabicTokens.tokens(a)).isEqualTo(ArabicTokens.tokens(b)).hasSize(2);
    assertThat(ArabicTokens.tokens(b).get(1)).isEqualTo("12");
  }
}
