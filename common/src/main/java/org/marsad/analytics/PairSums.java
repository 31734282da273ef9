package org.marsad.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.spark.Lookahead;
import scala.collection.JavaConverters;

/**
 * A pair's counts in a period, added up from its story rows: units, articles and stories summed,
 * the first {@code k} evidence pointers kept (equal ones too: each is another story), only pairs
 * with at least {@code minSupport} units out. Rows come sorted by their long key and are added up
 * as they stream by, one key held at a time: {@link #partial} in each task before the shuffle,
 * {@link #total} after it. Spark's aggregation with an object buffer for the pointers (no built-in
 * keeps the first few) gave up its hash map past 128 keys for a sort on rows of Java objects,
 * twice.
 */
public final class PairSums implements FlatMapFunction<Iterator<Row>, Row> {
  /** Input of {@link #partial}: story rows of pairs. */
  public static final List<String> INPUT =
      List.of("key", "units", "articles", "stories", "evidence");

  /** Output of {@link #partial}, input of {@link #total}. */
  public static final StructType COMBINED =
      new StructType()
          .add("key", DataTypes.LongType, false)
          .add("units", DataTypes.LongType, false)
          .add("articles", DataTypes.LongType, false)
          .add("stories", DataTypes.LongType, false)
          .add("evidence", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /** Output; nullable as the aggregation's was, so the table's files keep one schema. */
  public static final StructType SCHEMA =
      new StructType()
          .add("key", DataTypes.LongType, false)
          .add("n_ab", DataTypes.LongType)
          .add("n_ab_articles", DataTypes.LongType)
          .add("n_ab_stories", DataTypes.LongType)
          .add("evidence", DataTypes.createArrayType(StoryCounter.EVIDENCE, false));

  private final int k;
  private final long minSupport;
  private final boolean partial;

  private PairSums(int k, long minSupport, boolean partial) {
    this.k = Math.max(0, k);
    this.minSupport = minSupport;
    this.partial = partial;
  }

  /** One task's story rows ({@link #INPUT}, sorted by key) added up: {@link #COMBINED} rows. */
  public static PairSums partial(int k) {
    return new PairSums(k, 0, true);
  }

  /**
   * {@link #COMBINED} rows sorted by key added up: the pairs with the support ({@link #SCHEMA}).
   */
  public static PairSums total(int k, long minSupport) {
    return new PairSums(k, minSupport, false);
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

  @Override
  public Iterator<Row> call(Iterator<Row> in) {
    return new Lookahead<>() {
      private Row pending = in.hasNext() ? in.next() : null;

      /** The next key's row (with the support, after the shuffle), or null at the end. */
      @Override
      protected Row computeNext() {
        while (pending != null) {
          Sums s = new Sums(pending.getLong(0));
          while (pending != null && pending.getLong(0) == s.key) {
            s.add(pending.getLong(1), pending.getLong(2), pending.getLong(3));
            if (!partial) {
              for (String e : pending.<String>getList(4)) {
                keepFirst(s.evidence, e, k);
              }
            } else if (!pending.isNullAt(4)) {
              keepFirst(s.evidence, pending.getString(4), k);
            }
            pending = in.hasNext() ? in.next() : null;
          }
          if (partial) {
            return RowFactory.create(s.key, s.units, s.articles, s.stories, seq(s.evidence));
          }
          if (s.units >= minSupport) {
            List<Row> evidence = new ArrayList<>(s.evidence.size());
            for (String e : s.evidence) {
              evidence.add(StoryCounter.decode(e));
            }
            return RowFactory.create(s.key, s.units, s.articles, s.stories, seq(evidence));
          }
        }
        return null;
      }
    };
  }
}
