package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.marsad.spark.WriteShuffle;
import org.marsad.tables.Tables.Col;

/**
 * {@code cooccurrence} and {@code entity_sets}. A unit is a sentence, a paragraph or an article
 * (field, paragraph and sentence indexes of {@code mentions}); a unit mentioning an entity three
 * times counts once. Per granularity, period, scope and level: for each pair a &lt; b with at least
 * {@code min_support} units together, {@code n_ab}, {@code n_a}, {@code n_b} and {@code n_total}
 * (all units in the period, mentioning anything or not: {@code article_units}), PMI, NPMI,
 * Dunning's G², lift and Jaccard, the same pair counted in distinct articles and stories, and
 * pointers to the first unit of the first few stories that name both. For each watch list: units
 * naming every member, any member, and the total. Stories are counted one at a time by {@link
 * StoryCounter}; Spark adds them up, so memory per task is one story's counts.
 */
public final class Cooccurrence {
  private Cooccurrence() {}

  /**
   * Units of every scope in every period: the denominators ({@code n_total}) from {@code
   * article_units}, with the period's articles and stories.
   */
  public static Dataset<Row> totals(Dataset<Row> units, AnalyticsSettings s) {
    Column[] scopes = new Column[s.scopes().size()];
    for (int i = 0; i < scopes.length; i++) {
      String scope = s.scopes().get(i);
      Column n =
          switch (scope) {
            case "sentence" -> col("sentences");
            case "paragraph" -> col("paragraphs");
            default -> col("articles");
          };
      scopes[i] = struct(lit(scope).as("scope"), n.cast("long").as("n"));
    }
    return units
        .select(
            col(Col.STORY_ID),
            col("sentences"),
            col("paragraphs"),
            explode(Periods.all(s.granularities(), col(Col.PUB_DATE))).as("p"))
        .groupBy(col("p.granularity").as("granularity"), col("p.period_start").as("period_start"))
        .agg(
            sum(col("sentences")).as("sentences"),
            sum(col("paragraphs")).as("paragraphs"),
            count(lit(1)).as("articles"),
            countDistinct(col(Col.STORY_ID)).as("total_stories"))
        .select(
            col("granularity"),
            col("period_start"),
            col("articles").as("total_articles"),
            col("total_stories"),
            explode(array(scopes)).as("sc"))
        .select(
            col("granularity"),
            col("period_start"),
            col("sc.scope").as("scope"),
            col("sc.n").as("n_total"),
            col("total_articles"),
            col("total_stories"));
  }

  /**
   * {@link StoryCounter} rows (one per story, day, scope, level and group), the {@link CountKey}
   * that decodes their keys, and the granularities to count.
   */
  public record StoryCounts(Dataset<Row> rows, CountKey keys, List<String> granularities) {
    /** The same counts, computed once for the pairs, the entities and the sets. */
    public StoryCounts keptBy(org.marsad.spark.Intermediates keep) {
      return new StoryCounts(keep.keep(rows, "story-counts"), keys, granularities);
    }

    /**
     * The sets' rows, once per granularity with the key of their period: units and articles add up
     * over days; {@code stories} and {@code all_stories} are 1 only on the row that stands for the
     * story in the period, so sums count each story once. (Pairs and entities are added up by
     * {@link PairSums}, without this explode.)
     */
    Dataset<Row> setPeriods() {
      Column[] per = new Column[granularities.size()];
      for (int i = 0; i < per.length; i++) {
        String g = granularities.get(i);
        int bit = StoryCounter.storyBit(Periods.ALL.indexOf(g));
        int allBit = StoryCounter.allBit(Periods.ALL.indexOf(g));
        Column stands = col("firsts").bitwiseAND(bit).notEqual(0);
        per[i] =
            struct(
                CountKey.toPeriod(col("key"), g).as("key"),
                col("units"),
                col("articles"),
                col("all_units"),
                col("all_articles"),
                when(stands, 1L).otherwise(0L).as("stories"),
                when(col("firsts").bitwiseAND(allBit).notEqual(0), 1L)
                    .otherwise(0L)
                    .as("all_stories"));
      }
      return rows.filter(CountKey.kind(col("key")).equalTo(CountKey.SET))
          .select(explode(array(per)).as("r"))
          .select("r.*");
    }
  }

  /**
   * Per story, day, scope and level: the pair, entity and set counts of {@link StoryCounter}.
   * Mentions are shuffled once, by story, and sorted by story and article, so each story is counted
   * in one pass holding only that story.
   */
  public static StoryCounts storyCounts(Dataset<Row> mentions, AnalyticsSettings s) {
    List<String> entities =
        StoryStream.distinctValues(mentions, Map.of("ids", List.of(Col.ENTITY_ID, Col.ROLLUP_ID)))
            .get("ids");
    CountKey keys = new CountKey(entities, new ArrayList<>(s.watchlists().keySet()));
    Dataset<Row> sorted =
        StoryStream.sortedByStory(
            mentions,
            Col.PUB_DATE,
            Col.FIELD,
            Col.PARAGRAPH_IDX,
            Col.SENTENCE_IDX,
            Col.START,
            Col.END,
            Col.ENTITY_ID,
            Col.ROLLUP_ID);
    Dataset<Row> rows =
        mentions
            .sparkSession()
            .createDataFrame(
                sorted.javaRDD().mapPartitions(new CountStories(s, keys)), StoryCounter.SCHEMA);
    return new StoryCounts(rows, keys, s.granularities());
  }

  /** Streams sorted mentions through a {@link StoryCounter}, one story at a time. */
  private static final class CountStories extends StoryStream<StoryCounter> {
    private final AnalyticsSettings settings;
    private final CountKey keys;

    CountStories(AnalyticsSettings settings, CountKey keys) {
      this.settings = settings;
      this.keys = keys;
    }

    @Override
    StoryCounter counter() {
      return new StoryCounter(settings, keys);
    }

    @Override
    void addArticle(StoryCounter counter, List<Row> article) {
      List<StoryCounter.Mention> mentions = new ArrayList<>(article.size());
      for (Row r : article) {
        mentions.add(
            new StoryCounter.Mention(
                r.getString(3),
                r.getInt(4),
                r.getInt(5),
                r.getInt(6),
                r.getInt(7),
                r.getString(8),
                r.getString(9)));
      }
      Row first = article.get(0);
      counter.addArticle(first.getString(1), first.getDate(2).toLocalDate(), mentions);
    }

    @Override
    List<Row> drain(StoryCounter counter) {
      return counter.drain();
    }
  }

  /**
   * The pairs, each period's rows in one task (write them without a shuffle).
   *
   * @param counts {@link #storyCounts}
   * @param totals {@link #totals}
   */
  public static Dataset<Row> pairs(
      StoryCounts counts,
      Dataset<Row> totals,
      AnalyticsSettings s,
      LocalDate from,
      LocalDate to,
      String runId) {
    UserDefinedFunction pmi = StatUdfs.of("marsad_pmi", Stats::pmi);
    UserDefinedFunction npmi = StatUdfs.of("marsad_npmi", Stats::npmi);
    UserDefinedFunction llr = StatUdfs.of("marsad_llr", Stats::llr);
    UserDefinedFunction lift = StatUdfs.of("marsad_lift", Stats::lift);
    UserDefinedFunction jaccard =
        StatUdfs.of("marsad_jaccard", (ab, a, b, n) -> Stats.jaccard(ab, a, b));
    // Each story counts once per period; evidence: the first unit of the first few stories.
    Dataset<Row> dayRows =
        counts
            .rows()
            .filter(CountKey.kind(col("key")).notEqual(CountKey.SET))
            .select(PairSums.INPUT.stream().map(c -> col(c)).toArray(Column[]::new))
            .sortWithinPartitions(CountKey.groupMajor(col("key")));
    SparkSession spark = dayRows.sparkSession();
    Dataset<Row> partial =
        WriteShuffle.by(
                spark.createDataFrame(
                    dayRows
                        .javaRDD()
                        .mapPartitions(PairSums.partial(s.evidence(), counts.granularities())),
                    PairSums.COMBINED),
                CountKey.period(col("key")))
            .sortWithinPartitions(CountKey.periodMajor(col("key")));
    Dataset<Row> nab =
        spark.createDataFrame(
            partial.javaRDD().mapPartitions(PairSums.total(s.evidence(), s.minSupport())),
            PairSums.SCHEMA);
    Column key = col("key");
    CountKey keys = counts.keys();
    // Totals are a row per period and scope: broadcast, so the pairs stay where they are, each
    // period in one task (and one file).
    Dataset<Row> rows =
        nab.select(CountKey.decoded(key, keys.a(key).as("entity_a"), keys.b(key).as("entity_b")))
            .join(broadcast(totals), Trends.scala(List.of("granularity", "period_start", "scope")));
    Column[] args = {col("n_ab"), col("n_a"), col("n_b"), col("n_total")};
    return Trends.inRange(rows, from, to)
        .withColumn("pmi", pmi.apply(args))
        .withColumn("npmi", npmi.apply(args))
        .withColumn("llr", llr.apply(args))
        .withColumn("lift", lift.apply(args))
        .withColumn("jaccard", jaccard.apply(args))
        .withColumn("cooccur_run_id", lit(runId))
        .select(
            "granularity",
            "period_start",
            "scope",
            "level",
            "entity_a",
            "entity_b",
            "n_ab",
            "n_a",
            "n_b",
            "n_total",
            "pmi",
            "npmi",
            "llr",
            "lift",
            "jaccard",
            "n_ab_articles",
            "n_a_articles",
            "n_b_articles",
            "n_ab_stories",
            "n_a_stories",
            "n_b_stories",
            "total_articles",
            "total_stories",
            "evidence",
            "cooccur_run_id");
  }

  /**
   * {@code entity_sets}: for each watch list, scope, level and period with articles: units naming
   * every member ({@code n_all}), any member ({@code n_any}), all units ({@code total}), and the
   * same in distinct articles and stories.
   */
  public static Dataset<Row> sets(
      StoryCounts storyCounts,
      Dataset<Row> totals,
      AnalyticsSettings s,
      LocalDate from,
      LocalDate to,
      String runId) {
    if (s.watchlists().isEmpty()) {
      return null;
    }
    List<Row> lists = new ArrayList<>();
    for (Map.Entry<String, List<String>> set : s.watchlists().entrySet()) {
      lists.add(
          org.apache.spark.sql.RowFactory.create(set.getKey(), String.join("|", set.getValue())));
    }
    Dataset<Row> members =
        totals
            .sparkSession()
            .createDataFrame(
                lists,
                new org.apache.spark.sql.types.StructType()
                    .add("set_id", DataTypes.StringType)
                    .add("members", DataTypes.StringType));
    Column key = col("key");
    Dataset<Row> counts =
        storyCounts
            .setPeriods()
            .groupBy(key)
            .agg(
                sum(col("all_units")).as("n_all"),
                sum(col("units")).as("n_any"),
                sum(col("all_articles")).as("n_all_articles"),
                sum(col("articles")).as("n_any_articles"),
                sum(col("all_stories")).as("n_all_stories"),
                sum(col("stories")).as("n_any_stories"))
            .select(CountKey.decoded(key, storyCounts.keys().a(key).as("set_id")))
            .drop("key");
    // Every period with articles, for every set, scope and level: zeros included.
    Dataset<Row> grid =
        totals
            .crossJoin(members)
            .crossJoin(
                totals
                    .sparkSession()
                    .createDataset(CountKey.LEVELS, Encoders.STRING())
                    .toDF("level"));
    Dataset<Row> rows =
        grid.join(
                counts,
                Trends.scala(List.of("set_id", "granularity", "period_start", "scope", "level")),
                "left")
            .na()
            .fill(
                0L,
                new String[] {
                  "n_all",
                  "n_any",
                  "n_all_articles",
                  "n_any_articles",
                  "n_all_stories",
                  "n_any_stories"
                });
    return Trends.inRange(rows, from, to)
        .withColumn("cooccur_run_id", lit(runId))
        .select(
            col("set_id"),
            col("members"),
            col("granularity"),
            col("period_start"),
            col("scope"),
            col("level"),
            col("n_all"),
            col("n_any"),
            col("n_total").as("total"),
            col("n_all_articles"),
            col("n_any_articles"),
            col("n_all_stories"),
            col("n_any_stories"),
            col("total_articles"),
            col("total_stories"),
            col("cooccur_run_id"));
  }
}
