package org.marsad.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.extract.CombinedEngine;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.nlp.Segmenter;

/** The shipped NER model: its fast tables score what training scored, and any input is safe. */
class NerTaggerTest {
  static NerTagger tagger;
  static LexiconMatcher matcher;
  static CombinedEngine engine;

  static String text;
  static String fullName;
  static String surname;

  @BeforeAll
  static void load() throws Exception {
    List<String> lines =
        java.nio.file.Files.readAllLines(
                java.nio.file.Path.of(NerTaggerTest.class.getResource("tagger-case.tsv").toURI()))
            .stream()
            .filter(l -> !l.startsWith("#"))
            .toList();
    text = lines.get(0);
    fullName = lines.get(1);
    surname = lines.get(2);
    tagger = NerTagger.shared("ner/anercorp");
    Catalog catalog = Catalog.load(MarsadConfig.load(null, List.of()));
    matcher = new LexiconMatcher(catalog);
    engine = new CombinedEngine(matcher, tagger);
  }

  static List<NerSentence> doc(String text) {
    List<NerSentence> doc = new ArrayList<>();
    for (Segmenter.Sentence s : Segmenter.sentences(text)) {
      doc.add(
          NerSentence.of(
              text, s.start(), s.end(), matcher.find(text, s.start(), s.end(), LocalDate.now())));
    }
    return doc;
  }

  static void assertSameScores(float[] fast, float[] oracle) {
    assertThat(fast).hasSameSizeAs(oracle);
    for (int k = 0; k < fast.length; k++) {
      assertThat(fast[k]).as("score %d", k).isCloseTo(oracle[k], within(1e-3f));
    }
  }

  @Test
  void precomputedTablesGiveTheScoresOfTheFeaturesTrainingSaw() {
    List<NerSentence> doc = doc(text);
    List<String[]> stems = new ArrayList<>();
    List<int[]> first = new ArrayList<>();
    for (NerSentence s : doc) {
      assertSameScores(tagger.first().emissions(s), tagger.first().emissionsFeatureByFeature(s));
      stems.add(tagger.stems(s));
      first.add(tagger.first().tag(s));
    }
    DocumentFeatures.add(doc, stems, first, NerTagger.WINDOW);
    for (NerSentence s : doc) {
      assertSameScores(tagger.second().emissions(s), tagger.second().emissionsFeatureByFeature(s));
    }
  }

  @Test
  void bothStagesTablesFromOnePassEqualEachModelsOwn() {
    List<String> words = new ArrayList<>(List.of(NerFeatures.BEFORE, NerFeatures.AFTER));
    for (NerSentence s : doc(text)) {
      for (int i = 0; i < s.size(); i++) {
        words.add(s.norm(i));
      }
    }
    for (String w : words) {
      float[][] t = tagger.tables(w);
      assertSameScores(t[0], tagger.first().wordTable(w));
      assertSameScores(t[1], tagger.second().wordTable(w));
    }
  }

  @Test
  void findsNamesTheCatalogDoesNotHaveAndLinksTheSurname() {
    List<CombinedEngine.Span> spans = new ArrayList<>();
    for (Segmenter.Sentence s : Segmenter.sentences(text)) {
      spans.add(new CombinedEngine.Span(text, s.start(), s.end()));
    }
    CombinedEngine.Found found = engine.find(spans, LocalDate.parse("2017-01-23"));
    List<String> surfaces = new ArrayList<>();
    String fullId = null;
    String surnameId = null;
    for (List<LexiconMatcher.Mention> sentence : found.mentions()) {
      for (LexiconMatcher.Mention m : sentence) {
        String surface = text.substring(m.start(), m.end());
        surfaces.add(surface + "/" + m.entityType());
        if (surface.equals(fullName)) {
          fullId = m.entityId();
        } else if (surface.equals(surname)) {
          surnameId = m.entityId();
        }
      }
    }
    assertThat(surfaces).contains(fullName + "/PERSON");
    assertThat(fullId).startsWith("ner:PERS:");
    assertThat(surnameId).as("mentions %s", surfaces).isEqualTo(fullId);
  }

  @Test
  void anyInputTagsWithoutErrorAndNamesStayInsideTheirSentence() {
    Random r = new Random(17);
    String[] pieces = {
      "محمد", "بن", "سلمان", "ولي", "العهد", "شركة", "وزارة", " ", ".", "؟", "\n", "ـ", "\u064B",
      "x", "Obama", "😀", "\u200F", "تركيا", "1234567890", "٣", "\uFFFF", "\uD800", "!!!", "ا", "و"
    };
    for (int n = 0; n < 1500; n++) {
      StringBuilder b = new StringBuilder();
      int length = n % 100 == 0 ? 3000 : r.nextInt(60); // now and then one huge sentence
      for (int k = length; k > 0; k--) {
        b.append(pieces[r.nextInt(pieces.length)]);
        if (n % 100 == 0) {
          b.append(' ');
        }
      }
      String text = b.toString();
      List<CombinedEngine.Span> spans = new ArrayList<>();
      for (Segmenter.Sentence s : Segmenter.sentences(text)) {
        spans.add(new CombinedEngine.Span(text, s.start(), s.end()));
      }
      CombinedEngine.Found found = engine.find(spans, LocalDate.now());
      for (int k = 0; k < spans.size(); k++) {
        for (LexiconMatcher.Mention m : found.mentions().get(k)) {
          assertThat(m.start()).isGreaterThanOrEqualTo(spans.get(k).start());
          assertThat(m.end()).isLessThanOrEqualTo(spans.get(k).end()).isGreaterThan(m.start());
        }
      }
    }
    assertThat(engine.find(List.of(), LocalDate.now()).mentions()).isEmpty();
  }
}
