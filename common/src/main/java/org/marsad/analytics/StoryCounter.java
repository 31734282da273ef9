package org.marsad.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The co-occurrence counts of one story, in one pass over its mentions, article by article. A
 * story's articles are few (one article, or its near-copies), so its counts fit in memory whatever
 * the corpus size; Spark then only adds up stories. For each day, scope and level it counts:
 *
 * <ul>
 *   <li>{@code pair} rows: units naming both a and b (a &lt; b), the articles with such a unit, and
 *       the story's first such unit that day as evidence;
 *   <li>{@code entity} rows: units naming the entity, and its articles;
 *   <li>{@code set} rows, per watch list: units naming any member and every member, and their
 *       articles.
 * </ul>
 *
 * Rows are per day only: a week or a month adds up its days' units and articles, and counts the
 * story once through {@code firsts}, which marks, per granularity, the one day row that stands for
 * the story in that period (for a pair, the day holding the story's first unit of the period, so
 * its evidence is the period's) and whether the story named every member of a set in that period.
 * That is a third of the rows one per period would take.
 */
public final class StoryCounter {

  /** An evidence pointer: the article, its day, and both entities' first mention in the unit. */
  public static final StructType EVIDENCE =
      new StructType()
          .add("article_id", DataTypes.StringType)
          .add("pub_date", DataTypes.DateType)
          .add("a_field", DataTypes.StringType)
          .add("a_paragraph_idx", DataTypes.IntegerType)
          .add("a_sentence_idx", DataTypes.IntegerType)
          .add("a_start", DataTypes.IntegerType)
          .add("a_end", DataTypes.IntegerType)
          .add("b_field", DataTypes.StringType)
          .add("b_paragraph_idx", DataTypes.IntegerType)
          .add("b_sentence_idx", DataTypes.IntegerType)
          .add("b_start", DataTypes.IntegerType)
          .add("b_end", DataTypes.IntegerType);

  /**
   * Rows out: the group as a {@link CountKey} of a day; for sets, {@code units}/{@code articles}
   * count units naming any member and {@code all_*} those naming every member; {@code evidence} is
   * {@link Evidence#encode encoded}; {@code firsts}: see {@link #storyBit} and {@link #allBit}.
   */
  public static final StructType SCHEMA =
      new StructType()
          .add("key", DataTypes.LongType, false)
          .add("units", DataTypes.LongType, false)
          .add("articles", DataTypes.LongType, false)
          .add("all_units", DataTypes.LongType, false)
          .add("all_articles", DataTypes.LongType, false)
          .add("evidence", DataTypes.StringType, true)
          .add("firsts", DataTypes.IntegerType, false);

  /** The bit of {@code firsts} set on the one row that counts the story in its period. */
  public static int storyBit(int granularity) {
    return 1 << (2 * granularity);
  }

  /** The bit of {@code firsts} set (on that row) if the story named all of a set's members. */
  public static int allBit(int granularity) {
    return 1 << (2 * granularity + 1);
  }

  /** One mention, as far as co-occurrence needs it. */
  public record Mention(
      String field,
      int paragraph,
      int sentence,
      int start,
      int end,
      String entityId,
      String rollupId) {}

  /** An entity's first mention in a unit: field, paragraph, sentence, start, end order. */
  record First(String field, int paragraph, int sentence, int start, int end)
      implements Comparable<First> {
    @Override
    public int compareTo(First o) {
      int c = field.compareTo(o.field);
      if (c == 0) c = Integer.compare(paragraph, o.paragraph);
      if (c == 0) c = Integer.compare(sentence, o.sentence);
      if (c == 0) c = Integer.compare(start, o.start);
      if (c == 0) c = Integer.compare(end, o.end);
      return c;
    }
  }

  record Evidence(String articleId, LocalDate day, First a, First b)
      implements Comparable<Evidence> {
    @Override
    public int compareTo(Evidence o) {
      int c = articleId.compareTo(o.articleId);
      if (c == 0) c = day.compareTo(o.day);
      if (c == 0) c = a.compareTo(o.a);
      if (c == 0) c = b.compareTo(o.b);
      return c;
    }

    /** The smaller of two pointers, either of which may be null. */
    static Evidence first(Evidence x, Evidence y) {
      return x == null || (y != null && y.compareTo(x) < 0) ? y : x;
    }

    /**
     * The pointer as one short string that sorts as the struct does, so the first few are the first
     * in a sort: the article id and each field end with a separator that sorts before any of their
     * characters (they are ASCII); the day and the numbers (never negative) are written as a
     * length, then base-64 digits, both in characters that sort as their values do. Half the length
     * of ten-digit decimals, which the pairs' partial sums carry through the shuffle. {@link
     * #decode} turns it back.
     */
    String encode() {
      StringBuilder b = new StringBuilder(64).append(articleId).append(SEP);
      number(b, CountKey.dayNumber(day));
      for (First f : new First[] {a, this.b}) {
        b.append(f.field).append(SEP);
        number(b, f.paragraph);
        number(b, f.sentence);
        number(b, f.start);
        number(b, f.end);
      }
      return b.toString();
    }

    /** {@code n}'s count of base-64 digits as one character, then the digits, highest first. */
    private static void number(StringBuilder b, long n) {
      if (n < 0) {
        throw new IllegalArgumentException("negative index or offset in evidence: " + n);
      }
      int digits = 1;
      while (n >>> (6 * digits) != 0) {
        digits++;
      }
      b.append((char) (DIGIT + digits));
      for (int d = digits - 1; d >= 0; d--) {
        b.append((char) (DIGIT + (n >>> (6 * d) & 63)));
      }
    }
  }

  static final char SEP = '\u0001';

  /** The first of 64 ASCII characters in order ('0' to 'o') that encode digits and lengths. */
  private static final char DIGIT = '0';

  /** An {@link Evidence#encode encoded} pointer back as an {@link #EVIDENCE} struct. */
  public static Row decode(String encoded) {
    Object[] v = new Object[EVIDENCE.fields().length];
    int[] at = {0};
    v[0] = field(encoded, at);
    v[1] = java.sql.Date.valueOf(CountKey.EPOCH.plusDays(number(encoded, at)));
    for (int side = 0; side < 2; side++) {
      int first = 2 + 5 * side;
      v[first] = field(encoded, at);
      for (int n = 1; n < 5; n++) {
        v[first + n] = (int) number(encoded, at);
      }
    }
    return RowFactory.create(v);
  }

  /** The text from {@code at[0]} to the next separator; {@code at[0]} moves past it. */
  private static String field(String s, int[] at) {
    int end = s.indexOf(SEP, at[0]);
    String f = s.substring(at[0], end);
    at[0] = end + 1;
    return f;
  }

  /**
   * The number written by {@code Evidence.number} at {@code at[0]}; {@code at[0]} moves past it.
   */
  private static long number(String s, int[] at) {
    int digits = s.charAt(at[0]++) - DIGIT;
    long n = 0;
    for (int d = 0; d < digits; d++) {
      n = n << 6 | (s.charAt(at[0]++) - DIGIT);
    }
    return n;
  }

  /** A unit within an article; parts a scope does not use are "" and -1. */
  private record Unit(String field, int paragraph, int sentence) {}

  private static final class Counts {
    long units;
    long articles;
    long allUnits;
    long allArticles;
    Evidence evidence;
  }

  private final CountKey keys;

  /** The settings' scopes, as indexes of {@link AnalyticsSettings#SCOPES}. */
  private final int[] scopes;

  /** Per watch list: its number in the keys, then its members' entity numbers (-1: never seen). */
  private final int[][] sets;

  /**
   * This story's counts, by day key. Both maps are made anew rather than cleared: a cleared map
   * keeps the table of its largest story, and iterating it costs that size every time.
   */
  private Map<Long, Counts> story = new HashMap<>();

  /** One article's counts for one scope and level, by day key. */
  private Map<Long, Counts> article;

  public StoryCounter(AnalyticsSettings settings, CountKey keys) {
    this.keys = keys;
    this.scopes = settings.scopes().stream().mapToInt(AnalyticsSettings.SCOPES::indexOf).toArray();
    this.sets = new int[settings.watchlists().size()][];
    int i = 0;
    for (Map.Entry<String, List<String>> set : settings.watchlists().entrySet()) {
      int[] s = new int[set.getValue().size() + 1];
      s[0] = keys.set(set.getKey());
      for (int m = 0; m < set.getValue().size(); m++) {
        s[m + 1] = keys.entity(set.getValue().get(m));
      }
      sets[i++] = s;
    }
  }

  /** Adds one article of the current story: its day and all its mentions. */
  public void addArticle(String articleId, LocalDate day, List<Mention> mentions) {
    if (mentions.isEmpty()) {
      return;
    }
    long dayNumber = CountKey.dayNumber(day);
    int n = mentions.size();
    int[][] byLevel = new int[CountKey.LEVELS.size()][n];
    First[] firsts = new First[n];
    for (int i = 0; i < n; i++) {
      Mention m = mentions.get(i);
      byLevel[0][i] = number(m.entityId());
      byLevel[1][i] = number(m.rollupId());
      firsts[i] = new First(m.field(), m.paragraph(), m.sentence(), m.start(), m.end());
    }
    for (int scope : scopes) {
      for (int level = 0; level < byLevel.length; level++) {
        Map<Unit, TreeMap<Integer, First>> units =
            unitEntities(mentions, firsts, byLevel[level], scope);
        article = new HashMap<>();
        for (TreeMap<Integer, First> ents : units.values()) {
          countUnit(articleId, day, dayNumber, scope, level, ents);
        }
        for (Map.Entry<Long, Counts> e : article.entrySet()) {
          Counts c = e.getValue();
          Counts s = story.computeIfAbsent(e.getKey(), x -> new Counts());
          s.units += c.units;
          s.articles += 1;
          s.allUnits += c.allUnits;
          s.allArticles += c.allUnits > 0 ? 1 : 0;
          s.evidence = Evidence.first(s.evidence, c.evidence);
        }
      }
    }
  }

  private int number(String entity) {
    int i = keys.entity(entity);
    if (i < 0) {
      throw new IllegalArgumentException("entity not in the dictionary: " + entity);
    }
    return i;
  }

  /**
   * Per unit of the scope, its distinct entities at the level (by number, which sorts as the ids
   * do) with their first mention.
   */
  private static Map<Unit, TreeMap<Integer, First>> unitEntities(
      List<Mention> mentions, First[] firsts, int[] entities, int scope) {
    Map<Unit, TreeMap<Integer, First>> units = new HashMap<>();
    boolean inField = scope != AnalyticsSettings.SCOPES.indexOf("article");
    boolean sentence = scope == AnalyticsSettings.SCOPES.indexOf("sentence");
    for (int i = 0; i < entities.length; i++) {
      Mention m = mentions.get(i);
      Unit u =
          new Unit(
              inField ? m.field() : "", inField ? m.paragraph() : -1, sentence ? m.sentence() : -1);
      units
          .computeIfAbsent(u, x -> new TreeMap<>())
          .merge(entities[i], firsts[i], (x, y) -> x.compareTo(y) <= 0 ? x : y);
    }
    return units;
  }

  /** One unit's contribution to the article's counts. */
  private void countUnit(
      String articleId,
      LocalDate day,
      long dayNumber,
      int scope,
      int level,
      TreeMap<Integer, First> ents) {
    int n = ents.size();
    int[] ids = new int[n];
    First[] firsts = new First[n];
    int k = 0;
    for (Map.Entry<Integer, First> e : ents.entrySet()) {
      ids[k] = e.getKey();
      firsts[k++] = e.getValue();
    }
    for (int i = 0; i < n; i++) {
      article.computeIfAbsent(
              CountKey.packDay(CountKey.ENTITY, dayNumber, scope, level, ids[i], -1),
              x -> new Counts())
          .units++;
      for (int j = i + 1; j < n; j++) {
        Counts c =
            article.computeIfAbsent(
                CountKey.packDay(CountKey.PAIR, dayNumber, scope, level, ids[i], ids[j]),
                x -> new Counts());
        c.units++;
        // Same article and day: the pointer with the earlier pair of first mentions.
        if (c.evidence == null || before(firsts[i], firsts[j], c.evidence)) {
          c.evidence = new Evidence(articleId, day, firsts[i], firsts[j]);
        }
      }
    }
    for (int[] set : sets) {
      int present = 0;
      for (int m = 1; m < set.length; m++) {
        if (set[m] >= 0 && ents.containsKey(set[m])) {
          present++;
        }
      }
      if (present > 0) {
        Counts c =
            article.computeIfAbsent(
                CountKey.packDay(CountKey.SET, dayNumber, scope, level, set[0], -1),
                x -> new Counts());
        c.units++;
        c.allUnits += present == set.length - 1 ? 1 : 0;
      }
    }
  }

  private static boolean before(First a, First b, Evidence e) {
    int c = a.compareTo(e.a());
    return c < 0 || (c == 0 && b.compareTo(e.b()) < 0);
  }

  /** The current story's rows; the counter is then empty, ready for the next story. */
  public List<Row> drain() {
    Map<Long, Integer> firsts = new HashMap<>();
    for (Map.Entry<Long, Counts> e : story.entrySet()) {
      // A day row stands for the story on its day.
      firsts.put(e.getKey(), storyBit(0) | (e.getValue().allArticles > 0 ? allBit(0) : 0));
    }
    for (int g = 1; g < Periods.ALL.size(); g++) {
      String granularity = Periods.ALL.get(g);
      // Per period of this granularity, the day row that stands for the story, and whether the
      // story named every member of the set in it.
      Map<Long, Long> standsFor = new HashMap<>();
      Map<Long, Boolean> all = new HashMap<>();
      for (Map.Entry<Long, Counts> e : story.entrySet()) {
        long day = e.getKey();
        long period = CountKey.toPeriod(day, granularity);
        standsFor.merge(period, day, (x, y) -> earlier(x, y) ? x : y);
        all.merge(period, e.getValue().allArticles > 0, Boolean::logicalOr);
      }
      int bit = storyBit(g) | allBit(g);
      for (Map.Entry<Long, Long> e : standsFor.entrySet()) {
        int bits = all.get(e.getKey()) ? bit : storyBit(g);
        firsts.merge(e.getValue(), bits, (x, y) -> x | y);
      }
    }
    List<Row> out = new ArrayList<>(story.size());
    for (Map.Entry<Long, Counts> e : story.entrySet()) {
      Counts c = e.getValue();
      out.add(
          RowFactory.create(
              e.getKey(),
              c.units,
              c.articles,
              c.allUnits,
              c.allArticles,
              c.evidence == null ? null : c.evidence.encode(),
              firsts.get(e.getKey())));
    }
    story = new HashMap<>();
    return out;
  }

  /**
   * Whether day row {@code x} rather than {@code y} (same group, other days) stands for the story
   * in their period: for a pair, the one with the first evidence (so the period's evidence is the
   * story's first unit in it); otherwise the earlier day (the keys differ only in the day).
   */
  private boolean earlier(long x, long y) {
    Evidence ex = story.get(x).evidence;
    Evidence ey = story.get(y).evidence;
    if (ex != null && ey != null) {
      return ex.compareTo(ey) <= 0;
    }
    return x <= y;
  }
}
