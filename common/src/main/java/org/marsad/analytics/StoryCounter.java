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
 * the corpus size; Spark then only adds up stories. For each period, scope and level it counts:
 *
 * <ul>
 *   <li>{@code pair} rows: units naming both a and b (a &lt; b), the articles with such a unit, and
 *       the story's first such unit as evidence;
 *   <li>{@code entity} rows: units naming the entity, and its articles;
 *   <li>{@code set} rows, per watch list: units naming any member and every member, and their
 *       articles.
 * </ul>
 *
 * Each row stands for one story, so a sum of rows counts stories.
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
   * Rows out: the group as a {@link CountKey}; for sets, {@code units}/{@code articles} count units
   * naming any member and {@code all_*} those naming every member; {@code evidence} is {@link
   * Evidence#encode encoded}.
   */
  public static final StructType SCHEMA =
      new StructType()
          .add("key", DataTypes.LongType, false)
          .add("units", DataTypes.LongType, false)
          .add("articles", DataTypes.LongType, false)
          .add("all_units", DataTypes.LongType, false)
          .add("all_articles", DataTypes.LongType, false)
          .add("evidence", DataTypes.StringType, true);

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
     * The pointer as one string that sorts as the struct does (ids and fields are ASCII; the
     * separator sorts before any of their characters; numbers are non-negative and zero-padded), so
     * the first few can be kept by a small aggregator; {@link #decode} turns it back.
     */
    String encode() {
      StringBuilder b = new StringBuilder(96).append(articleId).append(SEP).append(day);
      for (First f : new First[] {a, this.b}) {
        b.append(SEP).append(f.field);
        for (int n : new int[] {f.paragraph, f.sentence, f.start, f.end}) {
          String digits = Integer.toString(n);
          b.append(SEP).append("0".repeat(Math.max(0, 10 - digits.length()))).append(digits);
        }
      }
      return b.toString();
    }
  }

  static final String SEP = "\u0001";

  /** {@link Evidence#encode Encoded} pointers back into {@link #EVIDENCE} structs. */
  public static org.apache.spark.sql.Column decode(org.apache.spark.sql.Column encoded) {
    // Split each once, then read the parts (a lambda's split is not shared between fields).
    org.apache.spark.sql.Column parts =
        org.apache.spark.sql.functions.transform(
            encoded, e -> org.apache.spark.sql.functions.split(e, SEP));
    return org.apache.spark.sql.functions.transform(
        parts,
        p -> {
          org.apache.spark.sql.Column[] fields =
              new org.apache.spark.sql.Column[EVIDENCE.fields().length];
          for (int i = 0; i < fields.length; i++) {
            var f = EVIDENCE.fields()[i];
            org.apache.spark.sql.Column v = p.getItem(i);
            fields[i] =
                (f.dataType() == DataTypes.StringType ? v : v.cast(f.dataType())).as(f.name());
          }
          return org.apache.spark.sql.functions.struct(fields);
        });
  }

  /** A unit within an article; parts a scope does not use are "" and -1. */
  private record Unit(String field, int paragraph, int sentence) {}

  private record Key(
      int kind,
      String granularity,
      LocalDate periodStart,
      String scope,
      String level,
      String a,
      String b) {}

  private static final class Counts {
    long units;
    long articles;
    long allUnits;
    long allArticles;
    Evidence evidence;
  }

  private final AnalyticsSettings settings;
  private final CountKey keys;
  private final Map<Key, Counts> story = new HashMap<>();

  public StoryCounter(AnalyticsSettings settings, CountKey keys) {
    this.settings = settings;
    this.keys = keys;
  }

  /** Adds one article of the current story: its day and all its mentions. */
  public void addArticle(String articleId, LocalDate day, List<Mention> mentions) {
    if (mentions.isEmpty()) {
      return;
    }
    LocalDate[] periods = new LocalDate[settings.granularities().size()];
    for (int g = 0; g < periods.length; g++) {
      periods[g] = Periods.startOf(settings.granularities().get(g), day);
    }
    for (String scope : settings.scopes()) {
      for (String level : CountKey.LEVELS) {
        Map<Unit, TreeMap<String, First>> units = unitEntities(mentions, scope, level);
        Map<Key, Counts> article = new HashMap<>();
        for (TreeMap<String, First> ents : units.values()) {
          countUnit(articleId, day, scope, level, ents, article);
        }
        for (Map.Entry<Key, Counts> e : article.entrySet()) {
          Key k = e.getKey();
          Counts c = e.getValue();
          for (int g = 0; g < periods.length; g++) {
            Key pk =
                new Key(
                    k.kind, settings.granularities().get(g), periods[g], scope, level, k.a, k.b);
            Counts s = story.computeIfAbsent(pk, x -> new Counts());
            s.units += c.units;
            s.articles += 1;
            s.allUnits += c.allUnits;
            s.allArticles += c.allUnits > 0 ? 1 : 0;
            s.evidence = Evidence.first(s.evidence, c.evidence);
          }
        }
      }
    }
  }

  /**
   * Per unit of the scope, its distinct entities at the level (sorted) with their first mention.
   */
  private static Map<Unit, TreeMap<String, First>> unitEntities(
      List<Mention> mentions, String scope, String level) {
    Map<Unit, TreeMap<String, First>> units = new HashMap<>();
    boolean inField = !scope.equals("article");
    boolean sentence = scope.equals("sentence");
    for (Mention m : mentions) {
      Unit u =
          new Unit(
              inField ? m.field() : "", inField ? m.paragraph() : -1, sentence ? m.sentence() : -1);
      String ent = level.equals("entity") ? m.entityId() : m.rollupId();
      First f = new First(m.field(), m.paragraph(), m.sentence(), m.start(), m.end());
      units
          .computeIfAbsent(u, x -> new TreeMap<>())
          .merge(ent, f, (x, y) -> x.compareTo(y) <= 0 ? x : y);
    }
    return units;
  }

  /** One unit's contribution to the article's counts (keys without period). */
  private void countUnit(
      String articleId,
      LocalDate day,
      String scope,
      String level,
      TreeMap<String, First> ents,
      Map<Key, Counts> article) {
    List<Map.Entry<String, First>> list = new ArrayList<>(ents.entrySet());
    for (int i = 0; i < list.size(); i++) {
      String a = list.get(i).getKey();
      article.computeIfAbsent(
              new Key(CountKey.ENTITY, null, null, scope, level, a, null), x -> new Counts())
          .units++;
      for (int j = i + 1; j < list.size(); j++) {
        Counts c =
            article.computeIfAbsent(
                new Key(CountKey.PAIR, null, null, scope, level, a, list.get(j).getKey()),
                x -> new Counts());
        c.units++;
        c.evidence =
            Evidence.first(
                c.evidence,
                new Evidence(articleId, day, list.get(i).getValue(), list.get(j).getValue()));
      }
    }
    for (Map.Entry<String, List<String>> set : settings.watchlists().entrySet()) {
      int present = 0;
      for (String member : set.getValue()) {
        if (ents.containsKey(member)) {
          present++;
        }
      }
      if (present > 0) {
        Counts c =
            article.computeIfAbsent(
                new Key(CountKey.SET, null, null, scope, level, set.getKey(), null),
                x -> new Counts());
        c.units++;
        c.allUnits += present == set.getValue().size() ? 1 : 0;
      }
    }
  }

  /** The current story's rows; the counter is then empty, ready for the next story. */
  public List<Row> drain() {
    List<Row> out = new ArrayList<>(story.size());
    for (Map.Entry<Key, Counts> e : story.entrySet()) {
      Key k = e.getKey();
      Counts c = e.getValue();
      out.add(
          RowFactory.create(
              keys.pack(k.kind, k.granularity, k.periodStart, k.scope, k.level, k.a, k.b),
              c.units,
              c.articles,
              c.allUnits,
              c.allArticles,
              c.evidence == null ? null : c.evidence.encode()));
    }
    story.clear();
    return out;
  }
}
