package org.marsad.ner;

import java.util.List;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.nlp.Tokenizer;
import org.marsad.nlp.Words;

/**
 * One sentence as the NER model sees it: its words (normalised, with offsets into the text), the
 * punctuation between them, the catalog matches that cover them, and (second stage) its document
 * features. The sentence-level properties are small codes, so a tagger adds up their weights from
 * tables; {@link NerFeatures} turns each code into the feature name the model was trained with.
 */
public final class NerSentence {
  /** Kinds of punctuation in a gap between words, as they appear in feature names. */
  static final String GAP_KINDS = "qoc,:-/.x";

  /** Gap codes: (start/end mark) x first kind x second kind; kinds 0 = none. */
  static final int GAP_CODES = 3 * 10 * 10;

  /** Catalog classes of a covered word, as in feature names. */
  static final List<String> CATALOG_CLASSES = List.of("LOC", "PERS", "ORG", "MISC", "DEM");

  /** Catalog codes: 0 none, 1..5 B-class, 6..10 I-class, 11 before the sentence, 12 after it. */
  static final int CATALOG_CODES = 13;

  static final int BEFORE_SENTENCE = 11;
  static final int AFTER_SENTENCE = 12;

  /** Each thread's scanning buffer (the sentence copies what it keeps). */
  private static final ThreadLocal<Words> WORDS = ThreadLocal.withInitial(Words::new);

  private final String text;
  private final int size;
  private final int[] starts;
  private final int[] ends;
  private final String[] norms;
  private final byte[] catalog;
  private final short[] gapBefore;
  private final short[] gapAfter;
  private int[] document;

  private NerSentence(
      String text, int from, int to, Words words, List<LexiconMatcher.Mention> found) {
    this.text = text;
    this.size = words.size();
    this.starts = new int[size];
    this.ends = new int[size];
    this.norms = new String[size];
    this.catalog = new byte[size];
    this.gapBefore = new short[size];
    this.gapAfter = new short[size];
    for (int i = 0; i < size; i++) {
      starts[i] = words.start(i);
      ends[i] = words.end(i);
      norms[i] = words.norm(i);
    }
    for (int i = 0; i < size; i++) {
      gapBefore[i] =
          i == 0 ? gapCode(text, from, starts[0], 1) : gapCode(text, ends[i - 1], starts[i], 0);
    }
    // The gap after a word is the gap before the next one; the last word's ends the sentence.
    for (int i = 0; i < size; i++) {
      gapAfter[i] = i + 1 < size ? gapBefore[i + 1] : gapCode(text, ends[i], to, 2);
    }
    int w = 0;
    for (LexiconMatcher.Mention m : found) {
      while (w < size && ends[w] <= m.start()) {
        w++;
      }
      int cls = CATALOG_CLASSES.indexOf(catalogClass(m)) + 1;
      boolean first = true;
      for (int k = w; k < size && starts[k] < m.end(); k++) {
        catalog[k] = (byte) (first ? cls : cls + 5);
        first = false;
      }
    }
  }

  /** The words of {@code text[from, to)} and the catalog's mentions there (in order). */
  public static NerSentence of(String text, int from, int to, List<LexiconMatcher.Mention> found) {
    Words words = WORDS.get();
    Tokenizer.scan(text, from, to, words);
    return new NerSentence(text, from, to, words, found);
  }

  /** The NER class a catalog match gives the words it covers: LOC, PERS, ORG, MISC or DEM. */
  static String catalogClass(LexiconMatcher.Mention m) {
    if (m.form().equals("demonym")) {
      return "DEM";
    }
    return switch (m.entityType()) {
      case "COUNTRY", "CITY", "REGION", "LOCATION" -> "LOC";
      case "PERSON" -> "PERS";
      case "ORG", "GROUP" -> "ORG";
      default -> "MISC";
    };
  }

  public int size() {
    return size;
  }

  public String text() {
    return text;
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  public String norm(int i) {
    return norms[i];
  }

  /** The catalog code of word {@code i} (0: no match covers it). */
  int catalogCode(int i) {
    return catalog[i];
  }

  /** The catalog code of the word {@code i}, or the marks before and after the sentence. */
  int catalogCodeAt(int i) {
    return i < 0 ? BEFORE_SENTENCE : i >= size ? AFTER_SENTENCE : catalog[i];
  }

  /** The punctuation between word {@code i - 1} (or the sentence start) and word {@code i}. */
  int gapBefore(int i) {
    return gapBefore[i];
  }

  /** The punctuation between word {@code i} and the next word (or the sentence end). */
  int gapAfter(int i) {
    return gapAfter[i];
  }

  /** The document code of word {@code i} ({@link DocumentFeatures}), or -1 before there is one. */
  int document(int i) {
    return document == null ? -1 : document[i];
  }

  void setDocument(int[] codes) {
    this.document = codes;
  }

  /**
   * The code of the punctuation in {@code text[from, to)}: a mark (1 at the sentence start, 2 at
   * its end, else 0) and the first two kinds of punctuation in order, spaces ignored.
   */
  static short gapCode(String text, int from, int to, int mark) {
    int first = 0;
    int second = 0;
    int last = 0;
    for (int i = from; i < to && second == 0; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        continue;
      }
      int k =
          switch (c) {
            case '"', '\'', '«', '»', '“', '”', '„', '‘', '’' -> 1;
            case '(', '[', '{' -> 2;
            case ')', ']', '}' -> 3;
            case ',', '،' -> 4;
            case ':' -> 5;
            case '-', '–', '—' -> 6;
            case '/', '\\' -> 7;
            case '.', '!', '?', '؟', '؛', ';' -> 8;
            default -> 9;
          };
      if (k != last) {
        if (first == 0) {
          first = k;
        } else {
          second = k;
        }
        last = k;
      }
    }
    return (short) ((mark * 10 + first) * 10 + second);
  }

  /** The name of a gap code in features: the mark (^ or $) and the kinds. */
  static String gapName(int code) {
    int second = code % 10;
    int first = (code / 10) % 10;
    int mark = code / 100;
    StringBuilder b = new StringBuilder(3);
    if (mark == 1) {
      b.append('^');
    } else if (mark == 2) {
      b.append('$');
    }
    if (first > 0) {
      b.append(GAP_KINDS.charAt(first - 1));
    }
    if (second > 0) {
      b.append(GAP_KINDS.charAt(second - 1));
    }
    return b.toString();
  }

  /** The name of a catalog code in features: "-", "B-LOC", ..., "^", "$". */
  static String catalogName(int code) {
    if (code == 0) {
      return "-";
    }
    if (code == BEFORE_SENTENCE) {
      return "^";
    }
    if (code == AFTER_SENTENCE) {
      return "$";
    }
    return (code <= 5 ? "B-" : "I-") + CATALOG_CLASSES.get((code - 1) % 5);
  }
}
