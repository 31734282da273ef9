package org.marsad.ner;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * conlleval-style scores of predicted spans against a CoNLL sentence: exact token spans per type,
 * and an overall micro-average over LOC, PERS and ORG (MISC is scored on its own). Predictions are
 * character spans into {@link ConllCorpus.Sentence#text()}, mapped to the tokens they cover.
 */
public final class ConllScorer {
  /** The overall group: LOC, PERS and ORG together. */
  public static final String OVERALL = "all (LOC, PERS, ORG)";

  /** True and false positives and false negatives. */
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

  /** A predicted span: characters {@code [start, end)} of the sentence text, of a CoNLL type. */
  public record Predicted(int start, int end, String type) {}

  private final Map<String, Counts> counts = new TreeMap<>();
  private final Map<String, Long> errors = new TreeMap<>();

  public Map<String, Counts> counts() {
    return counts;
  }

  /** Missed ("fn TYPE text") and spurious ("fp TYPE text") spans, counted. */
  public Map<String, Long> errors() {
    return errors;
  }

  public double overallF1() {
    return counts.getOrDefault(OVERALL, new Counts()).f1();
  }

  private Counts at(String group) {
    return counts.computeIfAbsent(group, k -> new Counts());
  }

  public void score(ConllCorpus.Sentence sentence, List<Predicted> predicted) {
    int[] starts = sentence.starts();
    Set<String> gold = new HashSet<>();
    for (ConllCorpus.Span s : ConllCorpus.spans(sentence.tags())) {
      gold.add(s.start() + ":" + s.end() + ":" + s.type());
    }
    Set<String> pred = new HashSet<>();
    for (Predicted p : predicted) {
      int first = tokenAt(starts, p.start());
      int last = tokenAt(starts, p.end() - 1);
      pred.add(first + ":" + (last + 1) + ":" + p.type());
    }
    for (String p : pred) {
      String type = p.substring(p.lastIndexOf(':') + 1);
      boolean hit = gold.contains(p);
      count(type, hit ? 1 : 0, hit ? 0 : 1, 0);
      if (!hit) {
        errors.merge("fp " + type + " " + text(sentence, p), 1L, Long::sum);
      }
    }
    for (String g : gold) {
      if (!pred.contains(g)) {
        String type = g.substring(g.lastIndexOf(':') + 1);
        count(type, 0, 0, 1);
        errors.merge("fn " + type + " " + text(sentence, g), 1L, Long::sum);
      }
    }
  }

  private void count(String type, long tp, long fp, long fn) {
    for (String g : type.equals("MISC") ? List.of(type) : List.of(type, OVERALL)) {
      Counts c = at(g);
      c.tp += tp;
      c.fp += fp;
      c.fn += fn;
    }
  }

  private static String text(ConllCorpus.Sentence s, String span) {
    String[] f = span.split(":");
    return String.join(" ", s.tokens().subList(Integer.parseInt(f[0]), Integer.parseInt(f[1])));
  }

  private static int tokenAt(int[] starts, int offset) {
    int i = Arrays.binarySearch(starts, offset);
    return i >= 0 ? i : -i - 2;
  }
}
