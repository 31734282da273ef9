package org.marsad.dates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marsad.text.ArabicTokens;

/**
 * Parses the dates news dumps carry: ISO 8601 variants, {@code YYYY-MM-DD hh:mm:ss}, RFC 822 with
 * zones, {@code DD/MM/YYYY}, epoch seconds and millis, dates in file names ({@code YYYYMMDD},
 * {@code DDMMYYYY}) and Arabic dates in running text, with Arabic-Indic or Western digits and every
 * month-name family. The day is the one the publisher wrote; the instant is UTC, computed with the
 * written offset or, when none is written, with the source's time zone.
 */
public final class DateParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
              + "(?:[T ]+(\\d{1,2}):?(\\d{2})(?::?(\\d{2})(?:[.,]\\d+)?)?)?"
              + "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?|UTC|GMT)?");
  private static final Pattern SLASHED =
      Pattern.compile(
          "(\\d{1,4})[/.-](\\d{1,2})[/.-](\\d{1,4})"
              + "(?:[T ,]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*(Z|[+-]\\d{2}:?\\d{2}|UTC|GMT)?");
  private static final Pattern EPOCH = Pattern.compile("\\d{9,13}");
  private static final Pattern EIGHT_DIGITS = Pattern.compile("(?<!\\d)(\\d{8})(?!\\d)");
  private static final Pattern DASHED_IN_NAME =
      Pattern.compile("(?<!\\d)(\\d{4})[-_](\\d{2})[-_](\\d{2})(?!\\d)");
  private static final Map<String, String> ZONE_ABBREVIATIONS =
      Map.of(
          "UT", "+0000", "EST", "-0500", "EDT", "-0400", "CST", "-0600", "CDT", "-0500", "MST",
          "-0700", "MDT", "-0600", "PST", "-0800", "PDT", "-0700");

  private static final Map<String, Integer> MONTHS = loadMonths();
  private static final int LONGEST_MONTH_TOKENS = 2;

  private final LocalDate minDate;
  private final LocalDate maxDate;
  private final String zone;

  /**
   * @param minDate the earliest plausible publication day
   * @param maxDate the latest plausible publication day
   * @param zone time zone of times written without an offset
   */
  public DateParser(LocalDate minDate, LocalDate maxDate, ZoneId zone) {
    this.minDate = minDate;
    this.maxDate = maxDate;
    this.zone = zone.getId();
  }

  /** Outcome of parsing one value. */
  public record Result(ParsedDate date, String error) {
    static Result ok(ParsedDate d) {
      return new Result(d, null);
    }

    static Result fail(String error) {
      return new Result(null, error);
    }

    public boolean ok() {
      return date != null;
    }
  }

  /** Parses a metadata value (a field of the record); empty input gives no date and no error. */
  public Result parseValue(String raw) {
    if (raw == null || raw.isBlank()) {
      return Result.fail(null);
    }
    String s = ArabicTokens.asciiDigits(raw.strip());
    try {
      ParsedDate d = parseStructured(s);
      if (d == null) {
        d = findInText(s);
      }
      if (d == null) {
        return Result.fail("unparseable date '" + abbreviate(raw) + "'");
      }
      return checkRange(d, raw);
    } catch (DateTimeException e) {
      return Result.fail("impossible date '" + abbreviate(raw) + "': " + e.getMessage());
    }
  }

  /** Finds a date in a file name: {@code YYYYMMDD}, {@code DDMMYYYY} or {@code YYYY-MM-DD}. */
  public Result parseFileName(String fileName) {
    String base = fileName.substring(fileName.lastIndexOf('/') + 1);
    Matcher dashed = DASHED_IN_NAME.matcher(base);
    if (dashed.find()) {
      LocalDate d = safeDate(num(dashed.group(1)), num(dashed.group(2)), num(dashed.group(3)));
      if (d != null) {
        return checkRange(new ParsedDate(d, null), base);
      }
    }
    Matcher m = EIGHT_DIGITS.matcher(base);
    while (m.find()) {
      String g = m.group(1);
      LocalDate ymd = safeDate(num(g.substring(0, 4)), num(g.substring(4, 6)), num(g.substring(6)));
      if (ymd != null && inRange(ymd)) {
        return Result.ok(new ParsedDate(ymd, null));
      }
      LocalDate dmy = safeDate(num(g.substring(4)), num(g.substring(2, 4)), num(g.substring(0, 2)));
      if (dmy != null && inRange(dmy)) {
        return Result.ok(new ParsedDate(dmy, null));
      }
    }
    return Result.fail(null);
  }

  /** Finds the first written date (day, month name, year) in running text, e.g. a dateline. */
  public Result parseText(String text) {
    if (text == null || text.isEmpty()) {
      return Result.fail(null);
    }
    ParsedDate d = findInText(ArabicTokens.asciiDigits(text));
    return d == null ? Result.fail(null) : checkRange(d, text);
  }

  private Result checkRange(ParsedDate d, String raw) {
    if (!inRange(d.date())) {
      return Result.fail(
          "date "
              + d.date()
              + " outside ["
              + minDate
              + ", "
              + maxDate
              + "] from '"
              + abbreviate(raw)
              + "'");
    }
    return Result.ok(d);
  }

  private boolean inRange(LocalDate d) {
    return !d.isBefore(minDate) && !d.isAfter(maxDate);
  }

  private ParsedDate parseStructured(String s) {
    if (EPOCH.matcher(s).matches()) {
      long v = Long.parseLong(s);
      Instant instant = s.length() >= 12 ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
      // Epoch values carry no publisher's zone: the day is the UTC day.
      return new ParsedDate(instant.atZone(ZoneOffset.UTC).toLocalDate(), instant);
    }
    if (s.length() == 8 && s.chars().allMatch(Character::isDigit)) {
      LocalDate d =
          LocalDate.of(num(s.substring(0, 4)), num(s.substring(4, 6)), num(s.substring(6)));
      return new ParsedDate(d, null);
    }
    Matcher iso = ISO.matcher(s);
    if (iso.matches()) {
      LocalDate d = LocalDate.of(num(iso.group(1)), num(iso.group(2)), num(iso.group(3)));
      return withTime(d, iso.group(4), iso.group(5), iso.group(6), iso.group(7));
    }
    Matcher sl = SLASHED.matcher(s);
    if (sl.matches()) {
      int a = num(sl.group(1));
      int b = num(sl.group(2));
      int c = num(sl.group(3));
      LocalDate d;
      if (sl.group(1).length() == 4) {
        d = LocalDate.of(a, b, c); // YYYY/MM/DD
      } else if (sl.group(3).length() == 4) {
        // Day first, as written across the Arab world; month first only when the day cannot be.
        d = (b > 12 && a <= 12) ? LocalDate.of(c, a, b) : LocalDate.of(c, b, a);
      } else {
        return null;
      }
      return withTime(d, sl.group(4), sl.group(5), sl.group(6), sl.group(7));
    }
    return parseRfc822(s);
  }

  private ParsedDate withTime(LocalDate d, String hh, String mm, String ss, String offset) {
    if (hh == null) {
      return new ParsedDate(d, null);
    }
    LocalTime t = LocalTime.of(num(hh), num(mm), ss == null ? 0 : num(ss));
    LocalDateTime local = LocalDateTime.of(d, t);
    ZoneId z = offset == null ? ZoneId.of(zone) : toOffset(offset);
    return new ParsedDate(d, local.atZone(z).toInstant());
  }

  private static ZoneOffset toOffset(String offset) {
    String o = offset.toUpperCase(Locale.ROOT);
    if (o.equals("Z") || o.equals("UTC") || o.equals("GMT")) {
      return ZoneOffset.UTC;
    }
    if (o.length() == 3) {
      o = o + ":00";
    } else if (o.length() == 5) {
      o = o.substring(0, 3) + ":" + o.substring(3);
    }
    return ZoneOffset.of(o);
  }

  private static ParsedDate parseRfc822(String s) {
    Matcher m = RFC_822.matcher(s.replaceAll("\\s+", " "));
    if (!m.matches()) {
      return null;
    }
    Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
    if (month == null) {
      return null;
    }
    LocalDate d = LocalDate.of(num(m.group(3)), month, num(m.group(1)));
    LocalTime t =
        LocalTime.of(num(m.group(4)), num(m.group(5)), m.group(6) == null ? 0 : num(m.group(6)));
    String zone = m.group(7) == null ? "GMT" : m.group(7).toUpperCase(Locale.ROOT);
    String offset = ZONE_ABBREVIATIONS.getOrDefault(zone, zone);
    return new ParsedDate(d, LocalDateTime.of(d, t).atOffset(toOffset(offset)).toInstant());
  }

  // RFC 822 / 1123; the weekday is optional and not checked (feeds often get it wrong).
  private static final Pattern RFC_822 =
      Pattern.compile(
          "(?:[A-Za-z]{3,9},? )?(\\d{1,2}) ([A-Za-z]{3,9}) (\\d{4}) (\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
              + " ?(GMT|UTC|UT|Z|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[+-]\\d{4}|[+-]\\d{2}:\\d{2})?",
          Pattern.CASE_INSENSITIVE);

  /** Day, month name (optionally a second name, as in أبريل/نيسان), four-digit year. */
  private static ParsedDate findInText(String text) {
    List<String> tokens = ArabicTokens.tokens(text);
    for (int i = 0; i < tokens.size(); i++) {
      String day = tokens.get(i);
      if (day.length() > 2 || !isDigits(day)) {
        continue;
      }
      int j = i + 1;
      int[] month = matchMonth(tokens, j);
      if (month == null) {
        continue;
      }
      j += month[1];
      int[] second = matchMonth(tokens, j);
      if (second != null) {
        j += second[1];
      }
      if (j < tokens.size() && tokens.get(j).length() == 4 && isDigits(tokens.get(j))) {
        LocalDate d = safeDate(num(tokens.get(j)), month[0], num(day));
        if (d != null) {
          return new ParsedDate(d, null);
        }
      }
    }
    return null;
  }

  /** {month, tokensUsed} for a month name starting at token {@code i}, or null. */
  private static int[] matchMonth(List<String> tokens, int i) {
    for (int len = LONGEST_MONTH_TOKENS; len >= 1; len--) {
      if (i + len > tokens.size()) {
        continue;
      }
      String name = len == 1 ? tokens.get(i) : String.join(" ", tokens.subList(i, i + len));
      Integer m = MONTHS.get(name);
      if (m != null) {
        return new int[] {m, len};
      }
    }
    return null;
  }

  private static Map<String, Integer> loadMonths() {
    Map<String, Integer> months = new HashMap<>();
    try (var in = DateParser.class.getResourceAsStream("arabic-months.tsv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        months.put(ArabicTokens.normalizedText(parts[1]), Integer.parseInt(parts[0].strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // English month names appear in Arabic dumps' metadata too.
    String[] en = {
      "january",
      "february",
      "march",
      "april",
      "may",
      "june",
      "july",
      "august",
      "september",
      "october",
      "november",
      "december"
    };
    for (int i = 0; i < en.length; i++) {
      months.put(en[i], i + 1);
      months.put(en[i].substring(0, 3), i + 1);
    }
    months.put("sept", 9);
    return Map.copyOf(months);
  }

  private static LocalDate safeDate(int y, int m, int d) {
    try {
      return LocalDate.of(y, m, d);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static int num(String s) {
    return Integer.parseInt(s);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
