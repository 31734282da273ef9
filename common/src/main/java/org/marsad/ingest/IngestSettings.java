package org.marsad.ingest;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.marsad.config.MarsadConfig.InvalidConfigException;
import org.marsad.config.SourceMapping;
import org.marsad.dates.DateParser;

/** Typed, validated ingest settings; serializable so executors get them with the task. */
public record IngestSettings(
    InputFormat format,
    String encoding,
    SourceMapping mapping,
    int maxRecordChars,
    long maxFileBytes,
    long splitBytes,
    int rejectRecordChars,
    int partitions,
    double minArabicShare,
    int minArabicLetters,
    LocalDate minDate,
    LocalDate maxDate,
    int textScanChars,
    boolean exactDedup,
    NearDuplicateSettings near)
    implements Serializable {

  /** MinHash near-duplicate clustering settings. */
  public record NearDuplicateSettings(
      boolean enabled,
      double threshold,
      int windowDays,
      int shingleWords,
      int bands,
      int rows,
      int minShingles,
      int maxBucket,
      int maxIterations)
      implements Serializable {
    public int numHashes() {
      return bands * rows;
    }
  }

  /**
   * Settings from the effective configuration, with command-line choices (null = configured).
   *
   * @param today the day "now" is, for the future-date bound (injected for reproducible tests)
   */
  public static IngestSettings from(
      Config config,
      String formatOverride,
      String encodingOverride,
      String sourceOverride,
      LocalDate today) {
    Config c = config.getConfig("ingest");
    String formatName = formatOverride != null ? formatOverride : c.getString("format");
    InputFormat format = InputFormat.parse(formatName);
    String encoding = encodingOverride != null ? encodingOverride : c.getString("encoding");
    InputDecoder.checkEncoding(encoding);
    String source = sourceOverride != null ? sourceOverride : c.getString("source");
    Config d = c.getConfig("dates");
    Config n = c.getConfig("dedup.near");
    NearDuplicateSettings near =
        new NearDuplicateSettings(
            n.getBoolean("enabled"),
            n.getDouble("threshold"),
            n.getInt("window_days"),
            n.getInt("shingle_words"),
            n.getInt("bands"),
            n.getInt("rows"),
            n.getInt("min_shingles"),
            n.getInt("max_bucket"),
            n.getInt("max_iterations"));
    if (near.threshold() <= 0 || near.threshold() > 1) {
      throw new InvalidConfigException("ingest.dedup.near.threshold must be in (0, 1]");
    }
    if (near.bands() < 1 || near.rows() < 1 || near.shingleWords() < 1) {
      throw new InvalidConfigException(
          "ingest.dedup.near: bands, rows, shingle_words must be >= 1");
    }
    LocalDate min;
    try {
      min = LocalDate.parse(d.getString("min"));
    } catch (Exception e) {
      throw new InvalidConfigException("ingest.dates.min must be YYYY-MM-DD");
    }
    return new IngestSettings(
        format,
        encoding,
        SourceMapping.from(config, source),
        positive(c, "max_record_chars"),
        positiveBytes(c, "max_file_bytes"),
        positiveBytes(c, "split_bytes"),
        positive(c, "reject_record_chars"),
        c.getInt("partitions"),
        c.getDouble("arabic.min_share"),
        c.getInt("arabic.min_letters"),
        min,
        today.plusDays(d.getInt("max_future_days")),
        c.getInt("dates.text_scan_chars"),
        c.getBoolean("dedup.exact"),
        near);
  }

  /** Today in UTC, the default for {@link #from}. */
  public static LocalDate todayUtc() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /** The date parser for this mapping's zone and plausibility bounds. */
  public DateParser dateParser() {
    return new DateParser(minDate, maxDate, ZoneId.of(mapping.timezone()));
  }

  private static long positiveBytes(Config c, String key) {
    long v = c.getBytes(key);
    if (v <= 0) {
      throw new InvalidConfigException("ingest." + key + " must be positive");
    }
    return v;
  }

  private static int positive(Config c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new InvalidConfigException("ingest." + key + " must be positive");
    }
    return v;
  }
}
