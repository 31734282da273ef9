package org.marsad.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.nlp.Token;
import org.marsad.nlp.Tokenizer;

/** Names to ids: one id per normalised name, the catalog's precedence, surnames. */
class NameLinkerTest {
  static final NerFeatures FEATURES = new NerFeatures(WordClusters.NONE, Map.of(), null);

  static List<List<String>> groups() throws Exception {
    Path p = Path.of(NameLinkerTest.class.getResource("name-keys.tsv").toURI());
    List<List<String>> out = new ArrayList<>();
    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(List.of(line.split("\\|")));
      }
    }
    return out;
  }

  static String[] norms(String name) {
    return Tokenizer.tokenize(name).stream().map(Token::norm).toArray(String[]::new);
  }

  @Test
  void spellingsProcliticsAndDiacriticsOfANameGiveOneIdAndOtherNamesOthers() throws Exception {
    Set<String> ids = new HashSet<>();
    for (List<String> group : groups()) {
      Set<String> keys = new HashSet<>();
      for (String name : group) {
        keys.add(NameLinker.key(FEATURES, norms(name)));
      }
      assertThat(keys).as("keys of %s", group).hasSize(1);
      String id = NameLinker.id("ORG", keys.iterator().next());
      assertThat(id).matches("ner:ORG:[0-9a-f]{12}");
      ids.add(id);
    }
    assertThat(ids).hasSize(groups().size());
    // The type is part of the id: the same name as a person is another entity.
    String key = NameLinker.key(FEATURES, norms(groups().get(2).get(0)));
    assertThat(NameLinker.id("PERS", key)).isNotEqualTo(NameLinker.id("ORG", key));
  }

  /** A sentence's name, found by a fake model: characters [start, end) of the text. */
  static NameLinker.Name name(String text, String words, String type) {
    int start = text.indexOf(words);
    return new NameLinker.Name(start, start + words.length(), type, norms(words));
  }

  @Test
  void catalogMatchesWinSurnamesJoinTheirFullNameAndMiscIsNotWritten() throws Exception {
    List<String> g = groups().stream().flatMap(List::stream).toList();
    String full = g.get(9); // a person's full name
    String surname = full.substring(full.indexOf(' ') + 1);
    String org = g.get(0);
    String first = full + " " + org; // sentence 1: the person, and an ORG the catalog has
    String second = surname + " " + g.get(13); // sentence 2: the surname, and a MISC name
    LexiconMatcher.Mention catalogOrg =
        new LexiconMatcher.Mention(first.indexOf(org), first.length(), "Q1065", "ORG", "name", "Q1065");
    List<List<LexiconMatcher.Mention>> catalog = List.of(List.of(catalogOrg), List.of());
    List<List<NameLinker.Name>> names =
        List.of(
            List.of(name(first, full, "PERS"), name(first, org, "ORG")),
            List.of(name(second, surname, "LOC"), name(second, g.get(13), "MISC")));
    List<List<LexiconMatcher.Mention>> linked = NameLinker.link(FEATURES, catalog, names);
    // Sentence 1: the person only; the ORG overlaps the catalog's match and merges into it.
    assertThat(linked.get(0)).hasSize(1);
    LexiconMatcher.Mention person = linked.get(0).get(0);
    assertThat(person.entityType()).isEqualTo("PERSON");
    assertThat(person.form()).isEqualTo(NameLinker.FORM);
    assertThat(person.rollupId()).isEqualTo(person.entityId());
    assertThat(person.entityId()).isEqualTo(NameLinker.id("PERS", NameLinker.key(FEATURES, norms(full))));
    // Sentence 2: the lone surname is that person (even typed LOC by the model); MISC is dropped.
    assertThat(linked.get(1)).hasSize(1);
    assertThat(linked.get(1).get(0).entityId()).isEqualTo(person.entityId());
    assertThat(linked.get(1).get(0).entityType()).isEqualTo("PERSON");
  }

  @Test
  void aLoneGivenNameTypedPersonJoinsTheOnePersonItStartsButNotWhenTypedAsAPlace() throws Exception {
    List<String> g = groups().stream().flatMap(List::stream).toList();
    String full = g.get(9); // a person's full name
    String given = full.substring(0, full.indexOf(' '));
    List<List<NameLinker.Name>> names =
        List.of(
            List.of(name(full, full, "PERS")),
            List.of(name(given, given, "PERS")),
            List.of(name(given, given, "LOC")));
    List<List<LexiconMatcher.Mention>> none = List.of(List.of(), List.of(), List.of());
    List<List<LexiconMatcher.Mention>> linked = NameLinker.link(FEATURES, none, names);
    String person = linked.get(0).get(0).entityId();
    assertThat(linked.get(1).get(0).entityId()).isEqualTo(person);
    assertThat(linked.get(2).get(0).entityId()).isNotEqualTo(person);
    assertThat(linked.get(2).get(0).entityType()).isEqualTo("LOCATION");
  }
}
