package org.marsad.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.marsad.config.MarsadConfig;

/** One story's counts, by hand: units counted once, articles and the story's first evidence. */
class StoryCounterTest {
  static final AnalyticsSettings SETTINGS =
      AnalyticsSettings.from(MarsadConfig.load(null, List.of()));

  static StoryCounter.Mention m(int p, int s, int start, String ent, String rollup) {
    return new StoryCounter.Mention("body", p, s, start, start + 4, ent, rollup);
  }

  static final CountKey KEYS =
      new CountKey(
          List.of("Q159", "Q3616", "Q43", "Q794"), List.of("astana_guarantors", "syria_actors"));

  /** Rows by kind/granularity/period/scope/level/a/b. */
  static Map<String, Row> byKey(List<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : rows) {
      String key = KEYS.describe(r.getLong(0));
      assertThat(out.put(key, r)).as("one row per key: " + key).isNull();
    }
    return out;
  }

  /**
   * The day rows rolled up to a granularity as Spark does it ({@code StoryCounts.periods}): by
   * period key, units, articles, all_units, all_articles, stories, all_stories and the evidence of
   * the row that stands for the story.
   */
  static Map<String, Object[]> rolledUp(List<Row> rows, String granularity) {
    int g = Periods.ALL.indexOf(granularity);
    Map<String, Object[]> out = new HashMap<>();
    for (Row r : rows) {
      String[] k = KEYS.describe(r.getLong(0)).split("/");
      assertThat(k[1]).isEqualTo("day");
      k[1] = granularity;
      k[2] = Periods.startOf(granularity, LocalDate.parse(k[2])).toString();
      Object[] sums =
          out.computeIfAbsent(
              String.join("/", k), x -> new Object[] {0L, 0L, 0L, 0L, 0L, 0L, null});
      for (int i = 0; i < 4; i++) {
        sums[i] = (Long) sums[i] + r.getLong(i + 1);
      }
      int firsts = r.getInt(6);
      if ((firsts & StoryCounter.storyBit(g)) != 0) {
        assertThat(sums[4]).as("one row stands for the story").isEqualTo(0L);
        sums[4] = 1L;
        sums[6] = r.getString(5);
      }
      if ((firsts & StoryCounter.allBit(g)) != 0) {
        sums[5] = 1L;
      }
    }
    return out;
  }

  @Test
  void countsUnitsOncePerStoryWithArticlesAndFirstEvidence() {
    StoryCounter c = new StoryCounter(SETTINGS, KEYS);
    // Article B (Monday 2020-04-20): Iran twice and Russia in sentence 0.0, Turkey in 0.1.
    c.addArticle(
        "B",
        LocalDate.parse("2020-04-20"),
        List.of(
            m(0, 0, 30, "Q794", "Q794"),
            m(0, 0, 10, "Q794", "Q794"),
            m(0, 0, 20, "Q159", "Q159"),
            m(0, 1, 40, "Q43", "Q43")));
    // Its near-copy A, a day later (same week): Tehran (-> Iran) and Russia in 0.0 and 1.0.
    c.addArticle(
        "A",
        LocalDate.parse("2020-04-21"),
        List.of(
            m(0, 0, 5, "Q3616", "Q794"),
            m(0, 0, 0, "Q159", "Q159"),
            m(1, 0, 7, "Q3616", "Q794"),
            m(1, 0, 9, "Q159", "Q159")));
    List<Row> drained = c.drain();
    Map<String, Row> rows = byKey(drained);
    Map<String, Object[]> weeks = rolledUp(drained, "week");
    Map<String, Object[]> months = rolledUp(drained, "month");
    // The week: Russia-Iran (rolled up) in B's sentence and A's two sentences: 3 units, 2 articles,
    // one story.
    Object[] week = weeks.get("pair/week/2020-04-20/sentence/rollup/Q159/Q794");
    assertThat(week).startsWith(3L, 2L, 0L, 0L, 1L);
    // Evidence: the smallest article id (A), its first unit, each entity's first mention there.
    String ev = (String) week[6];
    assertThat(StoryCounter.decode(ev).toString())
        .isEqualTo("[A,2020-04-21,body,0,0,0,4,body,0,0,5,9]");
    // Day by day: Monday only B, Iran counted once in its sentence although named twice.
    Row monday = rows.get("pair/day/2020-04-20/sentence/rollup/Q159/Q794");
    assertThat(monday.getLong(1)).isEqualTo(1);
    assertThat(StoryCounter.decode(monday.getString(5)).getString(0)).isEqualTo("B");
    assertThat(rows.get("entity/day/2020-04-20/sentence/entity/Q794/-").getLong(1)).isEqualTo(1);
    // Entity level keeps Tehran apart; Turkey shares B's paragraph, not its sentence.
    assertThat(rows).containsKey("pair/day/2020-04-21/sentence/entity/Q159/Q3616");
    assertThat(rows).doesNotContainKey("pair/day/2020-04-20/sentence/rollup/Q43/Q794");
    assertThat(rows.get("pair/day/2020-04-20/paragraph/rollup/Q43/Q794").getLong(1)).isEqualTo(1);
    // Articles are one unit each: the week's article-scope Russia count is 2 units in 2 articles,
    // one story.
    assertThat(weeks.get("entity/week/2020-04-20/article/rollup/Q159/-"))
        .startsWith(2L, 2L, 0L, 0L, 1L);
    // Watch list astana_guarantors: all three only in B as an article; any in both; one story,
    // which named all three in the month, though not on its second day.
    assertThat(months.get("set/month/2020-04-01/article/rollup/astana_guarantors/-"))
        .startsWith(2L, 2L, 1L, 1L, 1L, 1L);
    Row tuesday = rows.get("set/day/2020-04-21/article/rollup/astana_guarantors/-");
    assertThat(tuesday.getLong(3)).isZero();
    assertThat(tuesday.getInt(6) & StoryCounter.allBit(0)).isZero();
    assertThat(rows.get("set/day/2020-04-20/article/rollup/astana_guarantors/-").getInt(6))
        .isEqualTo(
            StoryCounter.storyBit(0)
                | StoryCounter.allBit(0)
                | StoryCounter.storyBit(1)
                | StoryCounter.allBit(1)
                | StoryCounter.storyBit(2)
                | StoryCounter.allBit(2));
    // drain() empties the counter for the next story.
    assertThat(c.drain()).isEmpty();
  }

  @Test
  void aDayKeyMapsToItsIsoWeekAndMonth() {
    for (LocalDate d = LocalDate.parse("2019-12-20");
        d.isBefore(LocalDate.parse("2021-03-10"));
        d = d.plusDays(1)) {
      long day =
          CountKey.packDay(CountKey.PAIR, CountKey.dayNumber(d), 2, 1, KEYS.entity("Q159"), 3);
      for (String g : Periods.ALL) {
        assertThat(KEYS.describe(CountKey.toPeriod(day, g)))
            .isEqualTo("pair/" + g + "/" + Periods.startOf(g, d) + "/article/rollup/Q159/Q794");
      }
    }
  }

  @Test
  void articlesWithoutMentionsAddNothing() {
    StoryCounter c = new StoryCounter(SETTINGS, KEYS);
    c.addArticle("A", LocalDate.parse("2020-04-20"), List.of());
    assertThat(c.drain()).isEmpty();
  }

  static String evidence(String article, int start) {
    StoryCounter.First a = new StoryCounter.First("body", 0, 1, start, start + 4);
    StoryCounter.First b = new StoryCounter.First("title", 2, 3, 40, 1234567);
    return new StoryCounter.Evidence(article, LocalDate.parse("2017-01-23"), a, b).encode();
  }

  /** A day row of a pair; the story counts on it in its day if {@code stories} is 1. */
  static Row storyRow(long key, long units, long articles, long stories, String evidence) {
    return RowFactory.create(
        key, units, articles, (int) stories * StoryCounter.storyBit(0), evidence);
  }

  static List<Row> pairSums(List<Row> storyRows, int k, long minSupport, int tasks)
      throws Exception {
    return pairSums(storyRows, k, minSupport, tasks, List.of("day"));
  }

  /**
   * Day rows split among {@code tasks}, each sorted by {@link CountKey#groupMajor} through {@link
   * PairSums#partial}, then all sorted by {@link CountKey#periodMajor} through {@link
   * PairSums#total}, as Spark runs them. Each entity of a pair gets a row of its own on the pair's
   * day ({@link #ENTITY_UNITS} units, 5 articles, the story counted in every period).
   */
  static List<Row> pairSums(
      List<Row> storyRows, int k, long minSupport, int tasks, List<String> granularities)
      throws Exception {
    List<Row> rows = new ArrayList<>(storyRows);
    java.util.Set<Long> entityKeys = new java.util.TreeSet<>();
    for (Row r : storyRows) {
      long key = r.getLong(0);
      entityKeys.add(CountKey.entityKey(key, CountKey.a(key)));
      entityKeys.add(CountKey.entityKey(key, CountKey.b(key)));
    }
    for (long e : entityKeys) {
      rows.add(RowFactory.create(e, ENTITY_UNITS, 5L, 0b010101, null));
    }
    List<Row> sent = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      List<Row> task = new ArrayList<>();
      for (int i = t; i < rows.size(); i += tasks) {
        task.add(rows.get(i));
      }
      task.sort(java.util.Comparator.comparingLong(r -> CountKey.groupMajor(r.getLong(0))));
      PairSums.partial(k, granularities).call(task.iterator()).forEachRemaining(sent::add);
    }
    sent.sort(java.util.Comparator.comparingLong(r -> CountKey.periodMajor(r.getLong(0))));
    List<Row> out = new ArrayList<>();
    PairSums.total(k, minSupport).call(sent.iterator()).forEachRemaining(out::add);
    return out;
  }

  static final long ENTITY_UNITS = 100;

  /**
   * Random day rows of three pairs over weeks and months that cross each other's bounds: each
   * period's sums equal a direct recount, however the rows are split among tasks.
   */
  @Test
  void pairSumsAddUpDaysIntoWeeksAndMonthsAsARecountDoes() throws Exception {
    java.util.Random random = new java.util.Random(7);
    int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int[] p = pairs[random.nextInt(pairs.length)];
      LocalDate d = LocalDate.parse("2017-01-20").plusDays(random.nextInt(60));
      long key =
          CountKey.packDay(CountKey.PAIR, CountKey.dayNumber(d), random.nextInt(3), 1, p[0], p[1]);
      String ev = random.nextInt(5) == 0 ? null : evidence("A" + random.nextInt(50), i);
      rows.add(
          RowFactory.create(
              key, 1L + random.nextInt(3), 1L + random.nextInt(2), random.nextInt(64), ev));
    }
    Map<Long, List<Object>> expected = new java.util.TreeMap<>();
    Map<Long, List<String>> pointers = new HashMap<>();
    // Per period: the days each entity has a row on (one per day, from pairSums).
    Map<String, java.util.Set<Long>> entityDays = new HashMap<>();
    for (Row r : rows) {
      long key = r.getLong(0);
      for (String g : Periods.ALL) {
        long period = CountKey.group(CountKey.toPeriod(key, g));
        for (int e : new int[] {CountKey.a(key), CountKey.b(key)}) {
          entityDays
              .computeIfAbsent(period + "/" + e, x -> new java.util.HashSet<>())
              .add(CountKey.group(key));
        }
      }
    }
    for (Row r : rows) {
      for (int g = 0; g < Periods.ALL.size(); g++) {
        long period = CountKey.toPeriod(r.getLong(0), Periods.ALL.get(g));
        boolean stands = (r.getInt(3) & StoryCounter.storyBit(g)) != 0;
        List<Object> sums =
            expected.computeIfAbsent(period, x -> new ArrayList<>(List.of(0L, 0L, 0L, "")));
        sums.set(0, (Long) sums.get(0) + r.getLong(1));
        sums.set(1, (Long) sums.get(1) + r.getLong(2));
        sums.set(2, (Long) sums.get(2) + (stands ? 1 : 0));
        if (stands && !r.isNullAt(4)) {
          pointers.computeIfAbsent(period, x -> new ArrayList<>()).add(r.getString(4));
        }
      }
    }
    expected.entrySet().removeIf(e -> (Long) e.getValue().get(0) < 4);
    expected.forEach(
        (period, sums) -> {
          List<String> first = new ArrayList<>(pointers.getOrDefault(period, List.of()));
          java.util.Collections.sort(first);
          sums.set(3, first.subList(0, Math.min(3, first.size())).toString());
          for (int e : new int[] {CountKey.a(period), CountKey.b(period)}) {
            int days = entityDays.get(CountKey.group(period) + "/" + e).size();
            sums.add(days * ENTITY_UNITS);
            sums.add(days * 5L);
            sums.add((long) days);
          }
        });
    assertThat(expected).hasSizeGreaterThan(100);
    for (int tasks : new int[] {1, 2, 3, 7}) {
      Map<Long, List<Object>> got = new java.util.TreeMap<>();
      for (Row r : pairSums(rows, 3, 4, tasks, Periods.ALL)) {
        List<String> ev = new ArrayList<>();
        for (Row e : r.<Row>getList(4)) {
          ev.add(
              new StoryCounter.Evidence(
                      e.getString(0),
                      e.getDate(1).toLocalDate(),
                      new StoryCounter.First(
                          e.getString(2), e.getInt(3), e.getInt(4), e.getInt(5), e.getInt(6)),
                      new StoryCounter.First(
                          e.getString(7), e.getInt(8), e.getInt(9), e.getInt(10), e.getInt(11)))
                  .encode());
        }
        got.put(
            r.getLong(0),
            List.of(
                r.getLong(1),
                r.getLong(2),
                r.getLong(3),
                ev.toString(),
                r.getLong(5),
                r.getLong(6),
                r.getLong(7),
                r.getLong(8),
                r.getLong(9),
                r.getLong(10)));
      }
      assertThat(got).as("%d tasks", tasks).isEqualTo(expected);
    }
  }

  @Test
  void encodedPointersSortAsThePointersDoAndDecodeBack() {
    java.util.Random random = new java.util.Random(11);
    int[] sizes = {0, 1, 63, 64, 4095, 4096, 262143, 262144, Integer.MAX_VALUE};
    List<StoryCounter.Evidence> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      StoryCounter.First[] f = new StoryCounter.First[2];
      for (int side = 0; side < 2; side++) {
        f[side] =
            new StoryCounter.First(
                random.nextBoolean() ? "body" : "title",
                sizes[random.nextInt(sizes.length)],
                random.nextInt(3),
                sizes[random.nextInt(sizes.length)],
                random.nextInt(70));
      }
      String id = random.nextBoolean() ? "A" + random.nextInt(3) : "A" + random.nextInt(3) + "x";
      LocalDate day = LocalDate.parse("1900-01-01").plusDays(random.nextInt(3) * 40000L);
      all.add(new StoryCounter.Evidence(id, day, f[0], f[1]));
    }
    for (StoryCounter.Evidence x : all) {
      Row back = StoryCounter.decode(x.encode());
      assertThat(back.getString(0)).isEqualTo(x.articleId());
      assertThat(back.getDate(1).toLocalDate()).isEqualTo(x.day());
      assertThat(List.of(back.getString(7), back.getInt(8), back.getInt(9), back.getInt(10)))
          .containsExactly(x.b().field(), x.b().paragraph(), x.b().sentence(), x.b().start());
      assertThat(back.getInt(11)).isEqualTo(x.b().end());
      assertThat(back.getInt(5)).isEqualTo(x.a().start());
      for (StoryCounter.Evidence y : all) {
        assertThat(Integer.signum(x.encode().compareTo(y.encode())))
            .isEqualTo(Integer.signum(x.compareTo(y)));
      }
    }
  }

  @Test
  void groupMajorKeysSortAGroupsDaysTogetherInOrder() {
    long a = CountKey.packDay(CountKey.PAIR, 40000, 2, 1, 5, 9);
    long later = CountKey.packDay(CountKey.PAIR, 40001, 2, 1, 5, 9);
    long other = CountKey.packDay(CountKey.PAIR, 39000, 2, 1, 5, 10);
    assertThat(CountKey.groupMajor(a)).isLessThan(CountKey.groupMajor(later));
    assertThat(CountKey.groupMajor(later)).isLessThan(CountKey.groupMajor(other));
    assertThat(a).isGreaterThan(other);
  }

  @Test
  void pairSumsAddUpEachKeyAndKeepTheFirstPointersInOrder() throws Exception {
    List<Row> rows =
        List.of(
            // key 3: four stories, two with the same pointer (both kept: two stories)
            storyRow(3, 1, 1, 1, evidence("F", 1)),
            storyRow(3, 1, 1, 1, evidence("D", 1)),
            // key 1: three stories, one row without evidence (it does not stand for its story)
            storyRow(1, 1, 1, 1, evidence("B", 7)),
            storyRow(1, 3, 2, 0, null),
            storyRow(3, 1, 1, 1, evidence("E", 1)),
            storyRow(1, 2, 1, 1, evidence("A", 5)),
            // key 2: one unit, below the support of 2
            storyRow(2, 1, 1, 1, evidence("C", 1)),
            storyRow(3, 1, 1, 1, evidence("D", 1)));
    // However the story rows are split among tasks, the sums are the same.
    for (int tasks : new int[] {1, 2, 3, 8}) {
      List<Row> out = pairSums(rows, 3, 2, tasks);
      assertThat(out).hasSize(2);
      Row one = out.get(0);
      assertThat(List.of(one.getLong(0), one.getLong(1), one.getLong(2), one.getLong(3)))
          .containsExactly(1L, 6L, 4L, 2L);
      List<Row> ev = one.getList(4);
      assertThat(ev).hasSize(2);
      assertThat(ev.get(0).toString())
          .isEqualTo("[A,2017-01-23,body,0,1,5,9,title,2,3,40,1234567]");
      assertThat(ev.get(0).get(1)).isEqualTo(java.sql.Date.valueOf("2017-01-23"));
      assertThat(ev.get(1).getString(0)).isEqualTo("B");
      Row three = out.get(1);
      assertThat(three.getLong(0)).isEqualTo(3L);
      assertThat(three.getLong(1)).isEqualTo(4L);
      assertThat(three.<Row>getList(4).stream().map(r -> r.getString(0)))
          .containsExactly("D", "D", "E");
    }
    assertThat(pairSums(rows, 0, 1, 2))
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.getList(4)).isEmpty());
  }

  @Test
  void keysRoundTripAndRefuseDaysBefore1900() {
    long k =
        KEYS.pack(
            CountKey.PAIR,
            "month",
            LocalDate.parse("2250-12-01"),
            "paragraph",
            "entity",
            "Q3616",
            "Q794");
    assertThat(KEYS.describe(k)).isEqualTo("pair/month/2250-12-01/paragraph/entity/Q3616/Q794");
    assertThat(k).isPositive();
    long set =
        KEYS.pack(
            CountKey.SET,
            "day",
            LocalDate.parse("1900-01-01"),
            "sentence",
            "rollup",
            "syria_actors",
            null);
    assertThat(KEYS.describe(set)).isEqualTo("set/day/1900-01-01/sentence/rollup/syria_actors/-");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                KEYS.pack(
                    CountKey.ENTITY,
                    "day",
                    LocalDate.parse("1899-12-31"),
                    "sentence",
                    "rollup",
                    "Q43",
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
