package org.marsad.ner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.nlp.Tokenizer;

/**
 * The features of the NER model, defined once for training and tagging. Almost all are properties of
 * one word type seen at an offset from the word being labelled (the word itself, its stem and
 * proclitic, affixes, shape, corpus frequency, clusters, trigger class), so a tagger can add up a
 * word type's weights once and reuse the sums wherever the word occurs ({@link NerModel}). The rest
 * depend on the sentence: the punctuation around a word and the catalog matches that cover it.
 */
public final class NerFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Words on each side of the labelled word that its features look at. */
  public static final int WINDOW = 2;

  public static final int OFFSETS = 2 * WINDOW + 1;

  /** Pseudo-words before the first and after the last word of a sentence. */
  public static final String BEFORE = "<s>";

  public static final String AFTER = "</s>";

  private final WordClusters clusters;
  private final Map<String, String> triggers;
  private final CorpusLexicon lexicon;

  /**
   * Features from word clusters and trigger words, and, for the second stage, what the first stage
   * said of each stem across unlabelled news ({@code lexicon}, null for the first stage).
   */
  public NerFeatures(WordClusters clusters, Map<String, String> triggers, CorpusLexicon lexicon) {
    this.clusters = clusters;
    this.triggers = triggers;
    this.lexicon = lexicon;
  }

  public Map<String, String> triggers() {
    return triggers;
  }

  /** The same features and, at offset 0, the lexicon's. */
  public NerFeatures withLexicon(CorpusLexicon lexicon) {
    return new NerFeatures(clusters, triggers, lexicon);
  }

  public WordClusters clusters() {
    return clusters;
  }

  /**
   * Trigger words (titles, organisation and place words) from a TSV of {@code word, class}; the
   * words are normalised as the tokenizer normalises text.
   */
  public static Map<String, String> readTriggers(InputStream in) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        out.put(Tokenizer.normalize(f[0].strip()), f[1].strip());
      }
    }
    return out;
  }

  /**
   * A word as proclitic and stem: the split whose stem the unlabelled corpus saw most often (بلير
   * stays whole, والسعودية is و+ال+سعوديه); without clusters, the longest proclitic leaving three
   * letters.
   */
  public String[] split(String w) {
    String bestPrefix = "";
    String bestStem = w;
    long best = clusters.count(w);
    boolean counted = clusters.size() > 0;
    for (String p : LexiconMatcher.procliticsForPatterns()) {
      if (w.length() - p.length() < 2 || !w.startsWith(p)) {
        continue;
      }
      String stem = w.substring(p.length());
      if (counted) {
        // A stem with the article may also be seen without it: السعودية and سعودية.
        long c = Math.max(clusters.count(stem), 0);
        if (c > best * 2L) {
          best = c;
          bestPrefix = p;
          bestStem = stem;
        }
      } else if (stem.length() >= 3 && p.length() > bestPrefix.length()) {
        bestPrefix = p;
        bestStem = stem;
      }
    }
    return new String[] {bestPrefix, bestStem};
  }

  /**
   * What the features of one word type are made of, worked out once for every offset and both
   * stages: its proclitic and stem, trigger class, cluster ids (of the word and of its stem, the
   * same array when they are the same word), shape and corpus count.
   */
  public record Analysis(
      String word,
      String clitic,
      String stem,
      String trigger,
      int[] clusters,
      int[] stemClusters,
      String shape,
      long count) {
    boolean pseudo() {
      return word.equals(BEFORE) || word.equals(AFTER);
    }
  }

  public Analysis analyse(String w) {
    if (w.equals(BEFORE) || w.equals(AFTER)) {
      return new Analysis(w, "", w, null, null, null, "", 0);
    }
    String[] split = split(w);
    String stem = split[1];
    String trigger = triggers.get(stem);
    if (trigger == null) {
      trigger = triggers.get(w);
    }
    int[] c = clusters.of(w);
    int[] cs = stem.equals(w) ? c : clusters.of(stem);
    return new Analysis(w, split[0], stem, trigger, c, cs, shape(w), clusters.count(w));
  }

  /**
   * The features word type {@code w} contributes to the labelled word when it sits {@code offset}
   * places after it (negative: before it; 0: it is the labelled word).
   */
  public void wordFeatures(String w, int offset, Consumer<String> out) {
    wordFeatures(analyse(w), offset, out);
  }

  /** The same, from the word's analysis. */
  public void wordFeatures(Analysis a, int offset, Consumer<String> out) {
    wordFeatures(a, offset, new Names(name -> out.accept(name.toString())));
  }

  /**
   * Builds feature names in one reused buffer and hands each to a sink, so a tagger can look names
   * up without making a string of each ({@link NerModel}); a sink that keeps a name copies it.
   */
  static final class Names {
    private final StringBuilder b = new StringBuilder(32);
    private final Consumer<CharSequence> sink;

    Names(Consumer<CharSequence> sink) {
      this.sink = sink;
    }

    Names start(char offset, String kind) {
      b.setLength(0);
      b.append(offset).append(kind);
      return this;
    }

    Names add(String s) {
      b.append(s);
      return this;
    }

    Names add(String s, int from, int to) {
      b.append(s, from, to);
      return this;
    }

    Names add(int n) {
      b.append(n);
      return this;
    }

    void done() {
      sink.accept(b);
    }

    /** A whole name made elsewhere. */
    void accept(String name) {
      sink.accept(name);
    }
  }

  void wordFeatures(Analysis a, int offset, Names out) {
    char o = (char) ('m' + offset);
    String w = a.word();
    if (a.pseudo()) {
      out.start(o, "w").add(w).done();
      return;
    }
    String clitic = a.clitic();
    String stem = a.stem();
    String trigger = a.trigger();
    int[] c = a.clusters();
    int[] cs = a.stemClusters();
    int n = stem.length();
    if (offset == 0) {
      out.start(o, "w").add(w).done();
      out.start(o, "s").add(stem).done();
      out.start(o, "k").add(clitic).done();
      for (int k = 1; k <= 3; k++) {
        if (n > k) {
          out.start(o, "x").add(k).add(stem, n - k, n).done();
        }
      }
      for (int k = 2; k <= 3; k++) {
        if (n > k) {
          out.start(o, "q").add(k).add(stem, 0, k).done();
        }
      }
      out.start(o, "h").add(a.shape()).done();
      out.start(o, "n").add(Math.min(n, 9)).done();
      out.start(o, "f").add(frequencyBucket(a.count())).done();
      clusterFeatures(o, "c", c, out);
      if (cs != c) {
        clusterFeatures(o, "d", cs, out);
      }
      if (trigger != null) {
        out.start(o, "t").add(trigger).done();
      }
      // Character 3-grams of ^stem$.
      for (int k = 0; k + 3 <= n + 2; k++) {
        out.start(o, "g");
        for (int j = k; j < k + 3; j++) {
          out.b.append(j == 0 ? '^' : j == n + 1 ? '$' : stem.charAt(j - 1));
        }
        out.done();
      }
      if (lexicon != null) {
        lexicon.features(stem, o, out::accept);
      }
    } else if (Math.abs(offset) == 1) {
      out.start(o, "w").add(w).done();
      out.start(o, "s").add(stem).done();
      out.start(o, "k").add(clitic).done();
      out.start(o, "h").add(a.shape()).done();
      clusterFeatures(o, "d", cs, out);
      if (trigger != null) {
        out.start(o, "t").add(trigger).done();
      }
    } else {
      out.start(o, "s").add(stem).done();
      if (cs != null && cs.length > 1) {
        out.start(o, "d1").add(cs[1]).done();
      }
      if (trigger != null) {
        out.start(o, "t").add(trigger).done();
      }
    }
  }

  private static void clusterFeatures(char o, String kind, int[] ids, Names out) {
    if (ids == null) {
      out.start(o, kind).add("-").done();
      return;
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] >= 0) {
        out.start(o, kind).add(i).add(ids[i]).done();
      }
    }
  }

  /** Powers of two: names are rarer words than the words around them. */
  static int frequencyBucket(long count) {
    return count == 0 ? 0 : Math.min(64 - Long.numberOfLeadingZeros(count), 20);
  }

  /** Runs of script: a (Arabic letters), l (other letters), d (digits), collapsed: "a", "ad". */
  static String shape(String w) {
    StringBuilder b = new StringBuilder(4);
    char last = 0;
    for (int i = 0; i < w.length() && b.length() < 4; i++) {
      char c = w.charAt(i);
      char k =
          c >= '0' && c <= '9'
              ? 'd'
              : c >= '\u0600' && c <= '\u06FF' ? 'a' : Character.isLetter(c) ? 'l' : 'x';
      if (k != last) {
        b.append(k);
        last = k;
      }
    }
    return b.toString();
  }

  /**
   * Features of the sentence around word {@code i}: bias, punctuation, catalog matches, and the
   * document's (second stage).
   */
  public static void tokenFeatures(NerSentence s, int i, Consumer<String> out) {
    out.accept("b");
    out.accept(GAP_BEFORE + NerSentence.gapName(s.gapBefore(i)));
    out.accept(GAP_AFTER + NerSentence.gapName(s.gapAfter(i)));
    out.accept(CATALOG[1] + NerSentence.catalogName(s.catalogCodeAt(i)));
    out.accept(CATALOG[0] + NerSentence.catalogName(s.catalogCodeAt(i - 1)));
    out.accept(CATALOG[2] + NerSentence.catalogName(s.catalogCodeAt(i + 1)));
    int doc = s.document(i);
    if (doc >= 0) {
      DocumentFeatures.names(doc, out);
    }
  }

  static final String GAP_BEFORE = "gb";
  static final String GAP_AFTER = "ga";

  /** Feature prefixes of the catalog code of the word before, the word, the word after. */
  static final String[] CATALOG = {"zl", "z", "zr"};

  /** Every feature of word {@code i} of a sentence, for training. */
  public void features(NerSentence s, int i, Consumer<String> out) {
    for (int p = -WINDOW; p <= WINDOW; p++) {
      int j = i + p;
      String w = j < 0 ? BEFORE : j >= s.size() ? AFTER : s.norm(j);
      wordFeatures(w, p, out);
    }
    tokenFeatures(s, i, out);
  }

}
