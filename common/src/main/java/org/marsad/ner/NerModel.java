package org.marsad.ner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A linear-chain sequence labeller over BIO labels: a weight per (feature, label), a weight per
 * (previous label, label), and Viterbi decoding that never opens a span with {@code I-}. Scores of a
 * word type's own features are added up once per type and cached, so tagging a word costs a cache
 * lookup, a few additions and the Viterbi step.
 */
public final class NerModel implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> LABELS =
      List.of("O", "B-LOC", "I-LOC", "B-PERS", "I-PERS", "B-ORG", "I-ORG", "B-MISC", "I-MISC");

  public static final int L = LABELS.size();

  /** Index of the "previous label" row for the first word of a sentence. */
  static final int START = L;

  private final NerFeatures features;
  private final Map<String, Integer> index;
  private final float[] weights;
  private final float[] transitions;

  // The sentence-level features' summed weights, by code: a tagger adds them from tables.
  private final float[] bias;
  private final float[][] gapBefore;
  private final float[][] gapAfter;
  private final float[][][] catalog;
  private final float[][] document;
  private final float[] before;
  private final float[] after;

  /** This model's own word tables, for training and the first stage over unlabelled news. */
  private transient volatile Map<String, float[]> cache;

  private static final int CACHE_LIMIT = 200_000;

  NerModel(NerFeatures features, Map<String, Integer> index, float[] weights, float[] transitions) {
    this.features = features;
    this.index = index;
    this.weights = weights;
    this.transitions = transitions;
    this.bias = sum(List.of("b"));
    this.gapBefore = new float[NerSentence.GAP_CODES][];
    this.gapAfter = new float[NerSentence.GAP_CODES][];
    for (int c = 0; c < NerSentence.GAP_CODES; c++) {
      gapBefore[c] = sum(List.of(NerFeatures.GAP_BEFORE + NerSentence.gapName(c)));
      gapAfter[c] = sum(List.of(NerFeatures.GAP_AFTER + NerSentence.gapName(c)));
    }
    this.catalog = new float[3][NerSentence.CATALOG_CODES][];
    for (int p = 0; p < 3; p++) {
      for (int c = 0; c < NerSentence.CATALOG_CODES; c++) {
        catalog[p][c] = sum(List.of(NerFeatures.CATALOG[p] + NerSentence.catalogName(c)));
      }
    }
    this.document = new float[DocumentFeatures.CODES][];
    for (int c = 0; c < DocumentFeatures.CODES; c++) {
      List<String> names = new ArrayList<>();
      DocumentFeatures.names(c, names::add);
      document[c] = sum(names);
    }
    this.before = wordTable(NerFeatures.BEFORE);
    this.after = wordTable(NerFeatures.AFTER);
  }

  public NerFeatures features() {
    return features;
  }

  public int featureCount() {
    return index.size();
  }

  /** True when label {@code to} may follow label {@code from} ({@link #START} at the start). */
  static boolean allowed(int from, int to) {
    if (to == 0 || to % 2 == 1) {
      return true; // O and B-* may follow anything
    }
    return from != START && from != 0 && (from == to || from == to - 1);
  }

  /** The feature rows by hash, for tagging (made anew in a deserialised copy). */
  private transient volatile FeatureIndex hashed;

  private FeatureIndex hashed() {
    FeatureIndex h = hashed;
    if (h == null) {
      synchronized (this) {
        if (hashed == null) {
          hashed = new FeatureIndex(index);
        }
        h = hashed;
      }
    }
    return h;
  }

  private void addRow(int row, float[] out, int at) {
    if (row >= 0) {
      int base = row * L;
      for (int y = 0; y < L; y++) {
        out[at + y] += weights[base + y];
      }
    }
  }

  /** Adds the weights of {@code feature} to {@code out[at, at + L)}, if the model knows it. */
  private void add(String feature, float[] out, int at) {
    Integer row = index.get(feature);
    if (row != null) {
      int base = row * L;
      for (int y = 0; y < L; y++) {
        out[at + y] += weights[base + y];
      }
    }
  }

  private float[] sum(List<String> names) {
    float[] out = new float[L];
    for (String f : names) {
      add(f, out, 0);
    }
    return out;
  }

  /** The word tables, made anew in a deserialised copy. */
  private Map<String, float[]> cache() {
    Map<String, float[]> c = cache;
    if (c == null) {
      synchronized (this) {
        if (cache == null) {
          cache = new ConcurrentHashMap<>();
        }
        c = cache;
      }
    }
    return c;
  }

  /**
   * The summed weights of word type {@code w}'s features at each offset: {@code [(offset + WINDOW)
   * * L + label]}.
   */
  public float[] wordTable(String w) {
    NerFeatures.Analysis a = features.analyse(w);
    float[] table = new float[NerFeatures.OFFSETS * L];
    for (int p = -NerFeatures.WINDOW; p <= NerFeatures.WINDOW; p++) {
      int at = (p + NerFeatures.WINDOW) * L;
      features.wordFeatures(a, p, f -> add(f, table, at));
    }
    return table;
  }

  /**
   * The word tables of {@code a} for {@code subset} and for this model, in one pass over this
   * model's features: {@code subset}'s features must be this model's, or some of them (the first
   * stage's are the second's without the lexicon's), so building and hashing each feature name once
   * serves both. {@code [subset's, this model's]}.
   */
  float[][] wordTables(NerFeatures.Analysis a, NerModel subset) {
    float[] mine = new float[NerFeatures.OFFSETS * L];
    float[] theirs = new float[NerFeatures.OFFSETS * L];
    FeatureIndex own = hashed();
    FeatureIndex other = subset.hashed();
    for (int p = -NerFeatures.WINDOW; p <= NerFeatures.WINDOW; p++) {
      int at = (p + NerFeatures.WINDOW) * L;
      features.wordFeatures(
          a,
          p,
          new NerFeatures.Names(
              f -> {
                long h = FeatureIndex.hash(f);
                addRow(own.row(h), mine, at);
                subset.addRow(other.row(h), theirs, at);
              }));
    }
    return new float[][] {theirs, mine};
  }

  private float[] cachedWordTable(String w) {
    Map<String, float[]> c = cache();
    float[] t = c.get(w);
    if (t == null) {
      t = wordTable(w);
      if (c.size() < CACHE_LIMIT) {
        c.put(w, t);
      }
    }
    return t;
  }

  /** Emission scores {@code [word * L + label]}, the word tables given ({@code tables[j]}). */
  float[] emissions(NerSentence s, float[][] tables) {
    int n = s.size();
    int w = NerFeatures.WINDOW;
    float[] e = new float[n * L];
    for (int j = -w; j < n + w; j++) {
      float[] t = j < 0 ? before : j >= n ? after : tables[j];
      for (int p = -w; p <= w; p++) {
        int i = j - p; // word j sits p places after word i
        if (i >= 0 && i < n) {
          int from = (p + w) * L;
          int to = i * L;
          for (int y = 0; y < L; y++) {
            e[to + y] += t[from + y];
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      int at = i * L;
      float[] g = gapBefore[s.gapBefore(i)];
      float[] h = gapAfter[s.gapAfter(i)];
      float[] c0 = catalog[0][s.catalogCodeAt(i - 1)];
      float[] c1 = catalog[1][s.catalogCodeAt(i)];
      float[] c2 = catalog[2][s.catalogCodeAt(i + 1)];
      int doc = s.document(i);
      float[] d = doc < 0 ? null : document[doc];
      for (int y = 0; y < L; y++) {
        float v = bias[y] + g[y] + h[y] + c0[y] + c1[y] + c2[y];
        e[at + y] += d == null ? v : v + d[y];
      }
    }
    return e;
  }

  /** The scores from this model's own word tables. */
  float[] emissions(NerSentence s) {
    float[][] tables = new float[s.size()][];
    for (int j = 0; j < tables.length; j++) {
      tables[j] = cachedWordTable(s.norm(j));
    }
    return emissions(s, tables);
  }

  /** The same scores feature by feature, as training sees them: the tables' test oracle. */
  float[] emissionsFeatureByFeature(NerSentence s) {
    int n = s.size();
    float[] e = new float[n * L];
    for (int i = 0; i < n; i++) {
      int at = i * L;
      features.features(s, i, f -> add(f, e, at));
    }
    return e;
  }

  /** The best labels, the sentence's word tables given. */
  public int[] tag(NerSentence s, float[][] tables) {
    return viterbi(emissions(s, tables), s.size(), transitions);
  }

  /** The best label of each word. */
  public int[] tag(NerSentence s) {
    return viterbi(emissions(s), s.size(), transitions);
  }

  /** Viterbi over {@code n} words with transitions {@code [(from) * L + to]}, from including START. */
  static int[] viterbi(float[] e, int n, float[] transitions) {
    int[] best = new int[n];
    if (n == 0) {
      return best;
    }
    float[] score = new float[L];
    float[] next = new float[L];
    int[] back = new int[n * L];
    for (int y = 0; y < L; y++) {
      score[y] =
          allowed(START, y) ? transitions[START * L + y] + e[y] : Float.NEGATIVE_INFINITY;
    }
    for (int i = 1; i < n; i++) {
      int at = i * L;
      // O and B-x may follow any label.
      for (int y = 0; y < L; y = y == 0 ? 1 : y + 2) {
        float top = score[0] + transitions[y];
        int arg = 0;
        for (int x = 1; x < L; x++) {
          float v = score[x] + transitions[x * L + y];
          if (v > top) {
            top = v;
            arg = x;
          }
        }
        next[y] = top + e[at + y];
        back[at + y] = arg;
      }
      // I-x only B-x or I-x.
      for (int y = 2; y < L; y += 2) {
        float b = score[y - 1] + transitions[(y - 1) * L + y];
        float c = score[y] + transitions[y * L + y];
        boolean inside = c > b;
        next[y] = (inside ? c : b) + e[at + y];
        back[at + y] = inside ? y : y - 1;
      }
      float[] swap = score;
      score = next;
      next = swap;
    }
    int arg = 0;
    for (int y = 1; y < L; y++) {
      if (score[y] > score[arg]) {
        arg = y;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      best[i] = arg;
      arg = back[i * L + arg];
    }
    return best;
  }

  /** A typed span of words {@code [first, end)}. */
  public record WordSpan(int first, int end, String type) {}

  /** The spans that BIO labels describe. */
  public static List<WordSpan> spans(int[] labels) {
    List<WordSpan> out = new ArrayList<>();
    int i = 0;
    while (i < labels.length) {
      int y = labels[i];
      if (y == 0) {
        i++;
        continue;
      }
      int b = y % 2 == 1 ? y : y - 1;
      int j = i + 1;
      while (j < labels.length && labels[j] == b + 1) {
        j++;
      }
      out.add(new WordSpan(i, j, LABELS.get(b).substring(2)));
      i = j;
    }
    return out;
  }

  private static final int MAGIC = 0x4e45524d; // "NERM"

  /**
   * Writes the model: features with a non-zero weight, their weights, the transitions. The word
   * clusters and trigger words are written with it, so one file is the whole model.
   */
  public void write(OutputStream raw) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw, 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(1);
      out.writeInt(L);
      for (String l : LABELS) {
        out.writeUTF(l);
      }
      List<Map.Entry<String, Integer>> kept = new ArrayList<>();
      for (Map.Entry<String, Integer> f : index.entrySet()) {
        int base = f.getValue() * L;
        for (int y = 0; y < L; y++) {
          if (weights[base + y] != 0) {
            kept.add(f);
            break;
          }
        }
      }
      kept.sort(Map.Entry.comparingByKey());
      out.writeInt(kept.size());
      for (Map.Entry<String, Integer> f : kept) {
        out.writeUTF(f.getKey());
        int base = f.getValue() * L;
        for (int y = 0; y < L; y++) {
          out.writeFloat(weights[base + y]);
        }
      }
      out.writeInt(transitions.length);
      for (float t : transitions) {
        out.writeFloat(t);
      }
    }
  }

  public static NerModel read(InputStream raw, NerFeatures features) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw, 1 << 16)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a Marsad NER model");
      }
      int version = in.readInt();
      if (version != 1) {
        throw new IOException("unsupported NER model version " + version);
      }
      int labels = in.readInt();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < labels; i++) {
        names.add(in.readUTF());
      }
      if (!names.equals(LABELS)) {
        throw new IOException("NER model labels " + names + " are not " + LABELS);
      }
      int n = in.readInt();
      Map<String, Integer> index = new HashMap<>(n * 2);
      float[] weights = new float[n * L];
      for (int i = 0; i < n; i++) {
        index.put(in.readUTF(), i);
        for (int y = 0; y < L; y++) {
          weights[i * L + y] = in.readFloat();
        }
      }
      float[] transitions = new float[in.readInt()];
      for (int i = 0; i < transitions.length; i++) {
        transitions[i] = in.readFloat();
      }
      return new NerModel(features, index, weights, transitions);
    }
  }

  @Override
  public String toString() {
    return "NerModel[" + index.size() + " features, " + Arrays.toString(new int[] {L}) + " labels]";
  }
}
