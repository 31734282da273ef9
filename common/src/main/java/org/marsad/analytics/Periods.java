package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.apache.spark.sql.Column;

/** Periods of the analytics tables: {@code day}, ISO {@code week} (from Monday), {@code month}. */
public final class Periods {
  private Periods() {}

  public static final List<String> ALL = List.of("day", "week", "month");

  /** The first day of the period containing {@code day}, as a Spark column. */
  public static Column start(String granularity, Column day) {
    return switch (granularity) {
      case "day" -> day;
      case "week" -> to_date(date_trunc("week", day)); // Spark's week starts on Monday (ISO)
      case "month" -> trunc(day, "month");
      default -> throw new IllegalArgumentException("unknown granularity " + granularity);
    };
  }

  /** A period's ordinal (consecutive periods differ by 1), for trailing windows. */
  public static Column ordinal(String granularity, Column periodStart) {
    Column days = datediff(periodStart, lit(java.sql.Date.valueOf("1970-01-05"))); // a Monday
    return switch (granularity) {
      case "day" -> days;
      case "week" -> floor(days.divide(7)).cast("int");
      case "month" -> year(periodStart).multiply(12).plus(month(periodStart));
      default -> throw new IllegalArgumentException("unknown granularity " + granularity);
    };
  }

  /**
   * One row per granularity for each input row: an array of {@code struct(granularity,
   * period_start)} to explode, so that every granularity is aggregated in one pass.
   */
  public static Column all(List<String> granularities, Column day) {
    Column[] s = new Column[granularities.size()];
    for (int i = 0; i < s.length; i++) {
      String g = granularities.get(i);
      s[i] = struct(lit(g).as("granularity"), start(g, day).as("period_start"));
    }
    return array(s);
  }

  /** {@link #ordinal} for a {@code granularity} column. */
  public static Column ordinal(Column granularity, Column periodStart) {
    return when(granularity.equalTo("day"), ordinal("day", periodStart))
        .when(granularity.equalTo("week"), ordinal("week", periodStart))
        .otherwise(ordinal("month", periodStart));
  }

  public static LocalDate startOf(String granularity, LocalDate day) {
    return switch (granularity) {
      case "day" -> day;
      case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "month" -> day.withDayOfMonth(1);
      default -> throw new IllegalArgumentException("unknown granularity " + granularity);
    };
  }

  public static LocalDate endOf(String granularity, LocalDate day) {
    return switch (granularity) {
      case "day" -> day;
      case "week" -> startOf("week", day).plusDays(6);
      case "month" -> day.with(TemporalAdjusters.lastDayOfMonth());
      default -> throw new IllegalArgumentException("unknown granularity " + granularity);
    };
  }

  /** The start of the period {@code n} periods before the one starting at {@code start}. */
  public static LocalDate back(String granularity, LocalDate start, int n) {
    return switch (granularity) {
      case "day" -> start.minusDays(n);
      case "week" -> start.minusWeeks(n);
      case "month" -> start.minusMonths(n);
      default -> throw new IllegalArgumentException("unknown granularity " + granularity);
    };
  }
}
