package org.marsad.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;

/** The lexicon matcher with the shipped catalog, on cases in {@code matcher-cases.tsv}. */
class LexiconMatcherTest {
  static Catalog catalog;
  static LexiconMatcher matcher;

  @BeforeAll
  static void load() {
    catalog = Catalog.load(MarsadConfig.load(null, List.of()));
    matcher = new LexiconMatcher(catalog);
  }

  static Stream<Arguments> cases() {
    var in = LexiconMatcherTest.class.getResourceAsStream("matcher-cases.tsv");
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("\t", -1))
        .map(f -> Arguments.of(f[3], f[0], f[1], f[2]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void finds(String note, String text, String day, String expected) {
    List<String> actual = new ArrayList<>();
    for (LexiconMatcher.Mention m : matcher.find(text, 0, text.length(), LocalDate.parse(day))) {
      actual.add(
          text.substring(m.start(), m.end())
              + "|"
              + m.entityId()
              + "|"
              + m.form()
              + "|"
              + m.rollupId());
    }
    List<String> want = expected.isBlank() ? List.of() : List.of(expected.split(" ; "));
    assertThat(actual).containsExactlyElementsOf(want);
  }

  @Test
  void catalogChecksClean() {
    assertThat(catalog.check()).noneMatch(p -> p.startsWith("error"));
    assertThat(catalog.entities()).containsKeys("Q794", "Q159", "Q43", "Q858", "Q30");
  }

  @Test
  void offsetsAlwaysPointIntoTheTextWhateverTheInput() {
    Random r = new Random(11);
    String[] pieces = {
      "إيران",
      "وروسيا",
      " ",
      ".",
      "؟",
      "\n",
      "ـ",
      "\u064B",
      "x",
      "😀",
      "\u200F",
      "تركيا",
      "الولايات",
      "المتحدة",
      "1",
      "٣",
      "\uFFFF",
      "ا"
    };
    for (int n = 0; n < 2000; n++) {
      StringBuilder b = new StringBuilder();
      for (int k = r.nextInt(40); k > 0; k--) {
        b.append(pieces[r.nextInt(pieces.length)]);
      }
      String text = b.toString();
      for (Segmenter.Sentence s : Segmenter.sentences(text)) {
        assertThat(s.start()).isBetween(0, s.end());
        assertThat(s.end()).isLessThanOrEqualTo(text.length());
        for (LexiconMatcher.Mention m : matcher.find(text, s.start(), s.end(), LocalDate.now())) {
          assertThat(m.start()).isGreaterThanOrEqualTo(s.start());
          assertThat(m.end()).isLessThanOrEqualTo(s.end()).isGreaterThan(m.start());
        }
      }
    }
  }

  @Test
  void tasksShareOneMatcherPerCatalogAndADifferentCatalogGetsItsOwn() throws Exception {
    // Each Spark task deserialises its own copy of the catalog: an equal copy.
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(catalog);
    }
    Catalog copy;
    try (var in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Catalog) in.readObject();
    }
    assertThat(copy).isNotSameAs(catalog).isEqualTo(catalog).hasSameHashCodeAs(catalog);
    LexiconMatcher first = LexiconMatcher.shared(catalog);
    assertThat(LexiconMatcher.shared(copy)).isSameAs(first);

    // Without Iran the shared matcher is rebuilt and no longer finds it.
    Catalog withoutIran =
        new Catalog(
            catalog.entities().values().stream().filter(e -> !e.id().equals("Q794")).toList());
    assertThat(withoutIran).isNotEqualTo(catalog);
    String text = "وصل وزير خارجية إيران إلى موسكو";
    LocalDate day = LocalDate.parse("2017-01-23");
    assertThat(LexiconMatcher.shared(withoutIran).find(text, 0, text.length(), day))
        .extracting(LexiconMatcher.Mention::entityId)
        .doesNotContain("Q794")
        .contains("Q649");
    assertThat(LexiconMatcher.shared(catalog).find(text, 0, text.length(), day))
        .extracting(LexiconMatcher.Mention::entityId)
        .contains("Q794", "Q649");

    // The order of entities breaks ties between names, so it is part of equality.
    List<org.marsad.catalog.Entity> reversed = new ArrayList<>(catalog.entities().values());
    java.util.Collections.reverse(reversed);
    assertThat(new Catalog(reversed)).isNotEqualTo(catalog);
  }
}
