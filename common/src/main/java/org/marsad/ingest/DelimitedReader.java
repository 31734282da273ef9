package org.marsad.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV (RFC 4180: quoted fields, {@code ""} inside them, fields spanning lines) or TSV (one record
 * a line, {@code \t \n \r \\} escaped, as univocity and Spark write it) with a header line. Reads
 * line by line through {@link BoundedLineReader}, so one endless line or field costs at most
 * {@code maxRecordChars}. A record that does not come out with the header's number of fields is
 * rejected; when it spanned several lines (a quote opened and never closed, or closed in the middle
 * of a field and reopened further on) only its first line is taken as broken and reading
 * resynchronises at the next line that yields a whole record, the broken lines making one reject
 * with their position. A quote inside a quoted field that is not doubled is kept as a character
 * when the field stays on one line (common in hand-made files), and breaks the record when it does
 * not: that is how a stray quote swallows the rows after it.
 */
final class DelimitedReader extends RecordReader {
  private final boolean tabs;
  private final char delimiter;
  private final BoundedLineReader lines;
  private final Deque<NumberedLine> pushedBack = new ArrayDeque<>();
  private long lineNumber;
  private String[] header;
  private Map<String, Integer> columns;
  private boolean started;

  /** Lines taken as broken while resynchronising, not yet given out as a reject. */
  private Broken broken;

  /** A record read while closing {@link #broken}, given out after it. */
  private RawRecord queued;

  private record NumberedLine(BoundedLineReader.Line line, long number) {}

  DelimitedReader(BufferedReader in, int maxRecordChars, boolean tabs) {
    super(in, maxRecordChars);
    this.tabs = tabs;
    this.delimiter = tabs ? '\t' : ',';
    this.lines = new BoundedLineReader(in, maxRecordChars);
  }

  private NumberedLine nextLine() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.pop();
    }
    BoundedLineReader.Line l = lines.readLine();
    return l == null ? null : new NumberedLine(l, ++lineNumber);
  }

  private NumberedLine nextNonBlankLine() throws IOException {
    NumberedLine l;
    do {
      l = nextLine();
    } while (l != null && !l.line().cut() && l.line().text().isBlank());
    return l;
  }

  @Override
  protected RawRecord readNext() throws IOException {
    if (queued != null) {
      RawRecord r = queued;
      queued = null;
      return r;
    }
    if (!started) {
      started = true;
      NumberedLine first = nextNonBlankLine();
      if (first == null) {
        return null;
      }
      Attempt h = attempt(first);
      header = h.fields == null ? new String[0] : h.fields.toArray(String[]::new);
      columns = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        columns.putIfAbsent(header[i].strip(), i);
        columns.putIfAbsent(header[i].strip().toLowerCase(Locale.ROOT), i);
      }
    }
    while (true) {
      NumberedLine first = nextNonBlankLine();
      if (first == null) {
        return broken == null ? null : flushBroken();
      }
      if (first.line().cut()) {
        RawRecord tooLarge =
            RawRecord.error(
                -1,
                first.line().text(),
                RejectReason.TOO_LARGE,
                first.line().length() + " chars > " + maxRecordChars + " at line " + first.number());
        return broken == null ? numbered(tooLarge) : flushBrokenThen(tooLarge);
      }
      Attempt a = attempt(first);
      if (a.fields != null && a.fields.size() == header.length) {
        RawRecord ok = record(a);
        return broken == null ? numbered(ok) : flushBrokenThen(ok);
      }
      if (a.lines.size() == 1 && broken == null) {
        String why =
            a.fields == null
                ? a.why
                : a.fields.size() + " fields where the header has " + header.length;
        return numbered(
            RawRecord.error(-1, a.raw, RejectReason.MALFORMED_CSV, why + " at line " + first.number()));
      }
      // Only the first line is known to be broken; the others are read again as records.
      for (int i = a.lines.size() - 1; i >= 1; i--) {
        pushedBack.push(a.lines.get(i));
      }
      if (broken == null) {
        broken = new Broken(first.number(), a.why);
      }
      broken.add(first.line());
    }
  }

  private RawRecord numbered(RawRecord r) {
    return new RawRecord(nextIndex++, r.raw(), r.fields(), r.errorReason(), r.errorDetail());
  }

  private RawRecord flushBroken() {
    Broken b = broken;
    broken = null;
    return numbered(
        RawRecord.error(
            -1,
            b.text.toString(),
            RejectReason.MALFORMED_CSV,
            b.why
                + " at line "
                + b.firstLine
                + "; resynchronised after "
                + b.lines
                + (b.lines == 1 ? " line" : " lines")
                + ", "
                + b.chars
                + " chars skipped"));
  }

  private RawRecord flushBrokenThen(RawRecord next) {
    RawRecord r = flushBroken();
    queued = numbered(next);
    return r;
  }

  /** Broken lines in a row, kept as one reject. */
  private static final class Broken {
    final long firstLine;
    final String why;
    final StringBuilder text = new StringBuilder();
    long lines;
    long chars;

    Broken(long firstLine, String why) {
      this.firstLine = firstLine;
      this.why = why;
    }

    void add(BoundedLineReader.Line l) {
      if (lines > 0 && text.length() < 4096) {
        text.append('\n');
      }
      if (text.length() < 4096) {
        text.append(l.text(), 0, Math.min(l.text().length(), 4096 - text.length()));
      }
      lines++;
      chars += l.length() + 1;
    }
  }

  /** One try at a record from {@code first} on: its fields (null if broken) and its lines. */
  private static final class Attempt {
    List<String> fields;
    final List<NumberedLine> lines = new ArrayList<>();
    String raw;
    String why;
  }

  private RawRecord record(Attempt a) {
    String[] values = a.fields.toArray(String[]::new);
    return RawRecord.ok(
        -1,
        a.raw,
        name -> {
          Integer i = columns.get(name);
          if (i == null) {
            i = columns.get(name.toLowerCase(Locale.ROOT));
          }
          return i == null ? null : values[i];
        });
  }

  private Attempt attempt(NumberedLine first) throws IOException {
    Attempt a = new Attempt();
    a.lines.add(first);
    if (tabs) {
      a.raw = first.line().text();
      a.fields = tsvFields(a.raw);
      return a;
    }
    CsvState s = new CsvState();
    StringBuilder raw = new StringBuilder(first.line().text());
    s.line(first.line().text(), delimiter);
    while (s.inQuotes) {
      NumberedLine more = nextLine();
      if (more == null) {
        a.why = "a quote opened and never closed";
        break;
      }
      a.lines.add(more);
      if (more.line().cut() || raw.length() + more.line().length() + 1 > maxRecordChars) {
        a.why = "no closing quote within " + maxRecordChars + " chars";
        break;
      }
      raw.append('\n').append(more.line().text());
      s.field.append('\n');
      s.line(more.line().text(), delimiter);
    }
    a.raw = raw.length() > 4096 ? raw.substring(0, 4096) : raw.toString();
    if (s.inQuotes) {
      return a; // a.why says why
    }
    if (a.lines.size() > 1 && s.strayQuote) {
      a.why = "a quote inside a quoted field that spans lines";
      return a;
    }
    a.fields = s.fields;
    if (a.fields.size() != header(a)) {
      a.why = a.fields.size() + " fields where the header has " + header(a);
    }
    return a;
  }

  private int header(Attempt a) {
    return header == null ? a.fields.size() : header.length;
  }

  /** The parse of a CSV record, line by line. */
  private static final class CsvState {
    final List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes;
    boolean strayQuote;

    void line(String text, char delimiter) {
      boolean atStart = !inQuotes && field.length() == 0;
      int n = text.length();
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (inQuotes) {
          if (c != '"') {
            field.append(c);
          } else if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (i + 1 == n || text.charAt(i + 1) == delimiter) {
            inQuotes = false;
          } else {
            field.append('"');
            strayQuote = true;
          }
        } else if (c == delimiter) {
          fields.add(field.toString());
          field = new StringBuilder();
          atStart = true;
        } else if (c == '"' && atStart) {
          inQuotes = true;
          atStart = false;
        } else {
          field.append(c);
          atStart = false;
        }
      }
      if (!inQuotes) {
        fields.add(field.toString());
        field = new StringBuilder();
      }
    }
  }

  /** A TSV line's fields, with univocity's escapes undone. */
  static List<String> tsvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        out.add(f.toString());
        f.setLength(0);
      } else if (c == '\\' && i + 1 < n) {
        char e = line.charAt(++i);
        switch (e) {
          case 't' -> f.append('\t');
          case 'n' -> f.append('\n');
          case 'r' -> f.append('\r');
          case '\\' -> f.append('\\');
          default -> f.append(c).append(e);
        }
      } else {
        f.append(c);
      }
    }
    out.add(f.toString());
    return out;
  }
}
