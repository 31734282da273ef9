package org.marsad.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.marsad.catalog.Catalog;
import org.marsad.catalog.Entity;
import org.marsad.extract.CombinedEngine;
import org.marsad.ner.ConllCorpus;
import org.marsad.ner.ConllScorer;
import org.marsad.ner.NameLinker;
import org.marsad.ner.NerSentence;
import org.marsad.ner.NerTagger;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.nlp.Segmenter;

/**
 * Precision, recall and F1 of the lexicon engine against gold annotations: per mention (exact span
 * and entity), per document (the set of rolled-up entities), and against a CoNLL-style NER corpus
 * such as ANERcorp (exact token spans per LOC/PERS/ORG).
 */
public final class MentionEvaluation {
  private MentionEvaluation() {}

  /** True and false positives and false negatives, and the scores they give. */
  public static final class Counts {
    public long tp;
    public long fp;
    public long fn;

    public double precision() {
      return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  /**
   * Scores by level ("mention", "document", "conll") and by group within it; {@code errors} counts
   * missed ("fn TYPE text") and spurious ("fp TYPE text") spans, for error analysis.
   */
  public record Result(
      Map<String, Map<String, Counts>> levels, Map<String, Long> notes, Map<String, Long> errors) {
    /** The {@code n} most frequent errors, most frequent first. */
    public List<Map.Entry<String, Long>> topErrors(int n) {
      return errors.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(n)
          .toList();
    }
  }

  private static Counts at(Map<String, Map<String, Counts>> levels, String level, String group) {
    return levels
        .computeIfAbsent(level, k -> new TreeMap<>())
        .computeIfAbsent(group, k -> new Counts());
  }

  /**
   * Mention-level groups of an entity: its type, and "countries, capitals, leaders" if it is one.
   */
  static List<String> groups(Catalog catalog, String entityId) {
    Entity e = catalog.get(entityId);
    List<String> g = new ArrayList<>();
    g.add("all");
    g.add("type:" + (e == null ? "UNKNOWN" : e.type()));
    if (e != null
        && (e.type().equals("COUNTRY") || e.capitalOf() != null || !e.roles().isEmpty())) {
      g.add("countries, capitals, leaders");
    }
    return g;
  }

  /**
   * Gold in JSON Lines: {@code {"id", "text", "date"?, "mentions": [{"start", "end",
   * "entity_id"}]}} (mention and document level) or {@code {"id", "text", "date"?, "entities":
   * [...]}} (document level only).
   */
  public static Result evaluateJsonl(Path gold, Catalog catalog) throws IOException {
    return evaluateJsonl(gold, catalog, lexiconJsonl(new LexiconMatcher(catalog)));
  }

  /** The lexicon engine on gold texts, sentence by sentence. */
  public static Predictor lexiconJsonl(LexiconMatcher matcher) {
    return (id, text, day) -> {
      List<LexiconMatcher.Mention> out = new ArrayList<>();
      for (Segmenter.Sentence s : Segmenter.sentences(text)) {
        out.addAll(matcher.find(text, s.start(), s.end(), day));
      }
      return out;
    };
  }

  /** The combined engine on gold texts: each text one document, segmented as extract does. */
  public static Predictor combinedJsonl(CombinedEngine engine) {
    return (id, text, day) -> {
      List<CombinedEngine.Span> spans = new ArrayList<>();
      for (Segmenter.Sentence s : Segmenter.sentences(text)) {
        spans.add(new CombinedEngine.Span(text, s.start(), s.end()));
      }
      List<LexiconMatcher.Mention> out = new ArrayList<>();
      engine.find(spans, day).mentions().forEach(out::addAll);
      return out;
    };
  }

  /** What an engine finds in one gold text. */
  @FunctionalInterface
  public interface Predictor {
    List<LexiconMatcher.Mention> predict(String id, String text, LocalDate day);
  }

  /** {@link #evaluateJsonl(Path, Catalog)} for any engine. */
  public static Result evaluateJsonl(Path gold, Catalog catalog, Predictor predictor)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Map<String, Counts>> levels = new TreeMap<>();
    Map<String, Long> notes = new TreeMap<>();
    Map<String, Long> errors = new TreeMap<>();
    try (BufferedReader in = Files.newBufferedReader(gold, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode doc = json.readTree(line);
        String text = doc.get("text").asText();
        LocalDate day = doc.hasNonNull("date") ? LocalDate.parse(doc.get("date").asText()) : null;
        // Gold "unlinked" spans are real names without a checked QID: what the engine finds inside
        // one is neither right nor wrong, so it is left out of both levels.
        List<int[]> unlinked = new ArrayList<>();
        if (doc.has("unlinked")) {
          doc.get("unlinked")
              .forEach(u -> unlinked.add(new int[] {u.get("start").asInt(), u.get("end").asInt()}));
        }
        List<LexiconMatcher.Mention> found = predictor.predict(doc.get("id").asText(), text, day);
        // Names the NER model found beyond the catalog have no QID the gold could name: counted,
        // not scored.
        List<LexiconMatcher.Mention> all =
            found.stream().filter(m -> !m.form().equals(NameLinker.FORM)).toList();
        notes.merge("ner_names_not_scored", (long) found.size() - all.size(), Long::sum);
        List<LexiconMatcher.Mention> predicted =
            all.stream()
                .filter(m -> unlinked.stream().noneMatch(u -> m.start() < u[1] && u[0] < m.end()))
                .toList();
        notes.merge("ignored_in_unlinked_spans", (long) all.size() - predicted.size(), Long::sum);
        notes.merge("documents", 1L, Long::sum);
        Set<String> predictedDoc = new HashSet<>();
        predicted.forEach(m -> predictedDoc.add(m.rollupId()));
        Set<String> goldDoc = new HashSet<>();
        if (doc.has("mentions")) {
          Set<String> goldSpans = new HashSet<>();
          for (JsonNode m : doc.get("mentions")) {
            String id = m.get("entity_id").asText();
            goldSpans.add(m.get("start").asInt() + ":" + m.get("end").asInt() + ":" + id);
            goldDoc.add(catalog.rollup(id, day));
          }
          notes.merge("gold_mentions", (long) goldSpans.size(), Long::sum);
          Set<String> predSpans = new HashSet<>();
          for (LexiconMatcher.Mention m : predicted) {
            String key = m.start() + ":" + m.end() + ":" + m.entityId();
            predSpans.add(key);
            if (!goldSpans.contains(key)) {
              errors.merge(
                  "fp "
                      + m.entityId()
                      + " "
                      + text.substring(m.start(), m.end())
                      + " ("
                      + doc.get("id").asText()
                      + ")",
                  1L,
                  Long::sum);
            }
            for (String g : groups(catalog, m.entityId())) {
              if (goldSpans.contains(key)) {
                at(levels, "mention", g).tp++;
              } else {
                at(levels, "mention", g).fp++;
              }
            }
          }
          for (String key : goldSpans) {
            if (!predSpans.contains(key)) {
              String[] f = key.split(":");
              errors.merge(
                  "fn "
                      + f[2]
                      + " "
                      + text.substring(Integer.parseInt(f[0]), Integer.parseInt(f[1]))
                      + " ("
                      + doc.get("id").asText()
                      + ")",
                  1L,
                  Long::sum);
              for (String g : groups(catalog, key.substring(key.lastIndexOf(':') + 1))) {
                at(levels, "mention", g).fn++;
              }
            }
          }
        }
        if (doc.has("entities")) {
          doc.get("entities").forEach(e -> goldDoc.add(e.asText()));
        }
        Counts d = at(levels, "document", "all");
        for (String p : predictedDoc) {
          if (goldDoc.contains(p)) {
            d.tp++;
          } else {
            d.fp++;
          }
        }
        for (String g : goldDoc) {
          if (!predictedDoc.contains(g)) {
            d.fn++;
          }
        }
      }
    }
    return new Result(levels, notes, errors);
  }

  /** The NER type a catalog entity type counts as in CoNLL corpora. */
  static String nerType(String entityType) {
    return switch (entityType) {
      case "COUNTRY", "CITY", "REGION", "LOCATION" -> "LOC";
      case "PERSON" -> "PERS";
      case "ORG", "GROUP" -> "ORG";
      default -> "MISC";
    };
  }

  /** What an engine finds in one CoNLL document: per sentence, typed character spans. */
  @FunctionalInterface
  public interface ConllPredictor {
    List<List<ConllScorer.Predicted>> predict(List<ConllCorpus.Sentence> document);
  }

  /** The lexicon engine on CoNLL text: the catalog's matches but demonyms, by NER type. */
  public static ConllPredictor lexicon(LexiconMatcher matcher) {
    return doc -> {
      List<List<ConllScorer.Predicted>> out = new ArrayList<>();
      for (ConllCorpus.Sentence s : doc) {
        String text = s.text();
        out.add(conll(matcher.find(text, 0, text.length(), null), List.of()));
      }
      return out;
    };
  }

  /**
   * The combined engine on CoNLL text, each document of the corpus as one document: what extract
   * writes (but demonyms, as for the lexicon engine), and the MISC names it finds and does not
   * write.
   */
  public static ConllPredictor combined(CombinedEngine engine) {
    return doc -> {
      List<CombinedEngine.Span> spans = new ArrayList<>();
      for (ConllCorpus.Sentence s : doc) {
        String text = s.text();
        spans.add(new CombinedEngine.Span(text, 0, text.length()));
      }
      CombinedEngine.Found found = engine.find(spans, null);
      List<List<ConllScorer.Predicted>> out = new ArrayList<>();
      for (int k = 0; k < doc.size(); k++) {
        out.add(conll(found.mentions().get(k), found.misc().get(k)));
      }
      return out;
    };
  }

  /**
   * The NER model's own names on CoNLL text, before linking: the catalog's matches are its features
   * but not its output. Shows what the model adds to the combined engine.
   */
  public static ConllPredictor ner(LexiconMatcher matcher, NerTagger tagger) {
    return doc -> {
      List<NerSentence> sentences = new ArrayList<>();
      for (ConllCorpus.Sentence s : doc) {
        String text = s.text();
        sentences.add(NerSentence.of(text, 0, text.length(), matcher.find(text, 0, text.length(), null)));
      }
      List<int[]> labels = tagger.tag(sentences);
      List<List<ConllScorer.Predicted>> out = new ArrayList<>();
      for (int k = 0; k < sentences.size(); k++) {
        List<ConllScorer.Predicted> p = new ArrayList<>();
        for (NameLinker.Name n : NameLinker.names(sentences.get(k), labels.get(k))) {
          p.add(new ConllScorer.Predicted(n.start(), n.end(), n.type()));
        }
        out.add(p);
      }
      return out;
    };
  }

  /** Mentions as CoNLL spans: demonyms left out (CoNLL corpora tag nationality adjectives O). */
  private static List<ConllScorer.Predicted> conll(
      List<LexiconMatcher.Mention> mentions, List<NameLinker.Name> misc) {
    List<ConllScorer.Predicted> out = new ArrayList<>();
    for (LexiconMatcher.Mention m : mentions) {
      if (!m.form().equals("demonym")) {
        out.add(new ConllScorer.Predicted(m.start(), m.end(), nerType(m.entityType())));
      }
    }
    for (NameLinker.Name n : misc) {
      out.add(new ConllScorer.Predicted(n.start(), n.end(), n.type()));
    }
    return out;
  }

  /**
   * A CoNLL-style corpus ({@link ConllCorpus}: {@code token TAG} lines, BIO over LOC, PERS, ORG,
   * MISC in the common spellings), or one part of ANERcorp's standard split ({@code split} "train"
   * or "test"; "all" for the whole file). Spans are compared exactly, on tokens, per type and
   * overall over LOC, PERS and ORG (conlleval's micro-average).
   */
  public static Result evaluateConll(Path gold, String split, ConllPredictor engine)
      throws IOException {
    ConllCorpus corpus = ConllCorpus.read(gold);
    List<ConllCorpus.Sentence> sentences =
        switch (split) {
          case "all" -> corpus.sentences();
          case "train" -> corpus.standardSplit()[0].sentences();
          case "test" -> corpus.standardSplit()[1].sentences();
          default -> throw new IllegalArgumentException("unknown split " + split);
        };
    ConllScorer scorer = new ConllScorer();
    Map<String, Long> notes = new TreeMap<>(corpus.notes());
    for (List<ConllCorpus.Sentence> doc : ConllCorpus.documents(sentences)) {
      List<List<ConllScorer.Predicted>> predicted = engine.predict(doc);
      for (int k = 0; k < doc.size(); k++) {
        scorer.score(doc.get(k), predicted.get(k));
        notes.merge("tokens", (long) doc.get(k).size(), Long::sum);
      }
      notes.merge("sentences", (long) doc.size(), Long::sum);
    }
    Map<String, Map<String, Counts>> levels = new TreeMap<>();
    scorer
        .counts()
        .forEach(
            (group, c) -> {
              Counts x = at(levels, "conll", group);
              x.tp = c.tp;
              x.fp = c.fp;
              x.fn = c.fn;
            });
    return new Result(levels, notes, scorer.errors());
  }

  /** The lexicon engine on a whole CoNLL corpus. */
  public static Result evaluateConll(Path gold, Catalog catalog) throws IOException {
    return evaluateConll(gold, "all", lexicon(new LexiconMatcher(catalog)));
  }
}
