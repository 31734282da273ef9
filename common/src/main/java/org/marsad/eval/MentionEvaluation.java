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
    LexiconMatcher matcher = new LexiconMatcher(catalog);
    return evaluateJsonl(
        gold,
        catalog,
        (id, text, day) -> {
          List<LexiconMatcher.Mention> out = new ArrayList<>();
          for (Segmenter.Sentence s : Segmenter.sentences(text)) {
            out.addAll(matcher.find(text, s.start(), s.end(), day));
          }
          return out;
        });
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
        List<LexiconMatcher.Mention> all = predictor.predict(doc.get("id").asText(), text, day);
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

  /**
   * A CoNLL-style corpus: one {@code token TAG} per line (BIO tags over LOC, PERS, ORG, MISC),
   * sentences ending at a "." token or a blank line. Spans are compared exactly, on tokens; our
   * mentions are mapped to the tokens they cover.
   */
  public static Result evaluateConll(Path gold, Catalog catalog) throws IOException {
    LexiconMatcher matcher = new LexiconMatcher(catalog);
    Map<String, Map<String, Counts>> levels = new TreeMap<>();
    Map<String, Long> notes = new TreeMap<>();
    Map<String, Long> errors = new TreeMap<>();
    List<String> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(gold, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        String l = line.strip();
        if (l.isEmpty()) {
          scoreSentence(tokens, tags, matcher, levels, notes, errors);
          continue;
        }
        int sp = l.lastIndexOf(' ');
        if (sp < 0) {
          // A tag with no token (ANERcorp has 191 such lines): nothing to score.
          notes.merge("empty_token_lines", 1L, Long::sum);
          continue;
        }
        String tag = l.substring(sp + 1);
        if (!(tag.equals("O") || tag.matches("[BI]-[A-Z]+"))) {
          notes.merge("malformed_lines", 1L, Long::sum);
          continue;
        }
        String token = l.substring(0, sp).strip();
        if (token.contains(" ")) {
          notes.merge("malformed_lines", 1L, Long::sum);
        }
        tokens.add(token);
        tags.add(tag);
        if (token.equals(".")) {
          scoreSentence(tokens, tags, matcher, levels, notes, errors);
        }
      }
    }
    scoreSentence(tokens, tags, matcher, levels, notes, errors);
    return new Result(levels, notes, errors);
  }

  private static void scoreSentence(
      List<String> tokens,
      List<String> tags,
      LexiconMatcher matcher,
      Map<String, Map<String, Counts>> levels,
      Map<String, Long> notes,
      Map<String, Long> errors) {
    if (tokens.isEmpty()) {
      return;
    }
    notes.merge("sentences", 1L, Long::sum);
    notes.merge("tokens", (long) tokens.size(), Long::sum);
    StringBuilder text = new StringBuilder();
    int[] starts = new int[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) {
        text.append(' ');
      }
      starts[i] = text.length();
      text.append(tokens.get(i));
    }
    Set<String> goldSpans = new HashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      if (tags.get(i).startsWith("B-")
          || (tags.get(i).startsWith("I-")
              && (i == 0
                  || !tags.get(i - 1)
                      .substring(Math.min(2, tags.get(i - 1).length()))
                      .equals(tags.get(i).substring(2))))) {
        String type = tags.get(i).substring(2);
        int j = i + 1;
        while (j < tags.size() && tags.get(j).equals("I-" + type)) {
          j++;
        }
        goldSpans.add(i + ":" + j + ":" + type);
      }
    }
    Set<String> predSpans = new HashSet<>();
    for (LexiconMatcher.Mention m : matcher.find(text.toString(), 0, text.length(), null)) {
      if (m.form().equals("demonym")) {
        continue; // nationality adjectives (الإسرائيلي) are not named-entity spans in CoNLL corpora
      }
      int first = tokenAt(starts, m.start());
      int last = tokenAt(starts, m.end() - 1);
      predSpans.add(first + ":" + (last + 1) + ":" + nerType(m.entityType()));
    }
    for (String p : predSpans) {
      String type = p.substring(p.lastIndexOf(':') + 1);
      boolean hit = goldSpans.contains(p);
      for (String g : List.of(type, "all (LOC, PERS, ORG)")) {
        if (g.startsWith("all") && type.equals("MISC")) {
          continue;
        }
        if (hit) {
          at(levels, "conll", g).tp++;
        } else {
          at(levels, "conll", g).fp++;
        }
      }
      if (!hit) {
        errors.merge("fp " + type + " " + spanText(tokens, p), 1L, Long::sum);
      }
    }
    for (String gs : goldSpans) {
      String type = gs.substring(gs.lastIndexOf(':') + 1);
      if (!predSpans.contains(gs)) {
        errors.merge("fn " + type + " " + spanText(tokens, gs), 1L, Long::sum);
        at(levels, "conll", type).fn++;
        if (!type.equals("MISC")) {
          at(levels, "conll", "all (LOC, PERS, ORG)").fn++;
        }
      }
    }
    tokens.clear();
    tags.clear();
  }

  private static String spanText(List<String> tokens, String span) {
    String[] f = span.split(":");
    return String.join(" ", tokens.subList(Integer.parseInt(f[0]), Integer.parseInt(f[1])));
  }

  private static int tokenAt(int[] starts, int offset) {
    int i = java.util.Arrays.binarySearch(starts, offset);
    return i >= 0 ? i : -i - 2;
  }
}
