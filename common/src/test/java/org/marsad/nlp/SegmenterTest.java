package org.marsad.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {
  private static List<String> split(String text) {
    return Segmenter.sentences(text).stream()
        .map(s -> s.paragraph() + ":" + s.index() + ":" + text.substring(s.start(), s.end()))
        .toList();
  }

  @Test
  void splitsOnArabicAndLatinTerminalsAndLines() {
    // U+061F Arabic question mark, U+061B Arabic semicolon
    String t = "One two. Three four\u061F Five six\u061B Seven\nEight nine! Ten 3.5 kg. End";
    assertThat(split(t))
        .containsExactly(
            "0:0:One two.",
            "0:1:Three four\u061F",
            "0:2:Five six\u061B",
            "0:3:Seven",
            "1:0:Eight nine!",
            "1:1:Ten 3.5 kg.",
            "1:2:End");
  }

  @Test
  void abbreviationsAndQuotesDoNotBreakSentences() {
    // A lone letter before a dot is an abbreviation (as Arabic writes د. for doctor).
    assertThat(split("Met d. Karim today. \"Done.\" Next"))
        .containsExactly("0:0:Met d. Karim today.", "0:1:\"Done.\"", "0:2:Next");
  }

  @Test
  void emptyLinesAndPunctuationOnlyAreNotSentences() {
    assertThat(split("\n\n...\n  \nA")).containsExactly("0:0:A");
    assertThat(split("")).isEmpty();
  }
}
