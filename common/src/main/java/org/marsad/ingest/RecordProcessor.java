package org.marsad.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.marsad.config.SourceMapping;
import org.marsad.config.SourceMapping.Role;
import org.marsad.dates.DateParser;
import org.marsad.dates.DateSource;
import org.marsad.text.ArabicScript;
import org.marsad.text.ArabicTokens;
import org.marsad.text.TextCleaner;

/**
 * Turns one {@link RawRecord} into one staging row ({@link ParsedRecords#SCHEMA}): a cleaned, dated
 * article candidate with its dedup keys, or a reject with a stable reason code.
 */
public final class RecordProcessor implements Serializable {
  private static final long serialVersionUID = 1L;
  private final IngestSettings settings;
  private final SourceMapping mapping;
  private final DateParser dates;
  private final MinHasher minHasher;

  public RecordProcessor(IngestSettings settings) {
    this.settings = settings;
    this.mapping = settings.mapping();
    this.dates = settings.dateParser();
    var near = settings.near();
    this.minHasher =
        near.enabled()
            ? new MinHasher(near.numHashes(), near.shingleWords(), near.minShingles())
            : null;
  }

  public Row process(RawRecord r, InputFile file) {
    if (r.failed()) {
      return reject(file, r.index(), sourceOf(r), r.raw(), r.errorReason(), r.errorDetail());
    }
    String source = sourceOf(r);
    String rawTitle = field(r, Role.TITLE);
    String rawBody = field(r, Role.BODY);
    if (contains(rawTitle, InputDecoder.UNDECODABLE)
        || contains(rawBody, InputDecoder.UNDECODABLE)) {
      return reject(
          file,
          r.index(),
          source,
          r.raw(),
          RejectReason.BAD_ENCODING,
          "bytes that are not valid in the file's encoding");
    }
    String title = TextCleaner.clean(rawTitle).replace('\n', ' ');
    String body = TextCleaner.clean(rawBody);
    if (body.isEmpty()) {
      return reject(
          file,
          r.index(),
          source,
          r.raw(),
          RejectReason.EMPTY_TEXT,
          title.isEmpty() ? "no title and no body" : "title but no body");
    }
    int[] letters = ArabicScript.letterCounts(title + "\n" + body);
    double share = letters[1] == 0 ? 0.0 : (double) letters[0] / letters[1];
    if (share < settings.minArabicShare() || letters[0] < settings.minArabicLetters()) {
      return reject(
          file,
          r.index(),
          source,
          r.raw(),
          RejectReason.NOT_ARABIC,
          String.format(
              "%d Arabic letters of %d (share %.2f; need %.2f and %d)",
              letters[0],
              letters[1],
              share,
              settings.minArabicShare(),
              settings.minArabicLetters()));
    }
    List<String> errors = new ArrayList<>();
    DateParser.Result date = null;
    DateSource from = null;
    for (DateSource ds : mapping.dateOrder()) {
      DateParser.Result res =
          switch (ds) {
            case METADATA -> dates.parseValue(field(r, Role.DATE));
            case FILENAME -> dates.parseFileName(file.name());
            case TEXT ->
                dates.parseText(
                    head(title, settings.textScanChars())
                        + "\n"
                        + head(body, settings.textScanChars()));
            case CRAWL -> dates.parseValue(field(r, Role.CRAWL_DATE));
          };
      if (res.ok()) {
        date = res;
        from = ds;
        break;
      }
      if (res.error() != null) {
        errors.add(ds.code() + ": " + res.error());
      }
    }
    if (date == null) {
      return reject(
          file,
          r.index(),
          source,
          r.raw(),
          errors.isEmpty() ? RejectReason.NO_DATE : RejectReason.BAD_DATE,
          errors.isEmpty() ? "no date in " + mapping.dateOrder() : String.join("; ", errors));
    }
    String url = blankToNull(field(r, Role.URL));
    String sourceId = blankToNull(field(r, Role.ID));
    List<String> bodyTokens = ArabicTokens.tokens(body);
    String textKey = ArabicTokens.normalizedText(title) + "\n" + String.join(" ", bodyTokens);
    String baseId = url != null ? Hashes.id(source, url) : Hashes.id(source, textKey);
    int[] signature = minHasher == null ? null : minHasher.signature(bodyTokens);
    long[] bandKeys =
        signature == null
            ? null
            : MinHasher.bandKeys(signature, settings.near().bands(), settings.near().rows());
    return RowFactory.create(
        ParsedRecords.ARTICLE,
        rowKey(file, r.index()),
        source,
        mapping.name(),
        file.path(),
        r.index(),
        sourceId,
        url,
        title.isEmpty() ? null : title,
        body,
        java.sql.Date.valueOf(date.date().date()),
        date.date().instant() == null ? null : java.sql.Timestamp.from(date.date().instant()),
        from.code(),
        share,
        baseId,
        UrlKey.of(url),
        Hashes.id(textKey),
        signature,
        bandKeys,
        null,
        null,
        null);
  }

  /** A reject row for a record, or for a whole file ({@code index} 0) that yielded nothing. */
  public Row reject(
      InputFile file, long index, String source, String raw, String reason, String detail) {
    String record = raw == null ? null : truncate(raw, settings.rejectRecordChars());
    return RowFactory.create(
        ParsedRecords.REJECT,
        rowKey(file, index),
        source,
        mapping.name(),
        file.path(),
        index,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        record,
        reason,
        detail);
  }

  /** Unique within a run: file number in the high bits, record index in the low. */
  static long rowKey(InputFile file, long index) {
    return ((long) file.fileNo() << 32) | (index & 0xFFFFFFFFL);
  }

  String sourceOf(RawRecord r) {
    String s = r.fields() == null ? null : blankToNull(field(r, Role.SOURCE));
    return s == null ? mapping.sourceName() : s.strip();
  }

  /** The first non-blank value among the mapping's names for {@code role}, then the role's own. */
  private String field(RawRecord r, Role role) {
    for (String name : mapping.fieldNames(role)) {
      String v = r.fields().get(name);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    String v = r.fields().get(role.name().toLowerCase(java.util.Locale.ROOT));
    return v == null || v.isBlank() ? null : v;
  }

  private static boolean contains(String s, char c) {
    return s != null && s.indexOf(c) >= 0;
  }

  private static String head(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
