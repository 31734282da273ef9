package org.marsad.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The trend counts of one story, article by article: per day, level, entity and source, the
 * mentions and the articles naming the entity, and, per granularity, which one of those rows stands
 * for the story in its period ({@code firsts}, as in {@link StoryCounter}). Spark then adds rows up
 * per period, level, entity and source, and once more per period, level and entity counting the
 * sources: every count is a sum, with no distinct count over string keys (which spilled and sorted
 * most of the trends job at -Xmx1g).
 */
public final class TrendCounter {
  /** Rows out: a {@link CountKey} (entity kind, day, level, a = entity, b = source number). */
  public static final StructType SCHEMA =
      new StructType()
          .add("key", DataTypes.LongType, false)
          .add("mentions", DataTypes.LongType, false)
          .add("articles", DataTypes.LongType, false)
          .add("firsts", DataTypes.IntegerType, false);

  private static final class Counts {
    long mentions;
    long articles;
  }

  private final CountKey keys;
  private final Map<String, Integer> sources;
  private Map<Long, Counts> story = new HashMap<>();

  /**
   * @param keys the entity dictionary
   * @param sources every source of the counted mentions, numbered
   */
  public TrendCounter(CountKey keys, Map<String, Integer> sources) {
    this.keys = keys;
    this.sources = sources;
  }

  /** Adds one article of the current story: its day, source, and its mentions' entity ids. */
  public void addArticle(LocalDate day, String source, List<String[]> entityAndRollup) {
    if (entityAndRollup.isEmpty()) {
      return;
    }
    long dayNumber = CountKey.dayNumber(day);
    int src = sources.get(source);
    Map<Long, Counts> article = new HashMap<>();
    for (String[] m : entityAndRollup) {
      for (int level = 0; level < 2; level++) {
        int entity = keys.entity(m[level]);
        if (entity < 0) {
          throw new IllegalArgumentException("entity not in the dictionary: " + m[level]);
        }
        long key = CountKey.packDay(CountKey.ENTITY, dayNumber, 0, level, entity, src);
        article.computeIfAbsent(key, k -> new Counts()).mentions++;
      }
    }
    for (Map.Entry<Long, Counts> e : article.entrySet()) {
      Counts s = story.computeIfAbsent(e.getKey(), k -> new Counts());
      s.mentions += e.getValue().mentions;
      s.articles++;
    }
  }

  /** The current story's rows; the counter is then empty, ready for the next story. */
  public List<Row> drain() {
    Map<Long, Integer> firsts = new HashMap<>();
    for (int g = 0; g < Periods.ALL.size(); g++) {
      // Per period, level and entity: the row (earliest day, then smallest source number) that
      // stands for the story.
      Map<Long, Long> standsFor = new HashMap<>();
      for (long day : story.keySet()) {
        long period = CountKey.toPeriod(CountKey.withoutB(day), Periods.ALL.get(g));
        standsFor.merge(period, day, Math::min);
      }
      int bit = StoryCounter.storyBit(g);
      for (long day : standsFor.values()) {
        firsts.merge(day, bit, (x, y) -> x | y);
      }
    }
    List<Row> out = new ArrayList<>(story.size());
    for (Map.Entry<Long, Counts> e : story.entrySet()) {
      out.add(
          RowFactory.create(
              e.getKey(),
              e.getValue().mentions,
              e.getValue().articles,
              firsts.getOrDefault(e.getKey(), 0)));
    }
    story = new HashMap<>();
    return out;
  }
}
