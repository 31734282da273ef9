package org.marsad.jobs;

import com.typesafe.config.Config;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.marsad.analytics.AnalyticsSettings;
import org.marsad.analytics.Stats;
import org.marsad.nlp.Segmenter;
import org.marsad.report.Html;
import org.marsad.report.Svg;
import org.marsad.tables.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marsad report}: one self-contained HTML page (inline SVG, no script, no network) on a
 * warehouse: coverage, a watch list's shares with events and bursts, event-window lifts with
 * q-values, the strongest pairs with their evidence sentence, the most mentioned and most bursting
 * entities. Only aggregates reach the driver.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write one self-contained HTML report (opens offline) of a warehouse: coverage, watch-list"
            + " shares with events and bursts, event lifts, strongest pairs, top entities.")
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--warehouse", paramLabel = "DIR", required = true, description = "Warehouse.")
  String warehouse;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Folder to write report.html into (created if missing).")
  File out;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First day shown (default: the start of the dense span).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Last day shown (default: the end of the dense span).")
  LocalDate to;

  @Option(
      names = "--watchlist",
      paramLabel = "NAME",
      description = "The watch list charted (default: report.watchlist in the config).")
  String watchlist;

  @Option(
      names = "--min-day-articles",
      paramLabel = "N",
      description =
          "A day is dense when the 7 days around it hold at least N articles a day; the charts"
              + " span the dense days (default: report.min_day_articles).")
  Integer minDayArticles;

  @Option(
      names = "--min-support",
      paramLabel = "K",
      description =
          "Pairs need K sentences together in distinct stories (default: report.min_pair_stories).")
  Integer minSupport;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @picocli.CommandLine.Mixin ConfigOptions configOptions = new ConfigOptions();

  private static final int TOP = 15;

  @Override
  public Integer call() {
    Config config = configOptions.load();
    AnalyticsSettings settings = AnalyticsSettings.from(config);
    String list = watchlist != null ? watchlist : config.getString("report.watchlist");
    List<String> members = Outputs.watchlist(settings, list);
    if (from != null && to != null && from.isAfter(to)) {
      throw new UsageException("--from " + from + " is after --to " + to);
    }
    int minDay = minDayArticles != null ? minDayArticles : config.getInt("report.min_day_articles");
    int minPair = minSupport != null ? minSupport : config.getInt("report.min_pair_stories");
    CommonOptions.checkWarehouse(warehouse, new org.apache.hadoop.conf.Configuration());
    SparkSession spark = Sessions.create("marsad report", master, config);
    Warehouse w = new Warehouse(warehouse, spark.sparkContext().hadoopConfiguration());
    w.require(
        "the report reads the pipeline's tables: run marsad pipeline, or extract, trends,"
            + " cooccur and events",
        Tables.ARTICLES,
        Tables.MENTIONS,
        Tables.ARTICLE_UNITS,
        Tables.ENTITIES,
        Tables.ENTITY_TRENDS,
        Tables.EVENT_WINDOWS);
    w.registerViews(spark);
    Report r = new Report(spark, list, members, minDay, minPair, from, to);
    String html = r.render();
    File file = new File(out, "report.html");
    Outputs.replace(file, o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
    System.out.printf(
        "marsad report: %s to %s, %,d articles, watch list %s -> %s%n",
        r.span.from, r.span.to, r.articlesInSpan, list, file);
    return 0;
  }

  /** The days the charts cover. */
  record Span(LocalDate from, LocalDate to) {}

  /**
   * The dense span: the days whose centred 7-day mean is at least {@code minDay} articles a day,
   * from the first to the last of them, leaving out the earliest and latest 1% of all articles. A
   * mean rather than the day itself, so one busy day among sparse years (ANT's 2013-2015) does
   * not stretch the axes, and a quiet weekend inside the dense months does not cut them. Without
   * any dense day: every day.
   */
  static Span denseSpan(TreeMap<LocalDate, Long> perDay, int minDay) {
    LocalDate first = perDay.firstKey();
    int n = (int) java.time.temporal.ChronoUnit.DAYS.between(first, perDay.lastKey()) + 1;
    long[] count = new long[n];
    perDay.forEach(
        (d, c) -> count[(int) java.time.temporal.ChronoUnit.DAYS.between(first, d)] += c);
    long total = java.util.Arrays.stream(count).sum();
    boolean[] dense = new boolean[n];
    for (int i = 0; i < n; i++) {
      long sum = 0;
      for (int j = Math.max(0, i - 3); j <= Math.min(n - 1, i + 3); j++) {
        sum += count[j];
      }
      dense[i] = sum >= 7L * minDay;
    }
    long tail = total / 100;
    int from = -1;
    long cum = 0;
    for (int i = 0; i < n && from < 0; i++) {
      cum += count[i];
      if (dense[i] && cum > tail) {
        from = i;
      }
    }
    int to = -1;
    cum = 0;
    for (int i = n - 1; i >= 0 && to < 0; i--) {
      cum += count[i];
      if (dense[i] && cum > tail) {
        to = i;
      }
    }
    if (from < 0 || to < from) {
      return new Span(first, perDay.lastKey());
    }
    return new Span(first.plusDays(from), first.plusDays(to));
  }

  /** The report's data, gathered as small aggregates, and its page. */
  static final class Report {
    final SparkSession spark;
    final String list;
    final List<String> members;
    final int minPair;
    final int minDay;
    final Span span;
    final long articlesInSpan;
    final TreeMap<LocalDate, Long> perDay = new TreeMap<>();
    final Map<String, String[]> names = new HashMap<>();

    Report(
        SparkSession spark,
        String list,
        List<String> members,
        int minDay,
        int minPair,
        LocalDate from,
        LocalDate to) {
      this.spark = spark;
      this.list = list;
      this.members = members;
      this.minDay = minDay;
      this.minPair = minPair;
      for (Row r :
          spark
              .sql("SELECT pub_date, count(*) FROM articles GROUP BY pub_date")
              .collectAsList()) {
        perDay.put(r.getDate(0).toLocalDate(), r.getLong(1));
      }
      if (perDay.isEmpty()) {
        throw new UsageException("no articles in the warehouse: nothing to report");
      }
      Span dense = denseSpan(perDay, minDay);
      this.span =
          new Span(from != null ? from : dense.from(), to != null ? to : dense.to());
      if (span.from.isAfter(span.to)) {
        throw new UsageException(
            "no days from "
                + span.from
                + " to "
                + span.to
                + " (the data's dense span is "
                + dense.from()
                + " to "
                + dense.to()
                + ": give both --from and --to)");
      }
      this.articlesInSpan =
          perDay.subMap(span.from, true, span.to, true).values().stream()
              .mapToLong(Long::longValue)
              .sum();
      if (articlesInSpan == 0) {
        throw new UsageException(
            "no articles from "
                + span.from
                + " to "
                + span.to
                + " (the warehouse holds "
                + perDay.firstKey()
                + " to "
                + perDay.lastKey()
                + ")");
      }
      for (Row r :
          spark
              .sql("SELECT entity_id, label_en, label_ar, entity_type FROM entities")
              .collectAsList()) {
        names.put(r.getString(0), new String[] {r.getString(1), r.getString(2), r.getString(3)});
      }
    }

    String range(String column) {
      return range(column, span.from);
    }

    String range(String column, LocalDate start) {
      return column + " BETWEEN DATE'" + start + "' AND DATE'" + span.to + "'";
    }

    String inList(List<String> ids) {
      return ids.stream()
          .map(id -> "'" + id.replace("'", "''") + "'")
          .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The English name, else the Arabic one, else the id; the Arabic one beside when both. */
    String name(String id) {
      String[] n = names.get(id);
      if (n == null) {
        return Html.text(id);
      }
      if (n[0] != null) {
        return Html.text(n[0]) + (n[1] != null ? " " + Html.bidi(n[1]) : "");
      }
      return n[1] != null ? Html.bidi(n[1]) : Html.text(id);
    }

    String plainName(String id) {
      String[] n = names.get(id);
      return n == null ? id : n[0] != null ? n[0] : n[1] != null ? n[1] : id;
    }

    String type(String id) {
      String[] n = names.get(id);
      return n == null || n[2] == null ? "" : n[2];
    }

    String render() {
      StringBuilder b = new StringBuilder();
      b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .append("<title>Marsad report: ")
          .append(span.from)
          .append(" to ")
          .append(span.to)
          .append("</title><style>")
          .append(CSS)
          .append("</style></head><body>");
      b.append("<h1>Marsad report</h1><p class=\"lede\">")
          .append(String.format(Locale.ROOT, "%,d", articlesInSpan))
          .append(" articles from ")
          .append(span.from)
          .append(" to ")
          .append(span.to)
          .append(" (where a week holds at least ")
          .append(minDay)
          .append(" articles a day; the warehouse holds ")
          .append(perDay.firstKey())
          .append(" to ")
          .append(perDay.lastKey())
          .append("). Watch list <b>")
          .append(Html.text(list))
          .append("</b>: ")
          .append(members.stream().map(this::name).collect(Collectors.joining(", ")))
          .append(". Written ")
          .append(
              ZonedDateTime.now(ZoneOffset.UTC)
                  .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
          .append(".</p>");
      coverage(b);
      shares(b);
      events(b);
      pairs(b);
      topEntities(b);
      b.append("<footer>Definitions: docs/tables.md and docs/report.md of Marsad.</footer>");
      return b.append("</body></html>").toString();
    }

    private void coverage(StringBuilder b) {
      b.append("<section id=\"coverage\"><h2>Coverage</h2>");
      List<Row> rows =
          spark
              .sql(
                  "SELECT source, pub_date, count(*) AS n, count(dup_of) AS dups FROM articles"
                      + " WHERE "
                      + range("pub_date")
                      + " GROUP BY source, pub_date")
              .collectAsList();
      Map<String, Long> bySource = new HashMap<>();
      Map<String, Long> dupsBySource = new HashMap<>();
      for (Row r : rows) {
        bySource.merge(r.getString(0), r.getLong(2), Long::sum);
        dupsBySource.merge(r.getString(0), r.getLong(3), Long::sum);
      }
      List<String> sources =
          bySource.entrySet().stream()
              .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
              .map(Map.Entry::getKey)
              .toList();
      List<String> shown = sources.subList(0, Math.min(6, sources.size()));
      int days = (int) java.time.temporal.ChronoUnit.DAYS.between(span.from, span.to) + 1;
      Map<String, double[]> stacks = new LinkedHashMap<>();
      for (String s : shown) {
        stacks.put(s, new double[days]);
      }
      if (sources.size() > shown.size()) {
        stacks.put("other sources", new double[days]);
      }
      for (Row r : rows) {
        String s = shown.contains(r.getString(0)) ? r.getString(0) : "other sources";
        int i = (int) java.time.temporal.ChronoUnit.DAYS.between(span.from, r.getDate(1).toLocalDate());
        stacks.get(s)[i] += r.getLong(2);
      }
      List<Svg.Stack> series = new ArrayList<>();
      stacks.forEach((k, v) -> series.add(new Svg.Stack(k, v)));
      b.append("<h3>Articles per day, by source</h3>")
          .append(Svg.stacked("coverage-chart", "articles", span.from, span.to, series))
          .append(legend(new ArrayList<>(stacks.keySet())));
      Map<String, Long> rejects = new HashMap<>();
      List<List<String>> rejectRows = new ArrayList<>();
      if (spark.catalog().tableExists(Tables.REJECTS)) {
        for (Row r :
            spark
                .sql(
                    "SELECT source, reason, count(*) AS n FROM rejects GROUP BY source, reason"
                        + " ORDER BY n DESC, source, reason")
                .collectAsList()) {
          rejects.merge(r.getString(0), r.getLong(2), Long::sum);
          rejectRows.add(
              List.of(Html.bidi(r.getString(0)), Html.text(r.getString(1)), num(r.getLong(2))));
        }
      }
      List<List<String>> table = new ArrayList<>();
      for (String s : sources) {
        table.add(
            List.of(
                Html.bidi(s),
                num(bySource.get(s)),
                num(dupsBySource.get(s)),
                num(rejects.getOrDefault(s, 0L))));
      }
      b.append("<div class=\"cols\"><div>")
          .append(
              Html.table(
                  "sources",
                  List.of("source", "articles", "exact duplicates", "rejects (all days)"),
                  table,
                  false,
                  true,
                  true,
                  true))
          .append("</div><div>");
      b.append(
          rejectRows.isEmpty()
              ? "<p>No rejects.</p>"
              : Html.table(
                  "rejects", List.of("source", "reject reason", "records"), rejectRows, false,
                  false, true));
      b.append("</div></div></section>");
    }

    private void shares(StringBuilder b) {
      b.append("<section id=\"shares\"><h2>Share of articles naming the watch list</h2>");
      List<Svg.Band> bands = bands();
      for (String granularity : List.of("day", "week")) {
        Map<String, List<Svg.Point>> points = new LinkedHashMap<>();
        members.forEach(m -> points.put(m, new ArrayList<>()));
        List<Svg.Marker> bursts = new ArrayList<>();
        for (Row r :
            spark
                .sql(
                    "SELECT entity_id, period_start, share, burst, robust_z, articles"
                        + " FROM entity_trends WHERE level = 'rollup' AND granularity = '"
                        + granularity
                        + "' AND entity_id IN "
                        + inList(members)
                        + " AND "
                        + range(
                            "period_start",
                            org.marsad.analytics.Periods.startOf(granularity, span.from))
                        + " ORDER BY period_start")
                .collectAsList()) {
          LocalDate day = r.getDate(1).toLocalDate();
          double share = r.isNullAt(2) ? Double.NaN : r.getDouble(2);
          points.get(r.getString(0)).add(new Svg.Point(day, share));
          if (!r.isNullAt(3) && r.getBoolean(3)) {
            bursts.add(
                new Svg.Marker(
                    members.indexOf(r.getString(0)),
                    day,
                    share,
                    String.format(
                        Locale.ROOT,
                        "burst: %s on %s, %d articles, robust z %.1f",
                        plainName(r.getString(0)),
                        day,
                        r.getLong(5),
                        r.getDouble(4))));
          }
        }
        List<Svg.Series> series = new ArrayList<>();
        for (String m : members) {
          List<Svg.Point> p = points.get(m);
          series.add(
              granularity.equals("day")
                  ? new Svg.Series(plainName(m), p, Svg.rollingMean(p, 7))
                  : new Svg.Series(plainName(m), List.of(), p));
        }
        b.append("<h3>")
            .append(
                granularity.equals("day")
                    ? "Daily share (faint) and its 7-day mean (bold); rings mark bursts"
                    : "Weekly share (weeks from Monday)")
            .append("</h3>")
            .append(
                Svg.lines(
                    "share-" + granularity,
                    "share of articles",
                    true,
                    granularity.equals("week")
                        ? org.marsad.analytics.Periods.startOf("week", span.from)
                        : span.from,
                    span.to,
                    series,
                    bands,
                    bursts))
            .append(legend(members.stream().map(this::plainName).toList()));
      }
      b.append(
          "<p class=\"note\">Share = articles naming the entity (or its capital, leaders,"
              + " demonyms) / all articles of the period. Grey bands: calendar events.</p>");
      b.append("</section>");
    }

    private List<Svg.Band> bands() {
      List<Svg.Band> out = new ArrayList<>();
      for (Row r :
          spark
              .sql(
                  "SELECT DISTINCT event_id, event_kind, round, location, event_start, event_end"
                      + " FROM event_windows WHERE event_end >= DATE'"
                      + span.from
                      + "' AND event_start <= DATE'"
                      + span.to
                      + "' ORDER BY event_start, event_id")
              .collectAsList()) {
        out.add(
            new Svg.Band(
                r.getDate(4).toLocalDate(), r.getDate(5).toLocalDate(), eventLabel(r)));
      }
      return out;
    }

    /** "Astana 4", "summit 7", "ministerial 2020-04-22": short enough to sit above a chart. */
    private static String eventLabel(Row r) {
      String kind = r.getString(1).equals("astana_round") ? "Astana" : r.getString(1).replace('_', ' ');
      String round = r.isNullAt(2) ? "" : r.get(2).toString();
      if (round.isBlank() || round.equals("0")) {
        round = r.getDate(4).toString();
      }
      return kind + " " + round;
    }

    private static String eventDetail(Row r) {
      String where = r.isNullAt(3) || r.getString(3).isBlank() ? "" : ", " + r.getString(3);
      return eventLabel(r) + where;
    }

    private void events(StringBuilder b) {
      b.append("<section id=\"events\"><h2>Around the calendar's events</h2>");
      List<Row> rows =
          spark
              .sql(
                  "SELECT event_id, event_kind, round, location, event_start, event_end, window,"
                      + " subject_kind, subject, n, total, rate, baseline_rate, lift, p_value"
                      + " FROM event_windows WHERE window <> 'baseline' AND total > 0"
                      + " AND subject IN "
                      + inList(concat(members, list))
                      + " AND event_end >= DATE'"
                      + span.from
                      + "' AND event_start <= DATE'"
                      + span.to
                      + "' ORDER BY event_start, event_id, subject_kind DESC, subject,"
                      + " window_start")
              .collectAsList();
      if (rows.isEmpty()) {
        b.append("<p>No calendar event falls between ")
            .append(span.from)
            .append(" and ")
            .append(span.to)
            .append(" (calendars: events.calendars in the config).</p></section>");
        return;
      }
      Map<String, List<Row>> byEvent = new LinkedHashMap<>();
      rows.forEach(r -> byEvent.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
      b.append(
          "<p class=\"note\">Each window: the rate (articles naming the subject per 1,000"
              + " articles) and its lift over the baseline rate (×), then n / articles, the"
              + " one-sided p-value of a higher rate than the baseline and its Benjamini–Hochberg"
              + " q-value over the event's tests. Bold: q &lt; 0.05.</p>");
      List<List<String>> table = new ArrayList<>();
      // One row per event and subject; each window's cell: n / articles, rate, lift, p and q.
      List<String> windows = List.of("before", "during", "after");
      for (List<Row> ev : byEvent.values()) {
        double[] p = new double[ev.size()];
        for (int i = 0; i < p.length; i++) {
          p[i] = ev.get(i).isNullAt(14) ? Double.NaN : ev.get(i).getDouble(14);
        }
        double[] q = Stats.benjaminiHochberg(p);
        Map<String, String[]> bySubject = new LinkedHashMap<>();
        Map<String, String> baseline = new HashMap<>();
        boolean first = true;
        for (int i = 0; i < ev.size(); i++) {
          Row r = ev.get(i);
          String subject =
              r.getString(7).equals("entity") ? name(r.getString(8)) : Html.text(r.getString(8));
          int w = windows.indexOf(r.getString(6));
          if (w < 0) {
            continue;
          }
          boolean strong = !Double.isNaN(q[i]) && q[i] < 0.05;
          String cell =
              (strong ? "<b>" : "")
                  + dec(r, 11, 1)
                  + (r.isNullAt(13) ? "" : " ×" + dec(r, 13, 2))
                  + (strong ? "</b>" : "")
                  + "<br><small>"
                  + num(r.getLong(9))
                  + "/"
                  + num(r.getLong(10))
                  + " · p "
                  + fmtP(p[i])
                  + " · q "
                  + fmtP(q[i])
                  + "</small>";
          bySubject.computeIfAbsent(subject, k -> new String[3])[w] = cell;
          baseline.put(subject, dec(r, 12, 1));
          if (first) {
            bySubject.put("\u0000event", new String[] {eventDetail(r), r.getDate(4).toString()});
            first = false;
          }
        }
        String[] head = bySubject.remove("\u0000event");
        boolean firstRow = true;
        for (Map.Entry<String, String[]> e : bySubject.entrySet()) {
          String[] c = e.getValue();
          table.add(
              List.of(
                  firstRow ? Html.text(head[0]) + "<br><small>" + head[1] + "</small>" : "",
                  e.getKey(),
                  baseline.get(e.getKey()),
                  c[0] == null ? "" : c[0],
                  c[1] == null ? "" : c[1],
                  c[2] == null ? "" : c[2]));
          firstRow = false;
        }
      }
      b.append(
          Html.table(
              "events",
              List.of("event", "subject", "baseline rate", "before", "during", "after"),
              table,
              false,
              false,
              true,
              true,
              true,
              true));
      b.append("</section>");
    }

    private void pairs(StringBuilder b) {
      b.append("<section id=\"pairs\"><h2>Strongest pairs (named in the same sentence)</h2>");
      // Mentions of the span's articles only, so the units and their total agree.
      String units =
          "SELECT DISTINCT m.article_id, m.story_id, m.field, m.paragraph_idx, m.sentence_idx,"
              + " m.rollup_id AS e FROM mentions m LEFT SEMI JOIN articles a"
              + " ON a.article_id = m.article_id AND a."
              + range("pub_date")
              + " WHERE m."
              + range("pub_date");
      spark.sql(units).createOrReplaceTempView("report_units");
      long total =
          spark
              .sql(
                  "SELECT coalesce(sum(sentences), 0) FROM article_units u JOIN (SELECT article_id"
                      + " FROM articles WHERE "
                      + range("pub_date")
                      + ") a USING (article_id)")
              .first()
              .getLong(0);
      List<Row> rows =
          spark
              .sql(
                  "WITH n AS (SELECT e, count(*) AS n FROM report_units GROUP BY e),"
                      + " p AS (SELECT a.e AS ea, b.e AS eb, count(*) AS n_ab,"
                      + " count(DISTINCT a.story_id) AS stories,"
                      + " min(struct(a.article_id, a.field, a.paragraph_idx, a.sentence_idx)) AS ev"
                      + " FROM report_units a JOIN report_units b ON a.article_id = b.article_id"
                      + " AND a.field = b.field AND a.paragraph_idx = b.paragraph_idx"
                      + " AND a.sentence_idx = b.sentence_idx AND a.e < b.e"
                      + " GROUP BY a.e, b.e HAVING count(DISTINCT a.story_id) >= "
                      + minPair
                      + ") SELECT ea, eb, n_ab, stories, na.n, nb.n, ev FROM p"
                      + " JOIN n na ON na.e = ea JOIN n nb ON nb.e = eb")
              .collectAsList();
      record Pair(Row row, double g2, double npmi) {}
      List<Pair> ranked = new ArrayList<>();
      for (Row r : rows) {
        long nab = r.getLong(2);
        long na = r.getLong(4);
        long nb = r.getLong(5);
        double g2 = Stats.llr(nab, na, nb, total);
        if (Stats.pmi(nab, na, nb, total) > 0 && Double.isFinite(g2)) {
          ranked.add(new Pair(r, g2, Stats.npmi(nab, na, nb, total)));
        }
      }
      ranked.sort(java.util.Comparator.comparingDouble((Pair p) -> -p.g2));
      List<Pair> top = ranked.subList(0, Math.min(20, ranked.size()));
      if (top.isEmpty()) {
        b.append("<p>No pair is named together in ")
            .append(minPair)
            .append(" stories or more (--min-support).</p></section>");
        return;
      }
      Map<String, String> sentences = evidence(top.stream().map(p -> p.row.getStruct(6)).toList());
      List<List<String>> table = new ArrayList<>();
      for (Pair p : top) {
        Row r = p.row;
        Row ev = r.getStruct(6);
        table.add(
            List.of(
                name(r.getString(0)),
                name(r.getString(1)),
                num(r.getLong(2)),
                num(r.getLong(3)),
                String.format(Locale.ROOT, "%.0f", p.g2),
                String.format(Locale.ROOT, "%.3f", p.npmi),
                "<span class=\"ar\">"
                    + Html.bidi(sentences.getOrDefault(key(ev), ""))
                    + "</span>"));
      }
      b.append(
              String.format(
                  Locale.ROOT,
                  "<p class=\"note\">Ranked by G² (log-likelihood ratio over %,d sentences; above"
                      + " 10.8 is p &lt; 0.001), positively associated pairs named together in at"
                      + " least %d distinct stories, entities rolled up to their country. NPMI in"
                      + " [−1, 1] beside it; support = sentences together.</p>",
                  total,
                  minPair))
          .append(
              Html.table(
                  "pairs",
                  List.of("entity", "with", "sentences", "stories", "G²", "NPMI", "evidence"),
                  table,
                  false,
                  false,
                  true,
                  true,
                  true,
                  true,
                  false));
      b.append("</section>");
    }

    private static String key(Row ev) {
      return ev.getString(0) + "|" + ev.getString(1) + "|" + ev.get(2) + "|" + ev.get(3);
    }

    /** The sentence each pointer names, cut from its article (title or body). */
    private Map<String, String> evidence(List<Row> pointers) {
      Map<String, String> out = new HashMap<>();
      List<String> ids = pointers.stream().map(r -> r.getString(0)).distinct().toList();
      Map<String, Row> texts = new HashMap<>();
      for (Row r :
          spark
              .sql("SELECT article_id, title, body FROM articles WHERE article_id IN " + inList(ids))
              .collectAsList()) {
        texts.put(r.getString(0), r);
      }
      for (Row ev : pointers) {
        Row t = texts.get(ev.getString(0));
        if (t == null) {
          continue;
        }
        String text = "title".equals(ev.getString(1)) ? t.getString(1) : t.getString(2);
        if (text == null) {
          continue;
        }
        int paragraph = ((Number) ev.get(2)).intValue();
        int sentence = ((Number) ev.get(3)).intValue();
        for (Segmenter.Sentence s : Segmenter.sentences(text)) {
          if (s.paragraph() == paragraph && s.index() == sentence) {
            String cut = text.substring(s.start(), s.end());
            out.put(key(ev), cut.length() > 220 ? cut.substring(0, 219) + "…" : cut);
            break;
          }
        }
      }
      return out;
    }

    private void topEntities(StringBuilder b) {
      b.append("<section id=\"entities\"><h2>Most mentioned and most bursting</h2>")
          .append("<div class=\"cols\"><div><h3>Most mentioned (by articles)</h3>");
      List<List<String>> most = new ArrayList<>();
      for (Row r :
          spark
              .sql(
                  "SELECT rollup_id, count(DISTINCT article_id) AS articles, count(*) AS mentions,"
                      + " count(DISTINCT story_id) AS stories FROM mentions WHERE "
                      + range("pub_date")
                      + " GROUP BY rollup_id ORDER BY articles DESC, mentions DESC, rollup_id"
                      + " LIMIT "
                      + TOP)
              .collectAsList()) {
        most.add(
            List.of(
                name(r.getString(0)),
                Html.text(type(r.getString(0))),
                num(r.getLong(1)),
                num(r.getLong(3)),
                num(r.getLong(2))));
      }
      b.append(
          Html.table(
              "most-mentioned",
              List.of("entity", "type", "articles", "stories", "mentions"),
              most,
              false,
              false,
              true,
              true,
              true));
      b.append(
          "</div><div><h3>Most bursting days (articles above the baseline share; bursts of"
              + " entity_trends)</h3>");
      List<List<String>> bursts = new ArrayList<>();
      for (Row r :
          spark
              .sql(
                  "SELECT entity_id, period_start, articles, share, baseline_share, robust_z,"
                      + " articles - baseline_share * total_articles AS excess"
                      + " FROM entity_trends WHERE level = 'rollup' AND granularity = 'day'"
                      + " AND burst AND "
                      + range("period_start")
                      + " ORDER BY excess DESC, robust_z DESC, entity_id LIMIT "
                      + TOP)
              .collectAsList()) {
        bursts.add(
            List.of(
                name(r.getString(0)),
                r.getDate(1).toString(),
                num(r.getLong(2)),
                pct(r, 3),
                pct(r, 4),
                dec(r, 6, 0),
                dec(r, 5, 1)));
      }
      b.append(
          bursts.isEmpty()
              ? "<p>No burst in the span.</p>"
              : Html.table(
                  "bursts",
                  List.of("entity", "day", "articles", "share", "baseline", "excess", "z"),
                  bursts,
                  false,
                  false,
                  true,
                  true,
                  true,
                  true,
                  true));
      b.append("</div></div></section>");
    }

    private static List<String> concat(List<String> a, String b) {
      List<String> out = new ArrayList<>(a);
      out.add(b);
      return out;
    }

    private static String legend(List<String> names) {
      StringBuilder b = new StringBuilder("<ul class=\"legend\">");
      for (int i = 0; i < names.size(); i++) {
        b.append("<li><span class=\"swatch\" style=\"background:")
            .append(Svg.PALETTE.get(i % Svg.PALETTE.size()))
            .append("\"></span>")
            .append(Html.bidi(names.get(i)))
            .append("</li>");
      }
      return b.append("</ul>").toString();
    }

    private static String num(long n) {
      return String.format(Locale.ROOT, "%,d", n);
    }

    private static String dec(Row r, int i, int digits) {
      if (r.isNullAt(i) || Double.isNaN(r.getDouble(i))) {
        return "";
      }
      return String.format(Locale.ROOT, "%." + digits + "f", r.getDouble(i));
    }

    private static String pct(Row r, int i) {
      if (r.isNullAt(i)) {
        return "";
      }
      return String.format(Locale.ROOT, "%.1f%%", 100 * r.getDouble(i));
    }

    private static String fmtP(double p) {
      if (Double.isNaN(p)) {
        return "";
      }
      return p < 0.001 ? "&lt;0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
  }

  private static final String CSS =
      "body{font-family:system-ui,-apple-system,'Segoe UI',Tahoma,'Noto Sans Arabic',sans-serif;"
          + "max-width:1000px;margin:24px auto;padding:0 16px;color:#222;line-height:1.4}"
          + "h1{margin-bottom:4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}"
          + "h3{font-size:1em;margin:16px 0 4px}.lede,.note{color:#555}.note{font-size:.9em}"
          + "table{border-collapse:collapse;font-size:.9em;margin:8px 0}"
          + "th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}"
          + "td.num{text-align:right;font-variant-numeric:tabular-nums}"
          + "bdi[dir=rtl]{font-size:1.05em}.ar{display:block;max-width:420px;text-align:right}"
          + "svg.chart{width:100%;height:auto;display:block}"
          + ".legend{list-style:none;padding:0;margin:4px 0 12px;font-size:.9em}"
          + ".legend li{display:inline-block;margin-right:16px}"
          + ".swatch{display:inline-block;width:12px;height:12px;margin-right:4px;"
          + "vertical-align:middle}"
          + ".cols{display:flex;gap:32px;flex-wrap:wrap}footer{margin-top:40px;color:#777;"
          + "font-size:.85em}";
}
