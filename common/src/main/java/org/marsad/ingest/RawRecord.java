package org.marsad.ingest;

/**
 * One record as a reader found it: its fields, or the reason it could not be read. {@code raw} is
 * the record's text as it stood in the input (kept, truncated, for rejects).
 */
public record RawRecord(
    long index, String raw, Fields fields, String errorReason, String errorDetail) {

  /** Field lookup by name; null when the record has no such field. */
  @FunctionalInterface
  public interface Fields {
    String get(String name);
  }

  public static RawRecord ok(long index, String raw, Fields fields) {
    return new RawRecord(index, raw, fields, null, null);
  }

  public static RawRecord error(long index, String raw, String reason, String detail) {
    return new RawRecord(index, raw, null, reason, detail);
  }

  public boolean failed() {
    return errorReason != null;
  }
}
