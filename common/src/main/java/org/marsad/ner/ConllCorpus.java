package org.marsad.ner;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CoNLL-style NER corpus: one {@code token TAG} per line (the tag last, after a space or tab),
 * sentences ending at a blank line or at a "." token (ANERcorp has no blank lines). Tags are read in
 * the common spellings and folded to BIO over {@code LOC, PERS, ORG, MISC}: {@code PER} is {@code
 * PERS}, {@code GPE}, {@code FAC} and {@code LOCATION} are {@code LOC}, {@code ORGANIZATION} is
 * {@code ORG}, IOB1 ({@code I-} opening a span) and BIOES ({@code S-}, {@code E-}) are read as BIO,
 * any other type is {@code MISC}.
 */
public final class ConllCorpus {
  /**
   * One sentence: its tokens and their BIO tags (folded), and its document (counted from 0 at
   * each {@code -DOCSTART-} line; a corpus without them is one document).
   */
  public record Sentence(List<String> tokens, List<String> tags, int document) {
    public int size() {
      return tokens.size();
    }

    /** The tokens joined by single spaces: the text the engines read. */
    public String text() {
      return String.join(" ", tokens);
    }

    /** Offset of each token in {@link #text()}. */
    public int[] starts() {
      int[] s = new int[tokens.size()];
      int at = 0;
      for (int i = 0; i < s.length; i++) {
        s[i] = at;
        at += tokens.get(i).length() + 1;
      }
      return s;
    }
  }

  private final List<Sentence> sentences;
  private final Map<String, Long> notes;

  private ConllCorpus(List<Sentence> sentences, Map<String, Long> notes) {
    this.sentences = sentences;
    this.notes = notes;
  }

  public List<Sentence> sentences() {
    return sentences;
  }

  /** What was skipped while reading: tag-only lines, malformed lines. */
  public Map<String, Long> notes() {
    return notes;
  }

  public long tokens() {
    return sentences.stream().mapToLong(Sentence::size).sum();
  }

  public static ConllCorpus read(Path file) throws IOException {
    List<Sentence> out = new ArrayList<>();
    Map<String, Long> notes = new TreeMap<>();
    List<String> tokens = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    int[] document = {0};
    boolean started = false;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        String l = line.strip();
        if (l.startsWith("-DOCSTART-")) {
          flush(tokens, tags, out, document[0]);
          if (started) {
            document[0]++;
          }
          continue;
        }
        if (l.isEmpty()) {
          flush(tokens, tags, out, document[0]);
          continue;
        }
        started = true;
        int sp = Math.max(l.lastIndexOf(' '), l.lastIndexOf('\t'));
        if (sp < 0) {
          // A tag with no token (ANERcorp has 191 such lines): nothing to read.
          notes.merge("empty_token_lines", 1L, Long::sum);
          continue;
        }
        String tag = foldTag(l.substring(sp + 1));
        if (tag == null) {
          notes.merge("malformed_lines", 1L, Long::sum);
          continue;
        }
        // Columns between the token and the tag (POS, chunks) are ignored; ANERcorp has two lines
        // where two lines ran together, read the same way.
        String[] columns = l.substring(0, sp).strip().split("[ \t]+");
        if (columns.length > 1) {
          notes.merge("extra_columns", 1L, Long::sum);
        }
        String token = columns[0];
        tokens.add(token);
        tags.add(tag);
        if (token.equals(".")) {
          flush(tokens, tags, out, document[0]);
        }
      }
    }
    flush(tokens, tags, out, document[0]);
    return new ConllCorpus(List.copyOf(out), notes);
  }

  private static void flush(
      List<String> tokens, List<String> tags, List<Sentence> out, int document) {
    if (tokens.isEmpty()) {
      return;
    }
    out.add(new Sentence(List.copyOf(tokens), toBio(tags), document));
    tokens.clear();
    tags.clear();
  }

  /** A tag in any common spelling as {@code O}, {@code B-T} or {@code I-T}; null if unreadable. */
  static String foldTag(String raw) {
    String t = raw.toUpperCase(Locale.ROOT);
    if (t.equals("O")) {
      return "O";
    }
    if (t.length() < 3 || (t.charAt(1) != '-' && t.charAt(1) != '_')) {
      return null;
    }
    char p = t.charAt(0);
    String prefix =
        switch (p) {
          case 'B', 'S' -> "B-";
          case 'I', 'E', 'M' -> "I-";
          default -> null;
        };
    if (prefix == null) {
      return null;
    }
    return prefix + foldType(t.substring(2));
  }

  /** An entity type in any common spelling as LOC, PERS, ORG or MISC. */
  public static String foldType(String type) {
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "PERS", "PER", "PERSON" -> "PERS";
      case "LOC", "LOCATION", "GPE", "FAC" -> "LOC";
      case "ORG", "ORGANIZATION", "ORGANISATION" -> "ORG";
      default -> "MISC";
    };
  }

  /** IOB1 and BIOES read as BIO: an {@code I-T} that does not continue a {@code T} opens a span. */
  private static List<String> toBio(List<String> tags) {
    List<String> out = new ArrayList<>(tags.size());
    String prev = "O";
    for (String t : tags) {
      if (t.startsWith("I-") && (prev.equals("O") || !prev.substring(2).equals(t.substring(2)))) {
        t = "B-" + t.substring(2);
      }
      out.add(t);
      prev = t;
    }
    return out;
  }

  /**
   * The standard split of ANERcorp (CAMeL Lab's, agreed with the corpus author): sequentially, the
   * sentences holding the first 5/6 of the words train, the rest test.
   */
  public ConllCorpus[] standardSplit() {
    long total = tokens();
    long cut = total * 5 / 6;
    long seen = 0;
    int i = 0;
    while (i < sentences.size() && seen < cut) {
      seen += sentences.get(i).size();
      i++;
    }
    return new ConllCorpus[] {
      new ConllCorpus(sentences.subList(0, i), notes),
      new ConllCorpus(sentences.subList(i, sentences.size()), notes)
    };
  }

  /** The sentences grouped by document, in order. */
  public static List<List<Sentence>> documents(List<Sentence> sentences) {
    List<List<Sentence>> out = new ArrayList<>();
    int last = Integer.MIN_VALUE;
    for (Sentence s : sentences) {
      if (s.document() != last) {
        out.add(new ArrayList<>());
        last = s.document();
      }
      out.get(out.size() - 1).add(s);
    }
    return out;
  }

  /** Gold spans of one sentence as {@code {first token, end token, type}}. */
  public static List<Span> spans(List<String> tags) {
    List<Span> out = new ArrayList<>();
    int i = 0;
    while (i < tags.size()) {
      String t = tags.get(i);
      if (t.equals("O")) {
        i++;
        continue;
      }
      String type = t.substring(2);
      int j = i + 1;
      while (j < tags.size() && tags.get(j).equals("I-" + type)) {
        j++;
      }
      out.add(new Span(i, j, type));
      i = j;
    }
    return out;
  }

  /** Tokens {@code [start, end)} of one type. */
  public record Span(int start, int end, String type) {}
}
