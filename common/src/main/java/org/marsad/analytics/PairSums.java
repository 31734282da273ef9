package org.marsad.analytics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.spark.Lookahead;
import scala.collection.JavaConverters;

/**
 * Pairs' and entities' counts in a period, added up from their story rows: units, articles and
 * stories summed, a pair's first {@code k} evidence pointers kept (equal ones too: each is another
 * story), and only pairs with at least {@code minSupport} units out, with both entities' counts.
 * Rows stream by in order, one group held at a time. {@link #partial}, in each task before the
 * shuffle, takes {@link StoryCounter}'s day rows sorted by {@link CountKey#groupMajor} and adds up
 * each pair's or entity's days, weeks and months as they go by. {@link #total}, after a shuffle
 * that sends each period to one task, adds up the tasks' sums sorted by {@link
 * CountKey#periodMajor} and puts each pair beside its entities' counts.
 *
 * <p>Instead: Spark's aggregation with an object buffer for the pointers (no built-in keeps the
 * first few) gave up its hash map past 128 keys for a sort on rows of Java objects, twice; each day
 * row exploded into its three periods made three rows to sort where there is one; and joining the
 * pairs with the entities' counts, once for a and once for b, shuffled every pair twice more.
 */
public final class PairSums {
  /** Input of {@link #partial}: {@link StoryCounter} rows of pairs. */
  public static final List<String> INPUT =
      List.of("key", "units", "articles", "firsts", "evidence");

  /** Output of {@link #partial}, input of {@link #total}. */
  public static final StructType COMBINED =
      new StructType()
          .add("key", DataTypes.LongType, false)
          .add("units", DataTypes.LongType, false)
          .add("articles", DataTypes.LongType, false)
          .add("stories", DataTypes.LongType, false)
          .add("evidence", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /**
   * Output of {@link #total}: a pair's counts and both entities' own; nullable as Spark's
   * aggregations made them, so the table's files keep one schema.
   */
  public static final StructType SCHEMA =
      new StructType()
          .add("key", DataTypes.LongType, false)
          .add("n_ab", DataTypes.LongType)
          .add("n_ab_articles", DataTypes.LongType)
          .add("n_ab_stories", DataTypes.LongType)
          .add("evidence", DataTypes.createArrayType(StoryCounter.EVIDENCE, false))
          .add("n_a", DataTypes.LongType)
          .add("n_a_articles", DataTypes.LongType)
          .add("n_a_stories", DataTypes.LongType)
          .add("n_b", DataTypes.LongType)
          .add("n_b_articles", DataTypes.LongType)
          .add("n_b_stories", DataTypes.LongType);

  private PairSums() {}

  /**
   * One task's day rows ({@link #INPUT}, sorted by {@link CountKey#groupMajor}) added up per period
   * of each granularity: {@link #COMBINED} rows.
   */
  public static FlatMapFunction<Iterator<Row>, Row> partial(int k, List<String> granularities) {
    int kept = Math.max(0, k);
    int[] indexes = granularities.stream().mapToInt(Periods.ALL::indexOf).toArray();
    return in -> partial(in, kept, indexes);
  }

  /**
   * {@link #COMBINED} rows of pairs and entities, each period's in one task, sorted by {@link
   * CountKey#periodMajor}, added up: the pairs with the support, with both entities' counts ({@link
   * #SCHEMA}).
   */
  public static FlatMapFunction<Iterator<Row>, Row> total(int k, long minSupport) {
    int kept = Math.max(0, k);
    return in -> total(in, kept, minSupport);
  }

  /** Running sums of one key. */
  private static final class Sums {
    final long key;
    long units;
    long articles;
    long stories;
    final List<String> evidence = new ArrayList<>(3);

    Sums(long key) {
      this.key = key;
    }

    void add(long units, long articles, long stories) {
      this.units += units;
      this.articles += articles;
      this.stories += stories;
    }

    Row combined() {
      return RowFactory.create(key, units, articles, stories, seq(evidence));
    }
  }

  /** Adds {@code value} to the sorted {@code items}, keeping the {@code k} smallest. */
  static void keepFirst(List<String> items, String value, int k) {
    if (items.size() == k && (k == 0 || value.compareTo(items.get(k - 1)) >= 0)) {
      return;
    }
    int at = Collections.binarySearch(items, value);
    items.add(at < 0 ? -at - 1 : at, value);
    if (items.size() > k) {
      items.remove(k);
    }
  }

  /** A Scala sequence, as Spark's own rows hold arrays. */
  private static <T> scala.collection.Seq<T> seq(List<T> items) {
    return JavaConverters.asScalaBuffer(items).toList();
  }

  /**
   * Day rows in group-major order: each group's days, then its weeks and months, as they end.
   *
   * @param granularities indexes in {@link Periods#ALL} of the granularities to add up
   */
  private static Iterator<Row> partial(Iterator<Row> in, int k, int[] granularities) {
    return new Lookahead<>() {
      private final Sums[] open = new Sums[granularities.length];
      private final ArrayDeque<Row> done = new ArrayDeque<>();

      /** The last row's key, and the keys of its periods. */
      private long lastKey = -1;

      private final long[] periods = new long[granularities.length];

      @Override
      protected Row computeNext() {
        while (done.isEmpty() && in.hasNext()) {
          Row r = in.next();
          long key = r.getLong(0);
          if (key != lastKey) {
            lastKey = key;
            for (int g = 0; g < periods.length; g++) {
              periods[g] = CountKey.toPeriod(key, Periods.ALL.get(granularities[g]));
            }
          }
          int firsts = r.getInt(3);
          String evidence = r.isNullAt(4) ? null : r.getString(4);
          for (int g = 0; g < periods.length; g++) {
            Sums s = open[g];
            if (s == null || s.key != periods[g]) {
              if (s != null) {
                done.add(s.combined());
              }
              s = open[g] = new Sums(periods[g]);
            }
            // The story counts in this period on the one day row marked for it.
            boolean stands = (firsts & StoryCounter.storyBit(granularities[g])) != 0;
            s.add(r.getLong(1), r.getLong(2), stands ? 1 : 0);
            if (stands && evidence != null) {
              keepFirst(s.evidence, evidence, k);
            }
          }
        }
        if (done.isEmpty()) {
          for (int g = 0; g < open.length; g++) {
            if (open[g] != null) {
              done.add(open[g].combined());
              open[g] = null;
            }
          }
        }
        return done.poll();
      }
    };
  }

  /**
   * The tasks' sums, sorted so that in each period, scope and level the entities' rows come before
   * the pairs': the pairs with the support, each with the counts of a and b, held meanwhile (one
   * period, scope and level's entities at a time).
   */
  private static Iterator<Row> total(Iterator<Row> in, int k, long minSupport) {
    return new Lookahead<>() {
      private Row pending = in.hasNext() ? in.next() : null;
      private long group = -1;
      private final Map<Integer, Sums> entities = new HashMap<>();

      @Override
      protected Row computeNext() {
        while (pending != null) {
          Sums s = new Sums(pending.getLong(0));
          boolean pair = CountKey.kind(s.key) == CountKey.PAIR;
          while (pending != null && pending.getLong(0) == s.key) {
            s.add(pending.getLong(1), pending.getLong(2), pending.getLong(3));
            if (pair) {
              for (String e : pending.<String>getList(4)) {
                keepFirst(s.evidence, e, k);
              }
            }
            pending = in.hasNext() ? in.next() : null;
          }
          if (CountKey.group(s.key) != group) {
            group = CountKey.group(s.key);
            entities.clear();
          }
          if (!pair) {
            entities.put(CountKey.a(s.key), s);
          } else if (s.units >= minSupport) {
            Sums a = side(s.key, CountKey.a(s.key));
            Sums b = side(s.key, CountKey.b(s.key));
            List<Row> evidence = new ArrayList<>(s.evidence.size());
            for (String e : s.evidence) {
              evidence.add(StoryCounter.decode(e));
            }
            return RowFactory.create(
                s.key,
                s.units,
                s.articles,
                s.stories,
                seq(evidence),
                a.units,
                a.articles,
                a.stories,
                b.units,
                b.articles,
                b.stories);
          }
        }
        return null;
      }

      /** An entity's counts in the pair's period, scope and level: present if the pair is. */
      private Sums side(long pairKey, int entity) {
        Sums e = entities.get(entity);
        if (e == null) {
          throw new IllegalStateException(
              "no counts for entity " + entity + " of pair key " + pairKey + ": rows out of order");
        }
        return e;
      }
    };
  }
}
