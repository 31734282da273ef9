package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.marsad.spark.Lookahead;
import org.marsad.tables.Tables.Col;

/**
 * Mentions shuffled once, by story, and streamed story by story, article by article, through a
 * counter that holds only the story at hand ({@link StoryCounter}, {@link TrendCounter}): memory
 * per task is one story's counts whatever the corpus size.
 *
 * @param <C> the per-partition counter
 */
abstract class StoryStream<C> implements FlatMapFunction<Iterator<Row>, Row> {

  /**
   * {@code story_id, article_id}, then {@code columns}, shuffled by story and sorted by story and
   * article: the input of {@link #call}.
   */
  static Dataset<Row> sortedByStory(Dataset<Row> mentions, String... columns) {
    List<Column> cols = new ArrayList<>(List.of(col(Col.STORY_ID), col(Col.ARTICLE_ID)));
    for (String c : columns) {
      cols.add(col(c));
    }
    return mentions
        .select(cols.toArray(Column[]::new))
        .repartition(col(Col.STORY_ID))
        .sortWithinPartitions(Col.STORY_ID, Col.ARTICLE_ID);
  }

  /**
   * The sorted distinct values of each group of columns, in one Spark job (the dictionaries of the
   * count keys: a few thousand ids at most, never the data's size).
   */
  static Map<String, List<String>> distinctValues(
      Dataset<Row> rows, Map<String, List<String>> columnsByGroup) {
    Dataset<Row> all = null;
    for (Map.Entry<String, List<String>> g : columnsByGroup.entrySet()) {
      for (String c : g.getValue()) {
        Dataset<Row> one = rows.select(lit(g.getKey()).as("g"), col(c).as("v"));
        all = all == null ? one : all.union(one);
      }
    }
    Map<String, TreeSet<String>> sets = new TreeMap<>();
    columnsByGroup.keySet().forEach(g -> sets.put(g, new TreeSet<>()));
    for (Row r : all.distinct().collectAsList()) {
      sets.get(r.getString(0)).add(r.getString(1));
    }
    Map<String, List<String>> out = new TreeMap<>();
    sets.forEach((g, s) -> out.put(g, new ArrayList<>(s)));
    return out;
  }

  /** A counter for one partition. */
  abstract C counter();

  /** One article's rows (all of the same story and article, in {@link #sortedByStory} layout). */
  abstract void addArticle(C counter, List<Row> article);

  /** The current story's rows; the counter is then ready for the next story. */
  abstract List<Row> drain(C counter);

  @Override
  public Iterator<Row> call(Iterator<Row> in) {
    C counter = counter();
    return new Lookahead<>() {
      private Row next = in.hasNext() ? in.next() : null;
      private Iterator<Row> out = Collections.emptyIterator();

      @Override
      protected Row computeNext() {
        while (!out.hasNext() && next != null) {
          out = countStory().iterator();
        }
        return out.hasNext() ? out.next() : null;
      }

      /** Consumes the rows of the story {@code next} starts, article by article. */
      private List<Row> countStory() {
        String story = next.getString(0);
        while (next != null && next.getString(0).equals(story)) {
          String article = next.getString(1);
          List<Row> rows = new ArrayList<>();
          while (next != null
              && next.getString(0).equals(story)
              && next.getString(1).equals(article)) {
            rows.add(next);
            next = in.hasNext() ? in.next() : null;
          }
          addArticle(counter, rows);
        }
        return drain(counter);
      }
    };
  }
}
