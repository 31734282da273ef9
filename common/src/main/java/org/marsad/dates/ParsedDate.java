package org.marsad.dates;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A publication day as the publisher wrote it, and the UTC instant when a time of day was given
 * (null when only the day is known). The day is never shifted by converting to UTC.
 */
public final class ParsedDate {
  private final LocalDate date;
  private final Instant instant;

  public ParsedDate(LocalDate date, Instant instant) {
    this.date = Objects.requireNonNull(date);
    this.instant = instant;
  }

  public LocalDate date() {
    return date;
  }

  /** The UTC instant, or null when only a day is known. */
  public Instant instant() {
    return instant;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParsedDate p && date.equals(p.date) && Objects.equals(instant, p.instant);
  }

  @Override
  public int hashCode() {
    return Objects.hash(date, instant);
  }

  @Override
  public String toString() {
    return instant == null ? date.toString() : date + "@" + instant;
  }
}
