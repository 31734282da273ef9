package org.marsad.dates;

import java.util.Locale;

/** Where an article's publication day came from, in the order a source mapping may try them. */
public enum DateSource {
  /** A publication-date field of the record. */
  METADATA,
  /** A date in the input file's name (e.g. ANT's {@code JA-politic-1-20170121.txt}). */
  FILENAME,
  /** A written date near the start of the title or body (a dateline). */
  TEXT,
  /** The crawl or extraction time, when the dump has nothing better. */
  CRAWL;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DateSource fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
