package org.marsad.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TREC-like pseudo-XML, as in the ANT corpus: {@code <DOC>} blocks of {@code <TAG>value</TAG>}
 * fields. Not XML: raw {@code &} and {@code <} occur in text, so tags are found by name, never by
 * an XML parser. A file without {@code <DOC>} is read as one document. Lines are read through
 * {@link BoundedLineReader}, so an endless line costs at most the record cap; a {@code <DOC>} that
 * is not closed before the next one opens is one reject, and reading resumes at the next.
 */
final class TrecReader extends RecordReader {
  private static final Pattern FIELD =
      Pattern.compile("<([A-Za-z][A-Za-z0-9_]*)>(.*?)</\\1\\s*>", Pattern.DOTALL);
  private static final Pattern DOC_OPEN = Pattern.compile("<DOC>", Pattern.CASE_INSENSITIVE);
  private static final Pattern DOC_CLOSE = Pattern.compile("</DOC>", Pattern.CASE_INSENSITIVE);
  private final BoundedLineReader lines;
  private boolean sawDoc;
  private boolean eof;
  private String pending;

  TrecReader(BufferedReader in, int maxRecordChars) {
    super(in, maxRecordChars);
    this.lines = new BoundedLineReader(in, maxRecordChars);
  }

  /** Whether the line read last was longer than the cap (its document is then too large). */
  private boolean lastLineCut;

  /** The next line, or its first {@code maxRecordChars} when longer. */
  private String readLine() throws IOException {
    lastLineCut = false;
    if (pending != null) {
      String l = pending;
      pending = null;
      return l;
    }
    BoundedLineReader.Line l = lines.readLine();
    if (l == null) {
      return null;
    }
    lastLineCut = l.cut();
    return l.text();
  }

  @Override
  protected RawRecord readNext() throws IOException {
    if (eof) {
      return null;
    }
    StringBuilder doc = new StringBuilder();
    boolean inDoc = false;
    boolean tooLarge = false;
    String line;
    while ((line = readLine()) != null) {
      boolean cut = lastLineCut;
      if (!inDoc) {
        Matcher open = DOC_OPEN.matcher(line);
        if (!open.find()) {
          if (!sawDoc && (cut || !line.isBlank())) {
            // No <DOC> wrapper: the whole file is one document.
            return wholeFile(line, cut);
          }
          continue;
        }
        inDoc = true;
        sawDoc = true;
        line = line.substring(open.end());
      }
      tooLarge |= cut;
      Matcher reopen = DOC_OPEN.matcher(line);
      Matcher close = DOC_CLOSE.matcher(line);
      boolean closes = close.find();
      if (reopen.find() && (!closes || reopen.start() < close.start())) {
        // A new <DOC> before this one closed: this one is broken; the new one is read next.
        appendBounded(doc, line.substring(0, reopen.start()));
        pending = line.substring(reopen.start());
        RawRecord r = toRecord(doc, tooLarge);
        return r.failed()
            ? r
            : RawRecord.error(
                r.index(),
                r.raw(),
                RejectReason.MALFORMED_TREC,
                "<DOC> not closed before the next <DOC>");
      }
      if (closes) {
        appendBounded(doc, line.substring(0, close.start()));
        return toRecord(doc, tooLarge || doc.length() > maxRecordChars);
      }
      tooLarge |= !appendBounded(doc, line);
      doc.append('\n');
    }
    eof = true;
    if (inDoc) {
      RawRecord r = toRecord(doc, tooLarge);
      return r.failed()
          ? r
          : RawRecord.error(
              r.index(),
              r.raw(),
              RejectReason.MALFORMED_TREC,
              "<DOC> not closed before the end of the file");
    }
    return null;
  }

  private RawRecord wholeFile(String firstLine, boolean cut) throws IOException {
    StringBuilder doc = new StringBuilder(firstLine).append('\n');
    boolean tooLarge = cut;
    String line;
    while ((line = readLine()) != null) {
      tooLarge |= lastLineCut;
      tooLarge |= !appendBounded(doc, line);
      doc.append('\n');
    }
    eof = true;
    return toRecord(doc, tooLarge);
  }

  /** Appends unless the document already exceeds the cap; false when it does. */
  private boolean appendBounded(StringBuilder doc, String s) {
    if (doc.length() + s.length() > maxRecordChars) {
      return false;
    }
    doc.append(s);
    return true;
  }

  private RawRecord toRecord(StringBuilder doc, boolean tooLarge) {
    long index = nextIndex++;
    String raw = doc.toString();
    if (tooLarge) {
      return RawRecord.error(
          index, raw, RejectReason.TOO_LARGE, "document over " + maxRecordChars + " chars");
    }
    Map<String, String> fields = new HashMap<>();
    Matcher m = FIELD.matcher(raw);
    while (m.find()) {
      fields.putIfAbsent(m.group(1).toUpperCase(Locale.ROOT), m.group(2).strip());
    }
    if (fields.isEmpty()) {
      return RawRecord.error(index, raw, RejectReason.MALFORMED_TREC, "no <TAG>value</TAG> fields");
    }
    return RawRecord.ok(index, raw, name -> fields.get(name.toUpperCase(Locale.ROOT)));
  }
}
