package org.marsad.analytics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marsad.config.MarsadConfig;
import org.marsad.testing.SparkTestSession;

/**
 * The analytics on a corpus built by hand, where every count is known by construction.
 *
 * <p>Days: 2020-04-20 (Monday) has articles A1, A2, A3; 2020-04-21 has A4; 2020-04-27 (next week)
 * has A5. Units and mentions (entity -> rollup):
 *
 * <ul>
 *   <li>A1 (story S1): body sentence 0.0 names Iran (Q794) twice and Russia (Q159); sentence 0.1
 *       names Turkey (Q43); 3 sentences in 2 paragraphs in all.
 *   <li>A2 (story S1, a near-copy): sentence 0.0 names Tehran (Q3616 -> Q794) and Moscow (Q649 ->
 *       Q159); 2 sentences, 1 paragraph.
 *   <li>A3 (story S3): no mention; 4 sentences, 2 paragraphs.
 *   <li>A4 (story S4): sentence 0.0 names Turkey; sentence 1.0 names Russia; 2 sentences, 2
 *       paragraphs.
 *   <li>A5 (story S5): sentence 0.0 names Iran, Russia and Turkey; 1 sentence.
 * </ul>
 */
class AnalyticsTest {
  static SparkSession spark;
  static Dataset<Row> articles;
  static Dataset<Row> mentions;
  static Dataset<Row> units;
  static AnalyticsSettings settings;

  static final StructType MENTIONS =
      new StructType()
          .add("article_id", DataTypes.StringType)
          .add("pub_date", DataTypes.DateType)
          .add("story_id", DataTypes.StringType)
          .add("source", DataTypes.StringType)
          .add("field", DataTypes.StringType)
          .add("paragraph_idx", DataTypes.IntegerType)
          .add("sentence_idx", DataTypes.IntegerType)
          .add("start", DataTypes.IntegerType)
          .add("end", DataTypes.IntegerType)
          .add("entity_id", DataTypes.StringType)
          .add("rollup_id", DataTypes.StringType);

  static final StructType UNITS =
      new StructType()
          .add("article_id", DataTypes.StringType)
          .add("pub_date", DataTypes.DateType)
          .add("story_id", DataTypes.StringType)
          .add("source", DataTypes.StringType)
          .add("paragraphs", DataTypes.IntegerType)
          .add("sentences", DataTypes.IntegerType);

  static Row m(String a, String day, String story, int p, int s, int start, String ent, String up) {
    return RowFactory.create(
        a, Date.valueOf(day), story, "src", "body", p, s, start, start + 4, ent, up);
  }

  static Row u(String a, String day, String story, String source, int paragraphs, int sentences) {
    return RowFactory.create(a, Date.valueOf(day), story, source, paragraphs, sentences);
  }

  @BeforeAll
  static void corpus() {
    spark = SparkTestSession.get();
    List<Row> ms =
        List.of(
            m("A1", "2020-04-20", "S1", 0, 0, 0, "Q794", "Q794"),
            m("A1", "2020-04-20", "S1", 0, 0, 10, "Q794", "Q794"),
            m("A1", "2020-04-20", "S1", 0, 0, 20, "Q159", "Q159"),
            m("A1", "2020-04-20", "S1", 0, 1, 40, "Q43", "Q43"),
            m("A2", "2020-04-20", "S1", 0, 0, 0, "Q3616", "Q794"),
            m("A2", "2020-04-20", "S1", 0, 0, 10, "Q649", "Q159"),
            m("A4", "2020-04-21", "S4", 0, 0, 0, "Q43", "Q43"),
            m("A4", "2020-04-21", "S4", 1, 0, 30, "Q159", "Q159"),
            m("A5", "2020-04-27", "S5", 0, 0, 0, "Q794", "Q794"),
            m("A5", "2020-04-27", "S5", 0, 0, 10, "Q159", "Q159"),
            m("A5", "2020-04-27", "S5", 0, 0, 20, "Q43", "Q43"));
    mentions = spark.createDataFrame(ms, MENTIONS);
    units =
        spark.createDataFrame(
            List.of(
                u("A1", "2020-04-20", "S1", "src", 2, 3),
                u("A2", "2020-04-20", "S1", "other", 1, 2),
                u("A3", "2020-04-20", "S3", "src", 2, 4),
                u("A4", "2020-04-21", "S4", "src", 2, 2),
                u("A5", "2020-04-27", "S5", "src", 1, 1)),
            UNITS);
    articles = units.select("article_id", "pub_date", "story_id", "source");
    settings =
        AnalyticsSettings.from(
            MarsadConfig.load(
                null,
                List.of(
                    "cooccur.min_support=1",
                    "trends.baseline_periods.day=3",
                    "trends.burst_min_articles=1")));
  }

  static Map<String, Row> byKey(Dataset<Row> d, String... cols) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : d.collectAsList()) {
      List<String> k = new ArrayList<>();
      for (String c : cols) {
        k.add(String.valueOf(r.get(r.fieldIndex(c))));
      }
      out.put(String.join("/", k), r);
    }
    return out;
  }

  static long l(Row r, String c) {
    return r.getLong(r.fieldIndex(c));
  }

  @Test
  void trendsCountMentionsArticlesStoriesAndFillZeros() {
    var t =
        byKey(
            Trends.compute(articles, mentions, settings, null, null, "t"),
            "granularity",
            "level",
            "period_start",
            "entity_id");
    Row iranDay = t.get("day/rollup/2020-04-20/Q794");
    assertThat(l(iranDay, "mentions")).isEqualTo(3); // twice in A1, Tehran in A2
    assertThat(l(iranDay, "articles")).isEqualTo(2);
    assertThat(l(iranDay, "stories")).isEqualTo(1); // A1 and A2 are one story
    assertThat(l(iranDay, "sources")).isEqualTo(1); // mentions carry A1's and A2's source "src"
    assertThat(l(iranDay, "total_articles")).isEqualTo(3);
    assertThat(l(iranDay, "total_stories")).isEqualTo(2);
    assertThat(iranDay.getDouble(iranDay.fieldIndex("share"))).isEqualTo(2.0 / 3);
    // Entity level: Iran itself only in A1.
    assertThat(l(t.get("day/entity/2020-04-20/Q794"), "articles")).isEqualTo(1);
    assertThat(l(t.get("day/entity/2020-04-20/Q3616"), "articles")).isEqualTo(1);
    // A watched entity on a day with articles but no mention: a row of zeros.
    Row iranTuesday = t.get("day/rollup/2020-04-21/Q794");
    assertThat(l(iranTuesday, "mentions")).isZero();
    assertThat(l(iranTuesday, "total_articles")).isEqualTo(1);
    // Its baseline is the day before (share 2/3): median 2/3, MAD 0, mean deviation 0: no score.
    assertThat(iranTuesday.getDouble(iranTuesday.fieldIndex("baseline_share"))).isEqualTo(2.0 / 3);
    assertThat(iranTuesday.isNullAt(iranTuesday.fieldIndex("robust_z"))).isTrue();
    // No row for days without articles (2020-04-22..26), nor for unwatched unmentioned entities.
    assertThat(t).doesNotContainKey("day/rollup/2020-04-22/Q794");
    assertThat(t).doesNotContainKey("day/entity/2020-04-21/Q3616");
    // ISO weeks: 2020-04-20 (Mon) and 2020-04-27 (Mon); months: April.
    assertThat(l(t.get("week/rollup/2020-04-20/Q159"), "articles")).isEqualTo(3);
    assertThat(l(t.get("week/rollup/2020-04-20/Q159"), "total_articles")).isEqualTo(4);
    assertThat(l(t.get("week/rollup/2020-04-27/Q159"), "articles")).isEqualTo(1);
    assertThat(l(t.get("month/rollup/2020-04-01/Q43"), "articles")).isEqualTo(3);
    assertThat(l(t.get("month/rollup/2020-04-01/Q43"), "total_articles")).isEqualTo(5);
  }

  /** cooccurrence rows by granularity/scope/level/period/entity_a/entity_b. */
  private java.util.Map<String, Row> pairsByKey(AnalyticsSettings s) {
    return byKey(
        Cooccurrence.pairs(
            Cooccurrence.storyCounts(mentions, s),
            Cooccurrence.totals(units, s),
            s,
            null,
            null,
            "c"),
        "granularity",
        "scope",
        "level",
        "period_start",
        "entity_a",
        "entity_b");
  }

  @Test
  void cooccurrenceCountsUnitsOnceAndUsesAllUnitsAsTotal() {
    var c = pairsByKey(settings);
    // Sentences of 2020-04-20: 3 + 2 + 4 = 9. Iran-Russia together in A1 s0.0 and A2 s0.0.
    Row ir = c.get("day/sentence/rollup/2020-04-20/Q159/Q794");
    assertThat(l(ir, "n_ab")).isEqualTo(2);
    assertThat(l(ir, "n_a")).isEqualTo(2); // Russia: A1 s0.0, A2 s0.0
    assertThat(l(ir, "n_b")).isEqualTo(2); // Iran: counted once in A1 s0.0 although named twice
    assertThat(l(ir, "n_total")).isEqualTo(9);
    assertThat(l(ir, "n_ab_articles")).isEqualTo(2);
    assertThat(l(ir, "n_ab_stories")).isEqualTo(1);
    // Always together: NPMI 1. G² by hand over cells 2, 0, 0, 7 (expected 4/9 and 49/9).
    assertThat(ir.getDouble(ir.fieldIndex("npmi"))).isCloseTo(1.0, within(1e-12));
    double g2 = 2 * (2 * Math.log(2 / (4.0 / 9)) + 7 * Math.log(7 / (49.0 / 9)));
    assertThat(ir.getDouble(ir.fieldIndex("llr"))).isCloseTo(g2, within(1e-9));
    assertThat(g2).isCloseTo(9.535, within(1e-3));
    // Evidence points at the first unit: A1, its first Russia and Iran mentions.
    Row ev = ir.getList(ir.fieldIndex("evidence")).get(0) instanceof Row r ? r : null;
    assertThat(ev.<String>getAs("article_id")).isEqualTo("A1");
    assertThat(ev.<Integer>getAs("a_start")).isEqualTo(20);
    assertThat(ev.<Integer>getAs("b_start")).isEqualTo(0);
    // Turkey is in another sentence of A1: no sentence pair on Monday, but a paragraph one.
    assertThat(c).doesNotContainKey("day/sentence/rollup/2020-04-20/Q43/Q794");
    Row para = c.get("day/paragraph/rollup/2020-04-20/Q43/Q794");
    assertThat(l(para, "n_ab")).isEqualTo(1);
    assertThat(l(para, "n_total")).isEqualTo(5); // 2 + 1 + 2 paragraphs
    // Entity level keeps Tehran and Moscow apart from Iran and Russia.
    assertThat(l(c.get("day/sentence/entity/2020-04-20/Q159/Q794"), "n_ab")).isEqualTo(1);
    assertThat(l(c.get("day/sentence/entity/2020-04-20/Q3616/Q649"), "n_ab")).isEqualTo(1);
    // Articles, by week: Russia-Turkey in A1, A4 (week of 20th): 2 of 4 articles.
    Row rt = c.get("week/article/rollup/2020-04-20/Q159/Q43");
    assertThat(l(rt, "n_ab")).isEqualTo(2);
    assertThat(l(rt, "n_total")).isEqualTo(4);
    assertThat(l(rt, "n_ab_stories")).isEqualTo(2); // S1 and S4
    // The month: Russia-Iran in A1 and A2 (story S1) and A5 (S5): 3 articles, 2 stories.
    Row month = c.get("month/article/rollup/2020-04-01/Q159/Q794");
    assertThat(l(month, "n_ab_articles")).isEqualTo(3);
    assertThat(l(month, "n_ab_stories")).isEqualTo(2);
    // A4 names them in two paragraphs: no paragraph pair for A4.
    assertThat(l(c.get("day/article/rollup/2020-04-21/Q159/Q43"), "n_ab")).isEqualTo(1);
    assertThat(c).doesNotContainKey("day/paragraph/rollup/2020-04-21/Q159/Q43");
  }

  @Test
  void sortKeysAreTheSameInSparkAsInJava() {
    List<Long> keys =
        List.of(
            CountKey.packDay(CountKey.PAIR, 43000, 2, 1, 5, 9),
            CountKey.packDay(CountKey.SET, (1L << 17) - 1, 1, 0, CountKey.MAX_IDS, -1),
            CountKey.packDay(CountKey.ENTITY, 0, 0, 1, 0, CountKey.MAX_IDS),
            CountKey.toPeriod(CountKey.packDay(CountKey.PAIR, 43000, 2, 1, 5, 9), "month"));
    List<Row> got =
        spark
            .createDataset(keys, org.apache.spark.sql.Encoders.LONG())
            .select(
                col("value"), CountKey.groupMajor(col("value")), CountKey.periodMajor(col("value")))
            .collectAsList();
    for (Row r : got) {
      assertThat(r.getLong(1)).isEqualTo(CountKey.groupMajor(r.getLong(0)));
      assertThat(r.getLong(2)).isEqualTo(CountKey.periodMajor(r.getLong(0)));
    }
  }

  @Test
  void minimumSupportDropsRarePairs() {
    var strict = AnalyticsSettings.from(MarsadConfig.load(null, List.of("cooccur.min_support=2")));
    var c = pairsByKey(strict);
    assertThat(c).containsKey("day/sentence/rollup/2020-04-20/Q159/Q794");
    assertThat(c).doesNotContainKey("day/paragraph/rollup/2020-04-20/Q43/Q794");
  }

  @Test
  void watchListSetsCountAllAnyAndTotal() {
    var s =
        byKey(
            Cooccurrence.sets(
                Cooccurrence.storyCounts(mentions, settings),
                Cooccurrence.totals(units, settings),
                settings,
                null,
                null,
                "s"),
            "set_id",
            "granularity",
            "scope",
            "level",
            "period_start");
    // Articles: all three guarantors in A1 (Monday) and A5 (next Monday).
    Row monday = s.get("astana_guarantors/day/article/rollup/2020-04-20");
    assertThat(l(monday, "n_all")).isEqualTo(1); // A1 (A2 lacks Turkey)
    assertThat(l(monday, "n_any")).isEqualTo(2);
    assertThat(l(monday, "total")).isEqualTo(3);
    Row tuesday = s.get("astana_guarantors/day/article/rollup/2020-04-21");
    assertThat(l(tuesday, "n_all")).isZero();
    assertThat(l(tuesday, "n_any")).isEqualTo(1);
    // Sentences: only A5's single sentence names all three.
    assertThat(l(s.get("astana_guarantors/day/sentence/rollup/2020-04-20"), "n_all")).isZero();
    assertThat(l(s.get("astana_guarantors/day/sentence/rollup/2020-04-27"), "n_all")).isEqualTo(1);
    // syria_actors needs Syria and the US too: never all.
    assertThat(l(s.get("syria_actors/month/article/rollup/2020-04-01"), "n_all")).isZero();
  }

  @Test
  void eventWindowsCountArticlesAgainstABaselineThatSkipsOtherEvents() {
    var events =
        List.of(
            new EventCalendar.Event(
                "x-1", "x", "1", LocalDate.parse("2020-04-21"), LocalDate.parse("2020-04-21"), ""),
            new EventCalendar.Event(
                "x-2", "x", "2", LocalDate.parse("2020-04-29"), LocalDate.parse("2020-04-29"), ""));
    var s =
        AnalyticsSettings.from(
            MarsadConfig.load(
                null,
                List.of("events.before_days=1", "events.after_days=1", "events.baseline_days=3")));
    var w =
        byKey(
            EventWindows.compute(spark, articles, mentions, events, s, "e"),
            "event_id",
            "window",
            "subject_kind",
            "subject");
    // x-1: before = 04-20 (A1 A2 A3), during = 04-21 (A4), after = 04-22 (none).
    Row before = w.get("x-1/before/entity/Q794");
    assertThat(l(before, "n")).isEqualTo(2);
    assertThat(l(before, "total")).isEqualTo(3);
    assertThat(before.getDouble(before.fieldIndex("rate"))).isEqualTo(2000.0 / 3);
    assertThat(l(w.get("x-1/during/entity/Q43"), "n")).isEqualTo(1);
    assertThat(l(w.get("x-1/after/entity/Q43"), "total")).isZero();
    // x-2's baseline (04-25..04-27) keeps 04-27 (A5) since x-1's span ends on 04-22.
    Row base = w.get("x-2/baseline/set/astana_guarantors");
    assertThat(l(base, "n")).isEqualTo(1);
    assertThat(l(base, "total")).isEqualTo(1);
    // x-1's baseline (04-17..04-19) has no article: no baseline rate, no lift, no p-value.
    Row b1 = w.get("x-1/before/pair/Q159|Q794");
    assertThat(b1.isNullAt(b1.fieldIndex("baseline_rate"))).isTrue();
    assertThat(b1.isNullAt(b1.fieldIndex("p_value"))).isTrue();
    assertThat(l(b1, "n")).isEqualTo(2);
    // x-2's "before" (04-28) has no article: no rate, no p-value, but its baseline is there.
    Row x2 = w.get("x-2/before/pair/Q159|Q794");
    assertThat(l(x2, "total")).isZero();
    assertThat(x2.isNullAt(x2.fieldIndex("rate"))).isTrue();
    assertThat(x2.isNullAt(x2.fieldIndex("p_value"))).isTrue();
    assertThat(x2.getDouble(x2.fieldIndex("baseline_rate"))).isEqualTo(1000.0);
    // x-2 after (04-30): nothing; x-1 during vs its empty baseline: p-value null.
    assertThat(
            w.get("x-1/during/entity/Q43")
                .isNullAt(w.get("x-1/during/entity/Q43").fieldIndex("p_value")))
        .isTrue();
  }

  @Test
  void aRangeRewritesWholePeriods() {
    Dataset<Row> t =
        Trends.compute(
            articles,
            mentions,
            settings,
            LocalDate.parse("2020-04-21"),
            LocalDate.parse("2020-04-21"),
            "t");
    List<Row> periods = t.select("granularity", "period_start").distinct().collectAsList();
    assertThat(periods)
        .extracting(r -> r.getString(0) + " " + r.getDate(1))
        .containsExactlyInAnyOrder("day 2020-04-21", "week 2020-04-20", "month 2020-04-01");
    assertThat(t.filter(col("granularity").equalTo("week")).count()).isPositive();
  }
}
