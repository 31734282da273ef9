package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * The group of a {@link StoryCounter} row (kind, granularity, period, scope, level, a, b) packed in
 * one long, so that Spark hashes and sorts one number per row instead of seven strings; the
 * aggregated rows are decoded back at the end. Bits, high to low: kind 2, granularity 2, scope 2,
 * level 1, period start 17 (days since 1900-01-01, to 2258), a 19, b + 1 19 (0: no b). Entities and
 * watch lists are numbered by a dictionary sorted as the ids sort, so a &lt; b holds for both.
 */
public final class CountKey implements Serializable {
  public static final int PAIR = 0;
  public static final int ENTITY = 1;
  public static final int SET = 2;
  static final List<String> LEVELS = List.of("entity", "rollup");
  static final LocalDate EPOCH = LocalDate.of(1900, 1, 1);

  private static final int ID_BITS = 19;
  private static final int DAY_BITS = 17;
  private static final int B_SHIFT = 0;
  private static final int A_SHIFT = B_SHIFT + ID_BITS;
  private static final int DAY_SHIFT = A_SHIFT + ID_BITS;
  private static final int LEVEL_SHIFT = DAY_SHIFT + DAY_BITS;
  private static final int SCOPE_SHIFT = LEVEL_SHIFT + 1;
  private static final int GRANULARITY_SHIFT = SCOPE_SHIFT + 2;
  private static final int KIND_SHIFT = GRANULARITY_SHIFT + 2;
  private static final long ID_MASK = (1L << ID_BITS) - 1;
  private static final long DAY_MASK = (1L << DAY_BITS) - 1;
  private static final long AB_MASK = ID_MASK << A_SHIFT | ID_MASK << B_SHIFT;

  /** Granularity and period start: which period a key counts in. */
  private static final long PERIOD_MASK = 3L << GRANULARITY_SHIFT | DAY_MASK << DAY_SHIFT;

  // periodMajor's layout, high to low: granularity 2, day, scope 2, level 1, pair 1, a and b.
  private static final int PM_PAIR = A_SHIFT + ID_BITS;
  private static final int PM_LEVEL = PM_PAIR + 1;
  private static final int PM_SCOPE = PM_LEVEL + 1;
  private static final int PM_DAY = PM_SCOPE + 2;
  private static final int PM_GRANULARITY = PM_DAY + DAY_BITS;
  public static final int MAX_IDS = (int) ID_MASK - 1;

  private final String[] entities;
  private final String[] sets;
  private final Map<String, Integer> entityIndex = new HashMap<>();
  private final Map<String, Integer> setIndex = new HashMap<>();

  /**
   * @param entities every entity and rollup id of the counted mentions, sorted
   * @param sets the watch lists' names
   */
  public CountKey(List<String> entities, List<String> sets) {
    if (entities.size() > MAX_IDS || sets.size() > MAX_IDS) {
      throw new IllegalArgumentException(
          "co-occurrence counts at most " + MAX_IDS + " distinct entities; got " + entities.size());
    }
    this.entities = entities.toArray(new String[0]);
    this.sets = sets.toArray(new String[0]);
    for (int i = 0; i < this.entities.length; i++) {
      entityIndex.put(this.entities[i], i);
    }
    for (int i = 0; i < this.sets.length; i++) {
      setIndex.put(this.sets[i], i);
    }
  }

  /** The key of a pair (b non-null), an entity or a set (a is the set's name). */
  public long pack(
      int kind,
      String granularity,
      LocalDate periodStart,
      String scope,
      String level,
      String a,
      String b) {
    return packDay(
            kind,
            dayNumber(periodStart),
            AnalyticsSettings.SCOPES.indexOf(scope),
            LEVELS.indexOf(level),
            kind == SET ? setIndex.get(a) : index(a),
            b == null ? -1 : index(b))
        | ((long) Periods.ALL.indexOf(granularity) << GRANULARITY_SHIFT);
  }

  /**
   * A day's key from dictionary numbers: {@code a} from {@link #entity} (or the watch list's number
   * for a set), {@code b} from {@link #entity} or -1 for none; scope and level as indexes of {@link
   * AnalyticsSettings#SCOPES} and {@link #LEVELS}.
   */
  public static long packDay(int kind, long day, int scope, int level, int a, int b) {
    return ((long) kind << KIND_SHIFT)
        | ((long) scope << SCOPE_SHIFT)
        | ((long) level << LEVEL_SHIFT)
        | (day << DAY_SHIFT)
        | ((long) a << A_SHIFT)
        | ((long) (b + 1) << B_SHIFT);
  }

  /** A date as the key's day number; refuses days the key cannot hold. */
  public static long dayNumber(LocalDate day) {
    long n = ChronoUnit.DAYS.between(EPOCH, day);
    if (n < 0 || n >= (1L << DAY_BITS)) {
      throw new IllegalArgumentException("period outside 1900-2258: " + day);
    }
    return n;
  }

  /** {@link #toPeriod(Column, String)} for one key, in Java. */
  public static long toPeriod(long dayKey, String granularity) {
    long day = dayKey >>> DAY_SHIFT & DAY_MASK;
    long start =
        switch (granularity) {
          case "day" -> day;
          case "week" -> day - Math.floorMod(day, 7);
          case "month" -> ChronoUnit.DAYS.between(EPOCH, EPOCH.plusDays(day).withDayOfMonth(1));
          default -> throw new IllegalArgumentException("unknown granularity " + granularity);
        };
    return dayKey & ~PERIOD_MASK
        | ((long) Periods.ALL.indexOf(granularity) << GRANULARITY_SHIFT)
        | (start << DAY_SHIFT);
  }

  /** An entity's number in the dictionary (numbers sort as the ids do), or -1 if absent. */
  public int entity(String id) {
    return entityIndex.getOrDefault(id, -1);
  }

  /** A watch list's number. */
  public int set(String name) {
    return setIndex.get(name);
  }

  /** A key as {@code kind/granularity/period_start/scope/level/a/b} (b "-" if none). */
  public String describe(long key) {
    int kind = kind(key);
    int a = a(key);
    int b = b(key);
    return String.join(
        "/",
        List.of("pair", "entity", "set").get(kind),
        Periods.ALL.get((int) (key >>> GRANULARITY_SHIFT & 3)),
        EPOCH.plusDays(key >>> DAY_SHIFT & DAY_MASK).toString(),
        AnalyticsSettings.SCOPES.get((int) (key >>> SCOPE_SHIFT & 3)),
        LEVELS.get((int) (key >>> LEVEL_SHIFT & 1)),
        kind == SET ? sets[a] : entities[a],
        b < 0 ? "-" : entities[b]);
  }

  private int index(String entity) {
    Integer i = entityIndex.get(entity);
    if (i == null) {
      throw new IllegalArgumentException("entity not in the dictionary: " + entity);
    }
    return i;
  }

  private static Column bits(Column key, int shift, int n) {
    return shiftrightunsigned(key, shift).bitwiseAND((1L << n) - 1).cast("int");
  }

  public static Column kind(Column key) {
    return bits(key, KIND_SHIFT, 2);
  }

  /**
   * A day's key (granularity {@code day}) as the key of the period of {@code granularity} that
   * holds the day. Day 0, 1900-01-01, is a Monday, so ISO weeks start at multiples of 7.
   */
  public static Column toPeriod(Column dayKey, String granularity) {
    Column day = bits(dayKey, DAY_SHIFT, DAY_BITS);
    Column epoch = lit(java.sql.Date.valueOf(EPOCH));
    Column start =
        switch (granularity) {
          case "day" -> day;
          case "week" -> day.minus(pmod(day, lit(7)));
          case "month" -> datediff(trunc(date_add(epoch, day), "month"), epoch);
          default -> throw new IllegalArgumentException("unknown granularity " + granularity);
        };
    return dayKey
        .bitwiseAND(~PERIOD_MASK)
        .bitwiseOR(lit((long) Periods.ALL.indexOf(granularity) << GRANULARITY_SHIFT))
        .bitwiseOR(shiftleft(start.cast("long"), DAY_SHIFT));
  }

  /**
   * A day's key with its day moved below a and b, to sort by: a group's days then come together, in
   * order, so that its weeks and months can be added up as its rows stream by ({@link
   * PairSums#partial}). Order-preserving for keys that differ only in the day.
   */
  public static long groupMajor(long dayKey) {
    long high = dayKey & ~((1L << LEVEL_SHIFT) - 1);
    long day = dayKey >>> DAY_SHIFT & DAY_MASK;
    return high | (dayKey & AB_MASK) << DAY_BITS | day;
  }

  /** {@link #groupMajor(long)} as a Spark column. */
  public static Column groupMajor(Column dayKey) {
    return dayKey
        .bitwiseAND(lit(~((1L << LEVEL_SHIFT) - 1)))
        .bitwiseOR(shiftleft(dayKey.bitwiseAND(lit(AB_MASK)), DAY_BITS))
        .bitwiseOR(shiftrightunsigned(dayKey, DAY_SHIFT).bitwiseAND(lit(DAY_MASK)));
  }

  /**
   * A period's key with its group reordered to sort by: period (granularity, start), scope, level,
   * then the entities' own rows before the pairs, then a and b. After {@link PairSums#partial},
   * rows sorted so bring each period's entity counts just before the pairs that need them.
   */
  public static long periodMajor(long key) {
    long isPair = kind(key) == PAIR ? 1 : 0;
    return (key >>> GRANULARITY_SHIFT & 3) << PM_GRANULARITY
        | (key >>> DAY_SHIFT & DAY_MASK) << PM_DAY
        | (key >>> SCOPE_SHIFT & 3) << PM_SCOPE
        | (key >>> LEVEL_SHIFT & 1) << PM_LEVEL
        | isPair << PM_PAIR
        | key & AB_MASK;
  }

  /** {@link #periodMajor(long)} as a Spark column. */
  public static Column periodMajor(Column key) {
    Column isPair = when(kind(key).equalTo(PAIR), lit(1L)).otherwise(lit(0L));
    return shiftleft(bits(key, GRANULARITY_SHIFT, 2).cast("long"), PM_GRANULARITY)
        .bitwiseOR(shiftleft(bits(key, DAY_SHIFT, DAY_BITS).cast("long"), PM_DAY))
        .bitwiseOR(shiftleft(bits(key, SCOPE_SHIFT, 2).cast("long"), PM_SCOPE))
        .bitwiseOR(shiftleft(bits(key, LEVEL_SHIFT, 1).cast("long"), PM_LEVEL))
        .bitwiseOR(shiftleft(isPair, PM_PAIR))
        .bitwiseOR(key.bitwiseAND(lit(AB_MASK)));
  }

  /** The key's period (granularity and start), to send each period's rows to one task. */
  public static Column period(Column key) {
    return key.bitwiseAND(lit(PERIOD_MASK));
  }

  /** The key's kind: {@link #PAIR}, {@link #ENTITY} or {@link #SET}. */
  static int kind(long key) {
    return (int) (key >>> KIND_SHIFT & 3);
  }

  /** The key without kind, a and b: its granularity, period, scope and level. */
  public static long group(long key) {
    return key & ~(3L << KIND_SHIFT | AB_MASK);
  }

  /** The key of an entity's own row in a pair's period, scope and level. */
  static long entityKey(long pairKey, int entity) {
    return group(pairKey) | (long) ENTITY << KIND_SHIFT | (long) entity << A_SHIFT;
  }

  /** Entity a's number (a set's number for a set). */
  public static int a(long key) {
    return (int) (key >>> A_SHIFT & ID_MASK);
  }

  /** Entity b's number, or -1 if none. */
  public static int b(long key) {
    return (int) (key >>> B_SHIFT & ID_MASK) - 1;
  }

  /** The key without its b part (b as "none"). */
  public static long withoutB(long key) {
    return key & ~(ID_MASK << B_SHIFT);
  }

  /** The key without its b part (b as "none"). */
  public static Column withoutB(Column key) {
    return key.bitwiseAND(~(ID_MASK << B_SHIFT));
  }

  /**
   * For a select: every column, then {@code more}, then the key's granularity, period_start, scope
   * and level.
   */
  public static Column[] decoded(Column key, Column... more) {
    List<Column> cols = new java.util.ArrayList<>();
    cols.add(col("*"));
    cols.addAll(List.of(more));
    cols.add(granularity(key).as("granularity"));
    cols.add(periodStart(key).as("period_start"));
    cols.add(scope(key).as("scope"));
    cols.add(level(key).as("level"));
    return cols.toArray(Column[]::new);
  }

  private static Column granularity(Column key) {
    return element_at(
        lit(Periods.ALL.toArray(new String[0])), bits(key, GRANULARITY_SHIFT, 2).plus(1));
  }

  private static Column periodStart(Column key) {
    return date_add(lit(java.sql.Date.valueOf(EPOCH)), bits(key, DAY_SHIFT, DAY_BITS));
  }

  private static Column scope(Column key) {
    return element_at(
        lit(AnalyticsSettings.SCOPES.toArray(new String[0])), bits(key, SCOPE_SHIFT, 2).plus(1));
  }

  private static Column level(Column key) {
    return element_at(lit(LEVELS.toArray(new String[0])), bits(key, LEVEL_SHIFT, 1).plus(1));
  }

  /** Entity a, or the set's name for a set's key. */
  public Column a(Column key) {
    Column id = bits(key, A_SHIFT, ID_BITS);
    Column entity = element_at(lit(entities), id.plus(1));
    return sets.length == 0
        ? entity
        : when(kind(key).equalTo(SET), element_at(lit(sets), id.plus(1))).otherwise(entity);
  }

  /** Entity b of a pair's key. */
  public Column b(Column key) {
    return element_at(lit(entities), bits(key, B_SHIFT, ID_BITS));
  }
}
