package org.marsad.ner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Features of a word from the first stage's labels of the same stem elsewhere in its document
 * (within {@code window} sentences either side): a name is written the same way several times in
 * an article, and once the context around one occurrence is clear, the others follow (Ratinov and
 * Roth 2009, "extended prediction history"). Also: the stem ends a person's full name nearby, so
 * alone it is that person's surname.
 */
public final class DocumentFeatures {
  private DocumentFeatures() {}

  private static final int CLASSES = CorpusLexicon.CLASSES.size();

  /** Sets each sentence's document features from the first-stage labels of every sentence. */
  public static void add(
      List<NerSentence> doc, List<String[]> stems, List<int[]> labels, int window) {
    Map<String, int[]> counts = new HashMap<>();
    Map<String, int[]> surnames = new HashMap<>();
    int n = doc.size();
    // The window of sentence k is [k - window, k + window]: slide it, adding and dropping.
    int added = 0;
    int dropped = 0;
    for (int k = 0; k < n; k++) {
      while (added < n && added <= k + window) {
        change(stems.get(added), labels.get(added), counts, surnames, 1);
        added++;
      }
      while (dropped < k - window) {
        change(stems.get(dropped), labels.get(dropped), counts, surnames, -1);
        dropped++;
      }
      doc.get(k).setDocument(features(stems.get(k), labels.get(k), counts, surnames));
    }
  }

  private static void change(
      String[] stems, int[] labels, Map<String, int[]> counts, Map<String, int[]> surnames, int d) {
    for (int i = 0; i < stems.length; i++) {
      counts.computeIfAbsent(stems[i], k -> new int[CLASSES])[CorpusLexicon.classOf(labels[i])] +=
          d;
    }
    for (NerModel.WordSpan s : NerModel.spans(labels)) {
      if (s.type().equals("PERS") && s.end() - s.first() > 1) {
        for (int i = s.first() + 1; i < s.end(); i++) {
          surnames.computeIfAbsent(stems[i], k -> new int[1])[0] += d;
        }
      }
    }
  }

  /**
   * Each word's code: the type most of the stem's other occurrences were labelled (0: none), the
   * bucket of its share, whether they were all outside names, whether the stem ends a person's
   * full name nearby.
   */
  private static int[] features(
      String[] stems, int[] labels, Map<String, int[]> counts, Map<String, int[]> surnames) {
    int[] out = new int[stems.length];
    for (int i = 0; i < stems.length; i++) {
      int[] c = counts.get(stems[i]).clone();
      c[CorpusLexicon.classOf(labels[i])]--; // the other occurrences only
      int names = 0;
      int best = 1;
      for (int t = 1; t < CLASSES; t++) {
        names += c[t];
        if (c[t] > c[best]) {
          best = t;
        }
      }
      int total = names + c[0];
      int type = 0;
      int bucket = 0;
      boolean outside = false;
      if (names > 0) {
        type = best;
        bucket = bucket((double) c[best] / total);
      } else if (total > 0) {
        outside = true;
      }
      int[] s = surnames.get(stems[i]);
      boolean surname = s != null && s[0] > 0;
      out[i] = code(type, bucket, outside, surname);
    }
    return out;
  }

  /** Number of document codes. */
  static final int CODES = 5 * 4 * 2 * 2;

  static int code(int type, int bucket, boolean outside, boolean surname) {
    return ((type * 4 + bucket) * 2 + (outside ? 1 : 0)) * 2 + (surname ? 1 : 0);
  }

  /** The feature names of a document code. */
  static void names(int code, java.util.function.Consumer<String> out) {
    boolean surname = (code & 1) != 0;
    boolean outside = (code & 2) != 0;
    int bucket = (code >> 2) & 3;
    int type = code >> 4;
    if (type > 0) {
      String name = CorpusLexicon.CLASSES.get(type);
      out.accept("dt" + name + "abcd".charAt(bucket));
      out.accept("dt" + name);
    } else if (outside) {
      out.accept("dO");
    }
    if (surname) {
      out.accept("dp");
    }
  }

  private static int bucket(double share) {
    return share >= 0.99 ? 0 : share >= 0.6 ? 1 : share >= 0.3 ? 2 : 3;
  }
}
