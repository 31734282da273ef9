package org.marsad.report;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts over days, for a report that opens with no network: lines (a faint daily trace
 * and a bold rolling mean per series), stacked bars, event bands with labels and burst markers.
 * Every series is one {@code <g class="series">}, so a test can count what a chart draws.
 */
public final class Svg {
  private Svg() {}

  /** Colour-blind-safe palette (Okabe and Ito), in the order series get them. */
  public static final List<String> PALETTE =
      List.of(
          "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999");

  public record Point(LocalDate day, double value) {}

  /**
   * A line: {@code trace} drawn thin and faint (e.g. daily values), {@code line} bold (e.g. their
   * rolling mean); either may be empty.
   */
  public record Series(String name, List<Point> trace, List<Point> line) {}

  /** A dated event drawn as a shaded band from start to end, labelled above the plot. */
  public record Band(LocalDate start, LocalDate end, String label) {}

  /** A point to ring (a burst), on the series of that index. */
  public record Marker(int series, LocalDate day, double value, String title) {}

  /** Stacked bars: one value per day per series. */
  public record Stack(String name, double[] values) {}

  private static final int W = 960;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int BOTTOM = 28;

  private static final class Frame {
    final LocalDate from;
    final LocalDate to;
    final double yMax;
    final int top;
    final int height;

    Frame(LocalDate from, LocalDate to, double yMax, int top, int height) {
      this.from = from;
      this.to = to;
      this.yMax = yMax;
      this.top = top;
      this.height = height;
    }

    long days() {
      return Math.max(1, ChronoUnit.DAYS.between(from, to));
    }

    double x(LocalDate d) {
      return LEFT + (W - LEFT - RIGHT) * (double) ChronoUnit.DAYS.between(from, d) / days();
    }

    double y(double v) {
      return top + height - height * Math.min(v, yMax) / yMax;
    }

    double bottom() {
      return top + height;
    }
  }

  /** A line chart over [from, to]; values outside the span are not drawn. */
  public static String lines(
      String id,
      String yLabel,
      boolean percent,
      LocalDate from,
      LocalDate to,
      List<Series> series,
      List<Band> bands,
      List<Marker> markers) {
    double max = 0;
    for (Series s : series) {
      for (Point p : concat(s.trace, s.line)) {
        if (inside(p.day, from, to)) {
          max = Math.max(max, p.value);
        }
      }
    }
    int labelRows = bands.isEmpty() ? 0 : Math.min(3, bands.size());
    int top = 12 + 14 * labelRows;
    Frame f = new Frame(from, to, niceMax(max), top, 240);
    StringBuilder b = open(id, "line", series.size(), f);
    bands(b, f, bands);
    axes(b, f, yLabel, percent, to);
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String colour = PALETTE.get(i % PALETTE.size());
      b.append("<g class=\"series\" data-name=\"").append(Html.attr(s.name)).append("\">");
      b.append("<title>").append(Html.text(s.name)).append("</title>");
      path(b, f, s.trace, colour, 1, 0.35);
      path(b, f, s.line, colour, 2.5, 1);
      b.append("</g>");
    }
    for (Marker m : markers) {
      if (inside(m.day, from, to)) {
        b.append(
            String.format(
                Locale.ROOT,
                "<circle class=\"burst\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"none\""
                    + " stroke=\"%s\" stroke-width=\"2\"><title>%s</title></circle>",
                f.x(m.day),
                f.y(m.value),
                PALETTE.get(m.series % PALETTE.size()),
                Html.text(m.title)));
      }
    }
    return b.append("</svg>").toString();
  }

  /** Stacked daily bars over [from, to] (values[i] is day from + i). */
  public static String stacked(
      String id, String yLabel, LocalDate from, LocalDate to, List<Stack> stacks) {
    int n = (int) ChronoUnit.DAYS.between(from, to) + 1;
    double[] totals = new double[n];
    for (Stack s : stacks) {
      for (int i = 0; i < n && i < s.values.length; i++) {
        totals[i] += s.values[i];
      }
    }
    double max = 0;
    for (double t : totals) {
      max = Math.max(max, t);
    }
    Frame f = new Frame(from, to.plusDays(1), niceMax(max), 12, 200);
    StringBuilder b = open(id, "bars", stacks.size(), f);
    axes(b, f, yLabel, false, to);
    double[] base = new double[n];
    double width = Math.max(0.5, (W - LEFT - RIGHT) / (double) n - 0.5);
    for (int k = 0; k < stacks.size(); k++) {
      Stack s = stacks.get(k);
      b.append("<g class=\"series\" data-name=\"")
          .append(Html.attr(s.name))
          .append("\" fill=\"")
          .append(PALETTE.get(k % PALETTE.size()))
          .append("\"><title>")
          .append(Html.text(s.name))
          .append("</title>");
      for (int i = 0; i < n && i < s.values.length; i++) {
        if (s.values[i] > 0) {
          double y0 = f.y(base[i]);
          double y1 = f.y(base[i] + s.values[i]);
          b.append(
              String.format(
                  Locale.ROOT,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                  f.x(from.plusDays(i)),
                  y1,
                  width,
                  Math.max(0.5, y0 - y1)));
          base[i] += s.values[i];
        }
      }
      b.append("</g>");
    }
    return b.append("</svg>").toString();
  }

  /** The trailing mean of the last {@code window} days (days without a value count as absent). */
  public static List<Point> rollingMean(List<Point> daily, int window) {
    List<Point> out = new ArrayList<>();
    for (int i = 0; i < daily.size(); i++) {
      LocalDate day = daily.get(i).day;
      double sum = 0;
      int n = 0;
      for (int j = i; j >= 0 && ChronoUnit.DAYS.between(daily.get(j).day, day) < window; j--) {
        sum += daily.get(j).value;
        n++;
      }
      out.add(new Point(day, sum / n));
    }
    return out;
  }

  private static StringBuilder open(String id, String kind, int series, Frame f) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "<svg id=\"%s\" class=\"chart %s\" data-series=\"%d\" xmlns=\"http://www.w3.org/2000/svg\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">",
            Html.attr(id),
            kind,
            series,
            W,
            (int) f.bottom() + BOTTOM));
    return b;
  }

  private static void axes(
      StringBuilder b, Frame f, String yLabel, boolean percent, LocalDate lastDay) {
    b.append("<g class=\"axes\" stroke=\"#ccc\">");
    for (int i = 0; i <= 4; i++) {
      double v = f.yMax * i / 4;
      double y = f.y(v);
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444\" stroke=\"none\">%s</text>",
              LEFT,
              W - RIGHT,
              y,
              y,
              LEFT - 6,
              y + 4,
              percent ? trim(v * 100) + "%" : trim(v)));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"12\" y=\"%.1f\" transform=\"rotate(-90 12 %.1f)\" text-anchor=\"middle\""
                + " fill=\"#444\" stroke=\"none\">%s</text>",
            f.top + f.height / 2.0,
            f.top + f.height / 2.0,
            Html.text(yLabel)));
    for (LocalDate d : ticks(f.from, lastDay)) {
      double x = f.x(d);
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                  + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#444\""
                  + " stroke=\"none\">%s</text>",
              x,
              x,
              f.bottom(),
              f.bottom() + 4,
              x,
              f.bottom() + 16,
              tickLabel(d, f.from, f.to)));
    }
    b.append("</g>");
  }

  private static void bands(StringBuilder b, Frame f, List<Band> bands) {
    int row = 0;
    int rows = Math.min(3, bands.size());
    for (Band band : bands) {
      if (band.end.isBefore(f.from) || band.start.isAfter(f.to)) {
        continue;
      }
      LocalDate s = band.start.isBefore(f.from) ? f.from : band.start;
      LocalDate e = band.end.isAfter(f.to) ? f.to : band.end;
      double x0 = f.x(s);
      double x1 = Math.min(W - RIGHT, Math.max(x0 + 2, f.x(e.plusDays(1))));
      double ly = 12 + 14 * (row % Math.max(1, rows));
      b.append(
          String.format(
              Locale.ROOT,
              "<g class=\"event\"><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                  + " fill=\"#999\" fill-opacity=\"0.18\"/>"
                  + "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%d\" stroke=\"#999\""
                  + " stroke-dasharray=\"2,2\"/>"
                  + "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\" text-anchor=\"%s\">%s</text>"
                  + "<title>%s</title></g>",
              x0,
              f.top,
              x1 - x0,
              f.height,
              x0,
              x0,
              ly + 2,
              f.top,
              x0 > W - 160 ? x0 - 2 : x0 + 2,
              ly,
              x0 > W - 160 ? "end" : "start",
              Html.text(band.label),
              Html.text(band.label + " (" + band.start + " to " + band.end + ")")));
      row++;
    }
  }

  private static void path(
      StringBuilder b, Frame f, List<Point> points, String colour, double width, double opacity) {
    StringBuilder d = new StringBuilder();
    int drawn = 0;
    for (Point p : points) {
      if (!inside(p.day, f.from, f.to) || Double.isNaN(p.value)) {
        continue;
      }
      d.append(drawn == 0 ? "M" : "L")
          .append(String.format(Locale.ROOT, "%.1f,%.1f", f.x(p.day), f.y(p.value)));
      drawn++;
    }
    if (drawn == 0) {
      return;
    }
    if (drawn == 1) {
      Point p = points.stream().filter(q -> inside(q.day, f.from, f.to)).findFirst().get();
      b.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"%.2f\"/>",
              f.x(p.day),
              f.y(p.value),
              colour,
              opacity));
      return;
    }
    b.append(
        String.format(
            Locale.ROOT,
            "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\""
                + " stroke-opacity=\"%.2f\" stroke-linejoin=\"round\"/>",
            d,
            colour,
            width,
            opacity));
  }

  /** Tick days: about eight, on month starts for long spans, Mondays or days for short ones. */
  static List<LocalDate> ticks(LocalDate from, LocalDate to) {
    long days = ChronoUnit.DAYS.between(from, to);
    List<LocalDate> out = new ArrayList<>();
    if (days > 120) {
      int step = (int) Math.max(1, Math.ceil(days / 30.0 / 8));
      for (LocalDate d = from.withDayOfMonth(1).plusMonths(1);
          !d.isAfter(to);
          d = d.plusMonths(step)) {
        out.add(d);
      }
    } else {
      int step = (int) Math.max(1, Math.ceil(days / 8.0));
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(step)) {
        out.add(d);
      }
    }
    return out;
  }

  private static String tickLabel(LocalDate d, LocalDate from, LocalDate to) {
    long days = ChronoUnit.DAYS.between(from, to);
    String pattern = days > 120 ? "MMM yyyy" : "d MMM";
    return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(d);
  }

  /** 1, 2 or 5 times a power of ten, at or above the largest value (1 for an empty chart). */
  static double niceMax(double max) {
    if (!(max > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(max)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= max) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String trim(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(3))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static boolean inside(LocalDate d, LocalDate from, LocalDate to) {
    return !d.isBefore(from) && !d.isAfter(to);
  }

  private static List<Point> concat(List<Point> a, List<Point> b) {
    List<Point> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
