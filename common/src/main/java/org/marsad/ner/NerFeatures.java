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
    char o = (char) ('m' + offset);
    String w = a.word();
    if (a.pseudo()) {
      out.accept(o + "w" + w);
      return;
    }
    String clitic = a.clitic();
    String stem = a.stem();
    String trigger = a.trigger();
    int[] c = a.clusters();
    int[] cs = a.stemClusters();
    if (offset == 0) {
      out.accept(o + "w" + w);
      out.accept(o + "s" + stem);
      out.accept(o + "k" + clitic);
      for (int n = 1; n <= 3; n++) {
        if (stem.length() > n) {
          out.accept(o + "x" + n + stem.substring(stem.length() - n));
        }
      }
      for (int n = 2; n <= 3; n++) {
        if (stem.length() > n) {
          out.accept(o + "q" + n + stem.substring(0, n));
        }
      }
      out.accept(o + "h" + a.shape());
      out.accept(o + "n" + Math.min(stem.length(), 9));
      out.accept(o + "f" + frequencyBucket(a.count()));
      clusterFeatures(o, "c", c, out);
      if (cs != c) {
        clusterFeatures(o, "d", cs, out);
      }
      if (trigger != null) {
        out.accept(o + "t" + trigger);
      }
      String g = "^" + stem + "$";
      for (int k = 0; k + 3 <= g.length(); k++) {
        out.accept(o + "g" + g.substring(k, k + 3));
      }
      if (lexicon != null) {
        lexicon.features(stem, o, out);
      }
    } else if (Math.abs(offset) == 1) {
      out.accept(o + "w" + w);
      out.accept(o + "s" + stem);
      out.accept(o + "k" + clitic);
      out.accept(o + "h" + a.shape());
      clusterFeatures(o, "d", cs, out);
      if (trigger != null) {
        out.accept(o + "t" + trigger);
      }
    } else {
      out.accept(o + "s" + stem);
      if (cs != null && cs.length > 1) {
        out.accept(o + "d1" + cs[1]);
      }
      if (trigger != null) {
        out.accept(o + "t" + trigger);
      }
    }
  }

  private static void clusterFeatures(char o, String kind, int[] ids, Consumer<String> out) {
    if (ids == null) {
      out.accept(o + kind + "-");
      return;
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] >= 0) {
        out.accept(o + kind + i + ids[i]);
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
