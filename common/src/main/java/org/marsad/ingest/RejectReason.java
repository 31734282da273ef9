package org.marsad.ingest;

/** Stable reason codes of {@code rejects.reason}; notebooks filter on them, so never rename. */
public final class RejectReason {
  private RejectReason() {}

  public static final String MALFORMED_JSON = "malformed_json";
  public static final String MALFORMED_CSV = "malformed_csv";
  public static final String MALFORMED_TREC = "malformed_trec";

  /** A record that parsed but is not an object (e.g. a number inside a JSON array). */
  public static final String MALFORMED_RECORD = "malformed_record";

  public static final String EMPTY_TEXT = "empty_text";
  public static final String EMPTY_FILE = "empty_file";
  public static final String BAD_DATE = "bad_date";
  public static final String NO_DATE = "no_date";
  public static final String NOT_ARABIC = "not_arabic";
  public static final String TOO_LARGE = "too_large";

  /** A file that decompresses to more than {@code ingest.max_file_bytes}. */
  public static final String FILE_TOO_LARGE = "file_too_large";
  public static final String BAD_ENCODING = "bad_encoding";
  public static final String UNREADABLE_FILE = "unreadable_file";
}
