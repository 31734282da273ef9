package org.marsad.ner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What the first-stage model said of each stem across a large unlabelled news corpus: how many of
 * its occurrences it labelled outside any name and inside a LOC, PERS, ORG or MISC name. A stem
 * the model tags as a person in most of its thousand occurrences is very likely a name even where
 * one sentence gives little evidence: the second stage reads these shares as features.
 */
public final class CorpusLexicon implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Classes counted: outside, then the four types in {@link NerModel#LABELS} order. */
  public static final List<String> CLASSES = List.of("O", "LOC", "PERS", "ORG", "MISC");

  /** Stems seen fewer times than this are left out: their shares say little. */
  public static final int MIN_COUNT = 3;

  private final Map<String, int[]> counts;

  public CorpusLexicon(Map<String, int[]> counts) {
    this.counts = counts;
  }

  public int size() {
    return counts.size();
  }

  /** The counts of a stem by class, or null. */
  public int[] get(String stem) {
    return counts.get(stem);
  }

  /** The class of label {@code y} of {@link NerModel#LABELS}: 0 for O, 1..4 for the types. */
  public static int classOf(int label) {
    return label == 0 ? 0 : (label + 1) / 2;
  }

  /** Counts the labels of one tagged sentence into {@code into}. */
  public static void count(String[] stems, int[] labels, Map<String, int[]> into) {
    for (int i = 0; i < labels.length; i++) {
      into.computeIfAbsent(stems[i], k -> new int[CLASSES.size()])[classOf(labels[i])]++;
    }
  }

  /** Features of a stem: the types that hold at least 5% of its occurrences, bucketed. */
  void features(String stem, char offset, Consumer<String> out) {
    int[] c = counts.get(stem);
    if (c == null) {
      out.accept(offset + "lx-");
      return;
    }
    long total = 0;
    for (int n : c) {
      total += n;
    }
    for (int t = 1; t < c.length; t++) {
      double share = (double) c[t] / total;
      if (share >= 0.05) {
        String bucket = share >= 0.8 ? "a" : share >= 0.5 ? "b" : share >= 0.2 ? "c" : "d";
        out.accept(offset + "lx" + t + bucket);
      }
    }
  }

  /** Keeps the stems seen at least {@link #MIN_COUNT} times. */
  public static CorpusLexicon of(Map<String, int[]> counts) {
    Map<String, int[]> kept = new HashMap<>();
    counts.forEach(
        (stem, c) -> {
          long total = 0;
          for (int n : c) {
            total += n;
          }
          if (total >= MIN_COUNT) {
            kept.put(stem, c);
          }
        });
    return new CorpusLexicon(kept);
  }

  /** TSV, gzipped: {@code stem, count per class}, most frequent first, ties by stem. */
  public void write(OutputStream raw) throws IOException {
    List<Map.Entry<String, int[]>> rows = new ArrayList<>(counts.entrySet());
    rows.sort(
        (a, b) -> {
          long ta = total(a.getValue());
          long tb = total(b.getValue());
          return ta != tb ? Long.compare(tb, ta) : a.getKey().compareTo(b.getKey());
        });
    try (Writer w =
        new OutputStreamWriter(new GZIPOutputStream(raw, 1 << 16), StandardCharsets.UTF_8)) {
      w.write("# stem\t" + String.join("\t", CLASSES) + "\n");
      for (Map.Entry<String, int[]> r : rows) {
        w.write(r.getKey());
        for (int n : r.getValue()) {
          w.write('\t');
          w.write(Integer.toString(n));
        }
        w.write('\n');
      }
    }
  }

  private static long total(int[] c) {
    long t = 0;
    for (int n : c) {
      t += n;
    }
    return t;
  }

  public static CorpusLexicon read(InputStream raw) throws IOException {
    Map<String, int[]> counts = new HashMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t");
        int[] c = new int[CLASSES.size()];
        for (int i = 0; i < c.length; i++) {
          c[i] = Integer.parseInt(f[i + 1]);
        }
        counts.put(f[0], c);
      }
    }
    return new CorpusLexicon(counts);
  }
}
