package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.tables.Tables.Col;

/**
 * {@code entity_trends}: per granularity, period, level and entity, the mentions, articles, stories
 * and sources that name it, the period's totals, share (articles / total_articles), and a trailing
 * baseline: the median and MAD of share over the entity's earlier periods (those with articles
 * among the {@code N} calendar periods before; a period without a mention is a zero), a robust
 * z-score {@code (share - median) / (1.4826 MAD)} and a burst flag. Every period with articles has
 * a row for each watch-list entity, zeros included. All granularities and both levels are computed
 * in one aggregation.
 */
public final class Trends {
  private Trends() {}

  /** Robust z-scores use 1.4826 MAD (consistent with the standard deviation under normality). */
  static final double MAD_SCALE = 1.4826;

  /**
   * @param articles {@code articles} over the days to read (with the baselines' look-back)
   * @param mentions {@code mentions} over the same days
   * @param from first day whose periods are written (null: all)
   * @param to last day whose periods are written (null: all)
   */
  public static Dataset<Row> compute(
      Dataset<Row> articles,
      Dataset<Row> mentions,
      AnalyticsSettings settings,
      LocalDate from,
      LocalDate to,
      String runId) {
    List<String> gs = settings.granularities();
    List<String> watched = new ArrayList<>(settings.watchedEntities());
    Dataset<Row> totals =
        articles
            .select(
                col(Col.STORY_ID),
                col(Col.SOURCE),
                explode(Periods.all(gs, col(Col.PUB_DATE))).as("p"))
            .groupBy(
                col("p.granularity").as("granularity"), col("p.period_start").as("period_start"))
            .agg(
                count(lit(1)).as("total_articles"),
                countDistinct(col(Col.STORY_ID)).as("total_stories"),
                countDistinct(col(Col.SOURCE)).as("total_sources"));
    StoryCounts counts = storyCounts(mentions, gs);
    // Every entity mentioned is seen at every granularity (each mention has a day, a week and a
    // month): the grid's entities come from the driver's dictionary, with the watch lists'
    // entities at both levels, and the counts are computed once.
    Set<List<String>> seen = new LinkedHashSet<>();
    for (String level : CountKey.LEVELS) {
      counts.seen().get(level).forEach(e -> seen.add(List.of(level, e)));
      watched.forEach(e -> seen.add(List.of(level, e)));
    }
    List<Row> entityRows = new ArrayList<>();
    for (String g : gs) {
      seen.forEach(le -> entityRows.add(RowFactory.create(g, le.get(0), le.get(1))));
    }
    Dataset<Row> entities =
        articles
            .sparkSession()
            .createDataFrame(
                entityRows,
                new StructType()
                    .add("granularity", DataTypes.StringType)
                    .add("level", DataTypes.StringType)
                    .add(Col.ENTITY_ID, DataTypes.StringType));
    // Every period with articles for every entity seen at that granularity: the baseline sees
    // the zeros.
    Dataset<Row> dense =
        totals
            .join(entities, scala(List.of("granularity")))
            .join(
                counts.rows(),
                scala(List.of("granularity", "period_start", "level", Col.ENTITY_ID)),
                "left")
            .na()
            .fill(0L, new String[] {"mentions", "articles", "stories", "sources"});
    Dataset<Row> all =
        withBaseline(dense, settings)
            .filter(col("mentions").gt(0).or(col(Col.ENTITY_ID).isin(watched.toArray())));
    return inRange(all, from, to)
        .withColumn("trends_run_id", lit(runId))
        .select(
            col("granularity"),
            col("period_start"),
            col("level"),
            col(Col.ENTITY_ID),
            col("mentions"),
            col("articles"),
            col("stories"),
            col("sources"),
            col("total_articles"),
            col("total_stories"),
            col("total_sources"),
            col("share"),
            col("share_stories"),
            col("baseline_share"),
            col("baseline_mad"),
            col("baseline_periods"),
            col("robust_z"),
            col("burst"),
            col("trends_run_id"));
  }

  /**
   * Trend counts per granularity, period, level and entity ({@code rows}: mentions, articles,
   * stories, sources), and the entity ids mentioned, by level ({@code seen}).
   */
  record StoryCounts(Dataset<Row> rows, Map<String, List<String>> seen) {}

  /**
   * Mentions are shuffled once, by story, and each story is counted in one pass ({@link
   * TrendCounter}); Spark adds up stories per source, then counts the sources: sums only, on long
   * keys.
   */
  static StoryCounts storyCounts(Dataset<Row> mentions, List<String> gs) {
    // The dictionaries: entity and rollup ids (the catalog's size), sources (a few dozen).
    Map<String, List<String>> ids =
        StoryStream.distinctValues(
            mentions,
            Map.of(
                "entity", List.of(Col.ENTITY_ID),
                "rollup", List.of(Col.ROLLUP_ID),
                "source", List.of(Col.SOURCE)));
    TreeSet<String> entities = new TreeSet<>(ids.get("entity"));
    entities.addAll(ids.get("rollup"));
    Map<String, Integer> sources = new HashMap<>();
    ids.get("source").forEach(n -> sources.put(n, sources.size()));
    CountKey keys = new CountKey(new ArrayList<>(entities), List.of());
    Dataset<Row> sorted =
        StoryStream.sortedByStory(mentions, Col.PUB_DATE, Col.SOURCE, Col.ENTITY_ID, Col.ROLLUP_ID);
    Dataset<Row> stories =
        mentions
            .sparkSession()
            .createDataFrame(
                sorted.javaRDD().mapPartitions(new CountTrendStories(keys, sources)),
                TrendCounter.SCHEMA);
    Column[] per = new Column[gs.size()];
    for (int i = 0; i < per.length; i++) {
      int bit = StoryCounter.storyBit(Periods.ALL.indexOf(gs.get(i)));
      per[i] =
          struct(
              CountKey.toPeriod(col("key"), gs.get(i)).as("key"),
              col("mentions"),
              col("articles"),
              when(col("firsts").bitwiseAND(bit).notEqual(0), 1L).otherwise(0L).as("stories"));
    }
    Column key = col("key");
    Dataset<Row> rows =
        stories
            .select(explode(array(per)).as("r"))
            .select("r.*")
            .groupBy(key)
            .agg(
                sum(col("mentions")).as("mentions"),
                sum(col("articles")).as("articles"),
                sum(col("stories")).as("stories"))
            .groupBy(CountKey.withoutB(key).as("key"))
            .agg(
                sum(col("mentions")).as("mentions"),
                sum(col("articles")).as("articles"),
                sum(col("stories")).as("stories"),
                count(lit(1)).as("sources"))
            .select(CountKey.decoded(key, keys.a(key).as(Col.ENTITY_ID)))
            .drop("key", "scope");
    return new StoryCounts(rows, Map.of("entity", ids.get("entity"), "rollup", ids.get("rollup")));
  }

  /** Streams mentions sorted by story and article through a {@link TrendCounter}. */
  private static final class CountTrendStories extends StoryStream<TrendCounter> {
    private final CountKey keys;
    private final Map<String, Integer> sources;

    CountTrendStories(CountKey keys, Map<String, Integer> sources) {
      this.keys = keys;
      this.sources = sources;
    }

    @Override
    TrendCounter counter() {
      return new TrendCounter(keys, sources);
    }

    @Override
    void addArticle(TrendCounter counter, List<Row> article) {
      List<String[]> names = new ArrayList<>(article.size());
      for (Row r : article) {
        names.add(new String[] {r.getString(4), r.getString(5)});
      }
      Row first = article.get(0);
      counter.addArticle(first.getDate(2).toLocalDate(), first.getString(3), names);
    }

    @Override
    List<Row> drain(TrendCounter counter) {
      return counter.drain();
    }
  }

  /** Rows whose period starts in the periods that [from, to] touches, at their granularity. */
  public static Dataset<Row> inRange(Dataset<Row> rows, LocalDate from, LocalDate to) {
    Column keep = lit(true);
    if (from != null) {
      Column afterFrom = lit(false);
      for (String g : Periods.ALL) {
        afterFrom =
            afterFrom.or(
                col("granularity")
                    .equalTo(g)
                    .and(
                        col("period_start")
                            .geq(lit(java.sql.Date.valueOf(Periods.startOf(g, from))))));
      }
      keep = keep.and(afterFrom);
    }
    if (to != null) {
      keep = keep.and(col("period_start").leq(lit(java.sql.Date.valueOf(to))));
    }
    return rows.filter(keep);
  }

  private static Dataset<Row> withBaseline(Dataset<Row> dense, AnalyticsSettings s) {
    Column n =
        when(col("granularity").equalTo("day"), lit(s.baselinePeriods().get("day")))
            .when(col("granularity").equalTo("week"), lit(s.baselinePeriods().get("week")))
            .otherwise(lit(s.baselinePeriods().get("month")));
    // Each entity's periods in order, then one pass per partition keeps its trailing shares: a
    // window with collect_list and lambda functions (which Spark interprets, row by row) cost
    // most of the job.
    Dataset<Row> sorted =
        dense
            .withColumn(
                "share",
                col("articles").cast("double").divide(col("total_articles").cast("double")))
            .withColumn(
                "share_stories",
                col("stories").cast("double").divide(col("total_stories").cast("double")))
            .withColumn("ord", Periods.ordinal(col("granularity"), col("period_start")))
            .withColumn("n_back", n)
            .repartition(col("granularity"), col("level"), col(Col.ENTITY_ID))
            .sortWithinPartitions("granularity", "level", Col.ENTITY_ID, "ord");
    StructType in = sorted.schema();
    StructType out =
        in.add("baseline_periods", DataTypes.IntegerType, false)
            .add("baseline_share", DataTypes.DoubleType, true)
            .add("baseline_mad", DataTypes.DoubleType, true)
            .add("mean_dev", DataTypes.DoubleType, true);
    Dataset<Row> d =
        dense
            .sparkSession()
            .createDataFrame(sorted.javaRDD().mapPartitions(new TrailingBaseline(in)), out);
    // MAD is 0 when most earlier periods are equal (often all zero): then the mean absolute
    // deviation (x 1.2533, also consistent under normality) scales the score; if that is 0 too,
    // there is no score.
    Column scale =
        when(col("baseline_mad").gt(0), col("baseline_mad").multiply(MAD_SCALE))
            .when(col("mean_dev").gt(0), col("mean_dev").multiply(1.2533));
    return d.withColumn(
            "robust_z",
            when(scale.isNotNull(), col("share").minus(col("baseline_share")).divide(scale)))
        .withColumn(
            "burst",
            coalesce(
                col("robust_z")
                    .geq(s.burstZ())
                    .and(col("articles").geq(s.burstMinArticles()))
                    .and(col("baseline_periods").geq(col("n_back").plus(1).divide(2).cast("int"))),
                lit(false)));
  }

  /**
   * Over rows sorted by granularity, level, entity and period ordinal: appends the baseline of each
   * row from the shares of the same entity's earlier rows within {@code n_back} periods (periods
   * without articles have no row, so they are not in it): their number, median, the median of the
   * absolute deviations from it (MAD) and their mean.
   */
  static final class TrailingBaseline implements FlatMapFunction<Iterator<Row>, Row> {
    private final int granularity;
    private final int level;
    private final int entity;
    private final int ord;
    private final int nBack;
    private final int share;

    TrailingBaseline(StructType schema) {
      granularity = schema.fieldIndex("granularity");
      level = schema.fieldIndex("level");
      entity = schema.fieldIndex(Col.ENTITY_ID);
      ord = schema.fieldIndex("ord");
      nBack = schema.fieldIndex("n_back");
      share = schema.fieldIndex("share");
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ArrayDeque<double[]> earlier = new ArrayDeque<>(); // {ord, share}
      Object[] group = new Object[3];
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          Object[] g = {r.get(granularity), r.get(level), r.get(entity)};
          if (!Arrays.equals(g, group)) {
            earlier.clear();
            System.arraycopy(g, 0, group, 0, 3);
          }
          int o = r.getInt(ord);
          while (!earlier.isEmpty() && earlier.peekFirst()[0] < o - r.getInt(nBack)) {
            earlier.pollFirst();
          }
          double[] hist = new double[earlier.size()];
          int i = 0;
          for (double[] e : earlier) {
            hist[i++] = e[1];
          }
          if (!r.isNullAt(share)) {
            earlier.addLast(new double[] {o, r.getDouble(share)});
          }
          Object[] v = new Object[r.size() + 4];
          for (int k = 0; k < r.size(); k++) {
            v[k] = r.get(k);
          }
          v[r.size()] = hist.length;
          if (hist.length > 0) {
            Arrays.sort(hist);
            double median = median(hist);
            double[] devs = new double[hist.length];
            for (int k = 0; k < hist.length; k++) {
              devs[k] = Math.abs(hist[k] - median);
            }
            Arrays.sort(devs);
            double sum = 0;
            for (double x : devs) {
              sum += x; // in sorted order, as the table's earlier SQL definition summed them
            }
            v[r.size() + 1] = median;
            v[r.size() + 2] = median(devs);
            v[r.size() + 3] = sum / devs.length;
          }
          return RowFactory.create(v);
        }
      };
    }

    /** The median of a sorted, non-empty array. */
    static double median(double[] sorted) {
      int mid = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
  }

  /** Column names as the Scala sequence {@code Dataset.join} takes (Scala 2.12). */
  @SuppressWarnings("deprecation")
  static scala.collection.Seq<String> scala(List<String> cols) {
    return scala.collection.JavaConverters.asScalaBuffer(cols).toSeq();
  }
}
