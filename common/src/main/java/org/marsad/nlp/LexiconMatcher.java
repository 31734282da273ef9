package org.marsad.nlp;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.CharArrayMap;
import org.marsad.catalog.Catalog;
import org.marsad.catalog.Entity;

/**
 * Marsad's own Arabic entity matcher: longest match over normalised token sequences against every
 * catalog name, alias and demonym form, with proclitics (و ف ب ل ك ال لل and their combinations)
 * stripped from the first token only, and the catalog's disambiguation rules (context words in the
 * sentence, words that must not follow, validity dates) applied per alias.
 */
public final class LexiconMatcher {

  /** Proclitic sequences, normalised, longest first: conjunction, preposition, article. */
  static final List<String> PROCLITICS = proclitics();

  /** Suffixes that inflect a masculine nisba demonym ending in ي (normalised: ة is ه). */
  public static final List<String> DEMONYM_SUFFIXES =
      List.of("", "ه", "ون", "ين", "ان", "تان", "تين", "ات");

  private final Catalog catalog;
  private final Node root = new Node();

  /**
   * Every first word of a name, also with each proclitic sequence in front: one hash lookup of a
   * token as written finds the names it can start (most tokens start none).
   */
  private final CharArrayMap<List<Start>> starts;

  /** Each thread's word buffer, reused from sentence to sentence. */
  private static final ThreadLocal<Words> WORDS = ThreadLocal.withInitial(Words::new);

  /** A first token that starts names at {@code node} once {@code prefix} is stripped. */
  record Start(String prefix, Node node) {}

  /** How an entity may be named at one trie node. */
  record Entry(
      String entityId,
      String baseForm,
      Entity.Alias alias,
      Set<String> context,
      Set<String> notFollowedBy,
      Set<String> notPrecededBy,
      Set<String> precededBy) {
    static Entry of(String entityId, String baseForm, Entity.Alias a) {
      return new Entry(
          entityId,
          baseForm,
          a,
          normalizedSet(a.context()),
          normalizedSet(a.notFollowedBy()),
          normalizedSet(a.notPrecededBy()),
          normalizedSet(a.precededBy()));
    }

    boolean constrained() {
      return alias.constrained();
    }
  }

  /** Children are found by a word's chars (Lucene's {@link CharArrayMap}: no String needed). */
  static final class Node {
    final CharArrayMap<Node> children = new CharArrayMap<>(2, false);
    final List<Entry> entries = new ArrayList<>();

    /** The demonym entries, tried first after an article (set once the trie is built). */
    List<Entry> demonyms = List.of();
  }

  /** A found mention: char offsets into the text, and what it refers to. */
  public record Mention(
      int start, int end, String entityId, String entityType, String form, String rollupId) {}

  private static LexiconMatcher shared;

  /**
   * One matcher per JVM for the catalog asked for last. Building one takes 50–200 ms, and every
   * Spark task deserialises its own copy of the catalog: without this, each task built its own.
   * {@link #find} only reads, so tasks running at once share it safely.
   */
  public static synchronized LexiconMatcher shared(Catalog catalog) {
    if (shared == null || !shared.catalog.equals(catalog)) {
      shared = new LexiconMatcher(catalog);
    }
    return shared;
  }

  public LexiconMatcher(Catalog catalog) {
    this.catalog = catalog;
    for (Entity e : catalog.entities().values()) {
      // A label that is also a constrained alias (عمّان) is matched only under the alias's rule.
      String label = Tokenizer.normalize(e.ar());
      boolean ruled =
          e.aliases().stream()
              .anyMatch(a -> a.constrained() && Tokenizer.normalize(a.name()).equals(label));
      if (!ruled) {
        add(e.ar(), Entry.of(e.id(), "name", Entity.Alias.plain(e.ar())));
      }
      for (Entity.Alias a : e.aliases()) {
        add(a.name(), Entry.of(e.id(), "alias", a));
      }
      for (Entity.Alias d : e.demonyms()) {
        String norm = Tokenizer.normalize(d.name());
        boolean nisba = norm.endsWith("ي") && !norm.contains(" ");
        for (String suffix : nisba ? DEMONYM_SUFFIXES : List.of("")) {
          addNormalized(norm + suffix, Entry.of(e.id(), "demonym", d));
        }
      }
    }
    // Shared names: entries with rules are tried before plain ones at every node.
    sortEntries(root);
    Map<String, List<Start>> byWord = new HashMap<>();
    root.children.forEach(
        (key, node) -> {
          String word = new String((char[]) key);
          byWord.computeIfAbsent(word, k -> new ArrayList<>()).add(new Start("", node));
          if (word.length() >= 2) {
            for (String p : PROCLITICS) {
              byWord.computeIfAbsent(p + word, k -> new ArrayList<>()).add(new Start(p, node));
            }
          }
          // ل before the name's own article contracts: ل + العراق is written للعراق.
          if (word.startsWith("ال") && word.length() >= 4) {
            for (String conj : List.of("", "و", "ف")) {
              byWord
                  .computeIfAbsent(conj + "لل" + word.substring(2), k -> new ArrayList<>())
                  .add(new Start(conj + "ل", node));
            }
          }
        });
    // Most words of a text start no name: a sparse table ends most misses at the first slot.
    starts = new CharArrayMap<>(byWord.size() * 4, false);
    starts.putAll(byWord);
  }

  private static void sortEntries(Node n) {
    n.entries.sort(Comparator.comparing((Entry x) -> !x.constrained()));
    n.demonyms = n.entries.stream().filter(e -> e.baseForm().equals("demonym")).toList();
    n.children.values().forEach(LexiconMatcher::sortEntries);
  }

  /** Normalised words; a trailing {@code *} (as in {@code ال*}) keeps its meaning: a prefix. */
  private static Set<String> normalizedSet(List<String> words) {
    Set<String> s = new HashSet<>();
    for (String w : words) {
      boolean prefix = w.endsWith("*");
      String n = Tokenizer.normalize(prefix ? w.substring(0, w.length() - 1) : w);
      s.add(prefix ? n + "*" : n);
    }
    return s;
  }

  /** {@link #matchesAny} for the word or the word without a proclitic (وأم is أم). */
  static boolean matchesWithClitics(Set<String> patterns, String word) {
    for (String p : candidatesPrefixes(word)) {
      if (matchesAny(patterns, word.substring(p.length()))) {
        return true;
      }
    }
    return false;
  }

  /** True if {@code word} is one of {@code patterns}, or starts with a {@code prefix*} one. */
  static boolean matchesAny(Set<String> patterns, String word) {
    if (patterns.contains(word)) {
      return true;
    }
    for (String p : patterns) {
      if (p.endsWith("*") && word.startsWith(p.substring(0, p.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  private void add(String name, Entry entry) {
    addNormalized(Tokenizer.normalize(name), entry);
  }

  private void addNormalized(String norm, Entry entry) {
    if (norm.isEmpty()) {
      return;
    }
    Node n = root;
    for (String part : norm.split(" ")) {
      n = n.children.computeIfAbsent(part, k -> new Node());
    }
    for (Entry existing : n.entries) {
      if (existing.entityId().equals(entry.entityId())
          && existing.baseForm().equals(entry.baseForm())
          && existing.alias().equals(entry.alias())) {
        return;
      }
    }
    n.entries.add(entry);
  }

  /** Mentions in {@code text[from, to)} (one sentence), published on {@code day}. */
  public List<Mention> find(String text, int from, int to, LocalDate day) {
    Words words = WORDS.get();
    Tokenizer.scan(text, from, to, words);
    List<Mention> out = new ArrayList<>();
    // Built once per sentence, and only if an alias with a context rule is reached.
    SentenceWords sentenceWords = new SentenceWords(words);
    char[] chars = words.chars();
    int size = words.size();
    int i = 0;
    while (i < size) {
      int bestEnd = -1;
      int bestStrip = Integer.MAX_VALUE;
      Entry bestEntry = null;
      List<Start> candidates = starts.get(chars, words.normStart(i), words.normLength(i));
      if (candidates == null) {
        i++;
        continue;
      }
      for (Start start : candidates) {
        String prefix = start.prefix();
        Node n = start.node();
        int j = i + 1;
        while (n != null) {
          if (!n.entries.isEmpty()) {
            Entry e = firstValid(n, words, i, j, sentenceWords, day, isDefinite(prefix));
            if (e != null && (j > bestEnd || (j == bestEnd && prefix.length() < bestStrip))) {
              bestEnd = j;
              bestStrip = prefix.length();
              bestEntry = e;
            }
          }
          if (j >= size || n.children.isEmpty()) {
            break;
          }
          n = n.children.get(chars, words.normStart(j), words.normLength(j));
          j++;
        }
      }
      if (bestEntry == null) {
        i++;
        continue;
      }
      out.add(toMention(bestEntry, words.start(i), words.end(bestEnd - 1), day));
      i = bestEnd;
    }
    return out;
  }

  /** The stripped prefix carried the article (ال, لل): an adjective, so a demonym if one fits. */
  private static boolean isDefinite(String prefix) {
    return prefix.endsWith("ال") || prefix.endsWith("لل");
  }

  private Entry firstValid(
      Node n,
      Words words,
      int first,
      int next,
      SentenceWords sentenceWords,
      LocalDate day,
      boolean definite) {
    if (definite) {
      // السورية after its article is "the Syrian", not the country's other name سورية.
      Entry demonym = firstValid(n.demonyms, words, first, next, sentenceWords, day);
      if (demonym != null) {
        return demonym;
      }
    }
    return firstValid(n.entries, words, first, next, sentenceWords, day);
  }

  private Entry firstValid(
      List<Entry> entries,
      Words words,
      int first,
      int next,
      SentenceWords sentenceWords,
      LocalDate day) {
    for (Entry e : entries) {
      if (!e.alias().validOn(day)) {
        continue;
      }
      if (!e.notPrecededBy().isEmpty()
          && first > 0
          && matchesWithClitics(e.notPrecededBy(), words.norm(first - 1))) {
        continue;
      }
      if (!e.precededBy().isEmpty()
          && (first == 0 || !matchesWithClitics(e.precededBy(), words.norm(first - 1)))) {
        continue;
      }
      if (!e.notFollowedBy().isEmpty()
          && next < words.size()
          && matchesAny(e.notFollowedBy(), words.norm(next))) {
        continue;
      }
      if (!e.context().isEmpty() && e.context().stream().noneMatch(sentenceWords.get()::contains)) {
        continue;
      }
      return e;
    }
    return null;
  }

  /** A sentence's words for context rules, built once and only if a context rule is reached. */
  private static final class SentenceWords {
    private final Words words;
    private Set<String> set;

    SentenceWords(Words words) {
      this.words = words;
    }

    /** Every word of the sentence, also without its proclitics. */
    Set<String> get() {
      if (set == null) {
        set = new HashSet<>();
        for (int i = 0; i < words.size(); i++) {
          String w = words.norm(i);
          for (String p : candidatesPrefixes(w)) {
            set.add(w.substring(p.length()));
          }
        }
      }
      return set;
    }
  }

  /** The proclitic sequences, for engines that build their own patterns. */
  public static List<String> procliticsForPatterns() {
    return PROCLITICS;
  }

  /** "" and every proclitic sequence that {@code word} starts with, leaving 2+ letters. */
  static List<String> candidatesPrefixes(String word) {
    List<String> out = new ArrayList<>(4);
    out.add("");
    for (String p : PROCLITICS) {
      if (word.length() - p.length() >= 2 && word.startsWith(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private Mention toMention(Entry entry, int start, int end, LocalDate day) {
    Entity e = catalog.get(entry.entityId());
    String[] formAndRollup = catalog.formAndRollup(e.id(), entry.baseForm(), day);
    return new Mention(start, end, e.id(), e.type(), formAndRollup[0], formAndRollup[1]);
  }

  private static List<String> proclitics() {
    Set<String> s = new HashSet<>();
    for (String conj : List.of("", "و", "ف")) {
      for (String prep : List.of("", "ب", "ل", "ك")) {
        for (String art : List.of("", "ال")) {
          String p = prep.equals("ل") && art.equals("ال") ? "لل" : prep + art;
          String all = conj + p;
          if (!all.isEmpty()) {
            s.add(all);
          }
        }
      }
    }
    List<String> out = new ArrayList<>(s);
    out.sort(Comparator.comparing(String::length).reversed().thenComparing(x -> x));
    return List.copyOf(out);
  }
}
