package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.tables.Tables.Col;

/**
 * {@code event_windows}: for each event of the calendars, windows {@code before} (the {@code
 * before_days} before its start), {@code during}, {@code after} (the {@code after_days} after its
 * end) and {@code baseline} (the {@code baseline_days} before the "before" window, less every day
 * that falls in any event's before-during-after span); for each watch-list entity (rolled up), each
 * pair of a watch list's members and each watch list: the articles naming it ({@code n}, and in
 * distinct stories), the window's articles ({@code total}), the rate per 1,000 articles, the
 * baseline's rate, the lift, and a one-sided p-value that the window's rate exceeds the baseline's
 * ({@link Stats#rateIncreasePValue}).
 */
public final class EventWindows {
  private EventWindows() {}

  static final StructType WINDOW_DAYS =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("event_kind", DataTypes.StringType)
          .add("round", DataTypes.StringType)
          .add("location", DataTypes.StringType)
          .add("event_start", DataTypes.DateType)
          .add("event_end", DataTypes.DateType)
          .add("window", DataTypes.StringType)
          .add("window_start", DataTypes.DateType)
          .add("window_end", DataTypes.DateType)
          .add("window_days", DataTypes.IntegerType)
          .add("day", DataTypes.DateType);

  /** Every (event, window, day): a few thousand rows, built from the calendar. */
  static List<Row> windowDays(List<EventCalendar.Event> events, AnalyticsSettings s) {
    Set<LocalDate> busy = new TreeSet<>();
    for (EventCalendar.Event e : events) {
      for (LocalDate d = e.start().minusDays(s.beforeDays());
          !d.isAfter(e.end().plusDays(s.afterDays()));
          d = d.plusDays(1)) {
        busy.add(d);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (EventCalendar.Event e : events) {
      LocalDate beforeStart = e.start().minusDays(s.beforeDays());
      add(rows, e, "before", beforeStart, e.start().minusDays(1), Set.of());
      add(rows, e, "during", e.start(), e.end(), Set.of());
      add(rows, e, "after", e.end().plusDays(1), e.end().plusDays(s.afterDays()), Set.of());
      add(
          rows,
          e,
          "baseline",
          beforeStart.minusDays(s.baselineDays()),
          beforeStart.minusDays(1),
          busy);
    }
    return rows;
  }

  private static void add(
      List<Row> rows,
      EventCalendar.Event e,
      String window,
      LocalDate from,
      LocalDate to,
      Set<LocalDate> excluded) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (!excluded.contains(d)) {
        days.add(d);
      }
    }
    for (LocalDate d : days) {
      rows.add(
          RowFactory.create(
              e.id(),
              e.kind(),
              e.round(),
              e.location(),
              java.sql.Date.valueOf(e.start()),
              java.sql.Date.valueOf(e.end()),
              window,
              java.sql.Date.valueOf(from),
              java.sql.Date.valueOf(to),
              days.size(),
              java.sql.Date.valueOf(d)));
    }
  }

  /** Subjects: watched entities, pairs of a list's members ("QA|QB", QA &lt; QB), lists. */
  static List<String[]> subjects(AnalyticsSettings s) {
    Set<String> pairs = new TreeSet<>();
    for (List<String> members : s.watchlists().values()) {
      for (String a : members) {
        for (String b : members) {
          if (a.compareTo(b) < 0) {
            pairs.add(a + "|" + b);
          }
        }
      }
    }
    List<String[]> out = new ArrayList<>();
    new LinkedHashSet<>(s.watchedEntities()).forEach(e -> out.add(new String[] {"entity", e}));
    pairs.forEach(p -> out.add(new String[] {"pair", p}));
    s.watchlists().keySet().forEach(k -> out.add(new String[] {"set", k}));
    return out;
  }

  public static Dataset<Row> compute(
      SparkSession spark,
      Dataset<Row> articles,
      Dataset<Row> mentions,
      List<EventCalendar.Event> events,
      AnalyticsSettings s,
      String runId) {
    Dataset<Row> windows = broadcast(spark.createDataFrame(windowDays(events, s), WINDOW_DAYS));
    List<String> watched = new ArrayList<>(s.watchedEntities());
    // Per article, the watched entities it names (rolled up), then the subjects it satisfies.
    Dataset<Row> perArticle =
        mentions
            .filter(col(Col.ROLLUP_ID).isin(watched.toArray()))
            .groupBy(Col.ARTICLE_ID, Col.PUB_DATE, Col.STORY_ID)
            .agg(collect_set(col(Col.ROLLUP_ID)).as("ents"));
    List<Column> satisfied = new ArrayList<>();
    for (String[] subject : subjects(s)) {
      List<String> needs =
          switch (subject[0]) {
            case "entity" -> List.of(subject[1]);
            case "pair" -> List.of(subject[1].split("\\|"));
            default -> s.watchlists().get(subject[1]);
          };
      Column all = lit(true);
      for (String q : needs) {
        all = all.and(array_contains(col("ents"), q));
      }
      satisfied.add(
          when(all, struct(lit(subject[0]).as("subject_kind"), lit(subject[1]).as("subject"))));
    }
    Dataset<Row> articleSubjects =
        perArticle
            .withColumn(
                "s", explode(filter(array(satisfied.toArray(new Column[0])), x -> x.isNotNull())))
            .select(
                col(Col.ARTICLE_ID),
                col(Col.PUB_DATE),
                col(Col.STORY_ID),
                col("s.subject_kind").as("subject_kind"),
                col("s.subject").as("subject"));
    String[] windowCols = {
      "event_id",
      "event_kind",
      "round",
      "location",
      "event_start",
      "event_end",
      "window",
      "window_start",
      "window_end",
      "window_days"
    };
    Column[] windowKey = new Column[windowCols.length];
    for (int i = 0; i < windowCols.length; i++) {
      windowKey[i] = col(windowCols[i]);
    }
    Dataset<Row> totals =
        articles
            .join(windows, col(Col.PUB_DATE).equalTo(col("day")))
            .groupBy(windowKey)
            .agg(count(lit(1)).as("total"), countDistinct(col(Col.STORY_ID)).as("total_stories"));
    List<String> keyAndSubject = new ArrayList<>(List.of(windowCols));
    keyAndSubject.add("subject_kind");
    keyAndSubject.add("subject");
    Dataset<Row> hits =
        articleSubjects
            .join(windows, col(Col.PUB_DATE).equalTo(col("day")))
            .groupBy(
                keyAndSubject.stream()
                    .map(org.apache.spark.sql.functions::col)
                    .toArray(Column[]::new))
            .agg(
                countDistinct(col(Col.ARTICLE_ID)).as("n"),
                countDistinct(col(Col.STORY_ID)).as("n_stories"));
    List<Row> subjectRows = new ArrayList<>();
    for (String[] subject : subjects(s)) {
      subjectRows.add(RowFactory.create(subject[0], subject[1]));
    }
    Dataset<Row> subjectTable =
        spark.createDataFrame(
            subjectRows,
            new StructType()
                .add("subject_kind", DataTypes.StringType)
                .add("subject", DataTypes.StringType));
    // Every window of every event, with or without articles, for every subject.
    Dataset<Row> grid =
        windows
            .select(windowKey)
            .distinct()
            .crossJoin(broadcast(subjectTable))
            .join(totals, Trends.scala(List.of(windowCols)), "left")
            .join(hits, Trends.scala(keyAndSubject), "left")
            .na()
            .fill(0L, new String[] {"n", "n_stories", "total", "total_stories"});
    Dataset<Row> baseline =
        grid.filter(col("window").equalTo("baseline"))
            .select(
                col("event_id"),
                col("subject_kind"),
                col("subject"),
                col("n").as("baseline_n"),
                col("total").as("baseline_total"),
                col("n_stories").as("baseline_n_stories"),
                col("total_stories").as("baseline_total_stories"));
    UserDefinedFunction pValue = StatUdfs.of("marsad_rate_increase_p", Stats::rateIncreasePValue);
    Dataset<Row> rows =
        grid.join(baseline, Trends.scala(List.of("event_id", "subject_kind", "subject")));
    // The same measures per article and per story.
    for (String per : List.of("", "_stories")) {
      rows =
          rows.withColumn("rate" + per, per1000(col("n" + per), col("total" + per)))
              .withColumn(
                  "baseline_rate" + per,
                  per1000(col("baseline_n" + per), col("baseline_total" + per)))
              .withColumn("lift" + per, ratio(col("rate" + per), col("baseline_rate" + per)))
              .withColumn(
                  "p_value" + per,
                  when(
                      col("window").notEqual("baseline"),
                      pValue.apply(
                          col("n" + per),
                          col("total" + per),
                          col("baseline_n" + per),
                          col("baseline_total" + per))));
    }
    List<String> out = new ArrayList<>(keyAndSubject);
    out.addAll(
        List.of(
            "n",
            "total",
            "rate",
            "baseline_rate",
            "lift",
            "p_value",
            "baseline_n",
            "baseline_total",
            "n_stories",
            "total_stories",
            "rate_stories",
            "baseline_rate_stories",
            "lift_stories",
            "p_value_stories",
            "events_run_id"));
    return rows.withColumn("events_run_id", lit(runId))
        .select(out.get(0), out.subList(1, out.size()).toArray(String[]::new));
  }

  private static Column per1000(Column n, Column total) {
    return when(total.gt(0), n.cast("double").multiply(1000.0).divide(total.cast("double")));
  }

  private static Column ratio(Column a, Column b) {
    return when(b.gt(0), a.divide(b));
  }

  /** The first and last day any window covers: what the job needs to read. */
  public static LocalDate[] span(List<EventCalendar.Event> events, AnalyticsSettings s) {
    LocalDate min = null;
    LocalDate max = null;
    for (EventCalendar.Event e : events) {
      LocalDate a = e.start().minusDays(s.beforeDays() + (long) s.baselineDays());
      LocalDate b = e.end().plusDays(s.afterDays());
      min = min == null || a.isBefore(min) ? a : min;
      max = max == null || b.isAfter(max) ? b : max;
    }
    return new LocalDate[] {min, max};
  }
}
