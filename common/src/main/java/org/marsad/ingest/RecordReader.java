package org.marsad.ingest;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;

/**
 * Streams the records of one decoded file, one at a time, so memory is bounded by the largest
 * record, not the file. A record that cannot be parsed comes out as a failed {@link RawRecord}.
 */
public abstract class RecordReader implements Iterator<RawRecord>, Closeable {
  protected final BufferedReader in;
  protected final int maxRecordChars;
  protected long nextIndex;
  private RawRecord pending;
  private boolean done;

  protected RecordReader(BufferedReader in, int maxRecordChars) {
    this.in = in;
    this.maxRecordChars = maxRecordChars;
  }

  /** Numbers records from {@code index}: a byte range's first record is not the file's first. */
  public RecordReader startingAt(long index) {
    nextIndex = index;
    return this;
  }

  /** The next record, or null at the end of the file. */
  protected abstract RawRecord readNext() throws IOException;

  @Override
  public final boolean hasNext() {
    if (pending == null && !done) {
      try {
        pending = readNext();
      } catch (IOException | RuntimeException e) {
        // A broken stream (truncated gzip, I/O error) or a file past its byte cap ends the file
        // with a reject, not a crash; the records before it are kept.
        Throwable cap = fileCap(e);
        pending =
            cap == null
                ? RawRecord.error(nextIndex++, null, RejectReason.UNREADABLE_FILE, describe(e))
                : RawRecord.error(nextIndex++, null, RejectReason.FILE_TOO_LARGE, describe(cap));
        done = true;
        return true;
      }
      done = pending == null;
    }
    return pending != null;
  }

  @Override
  public final RawRecord next() {
    if (!hasNext()) {
      throw new java.util.NoSuchElementException();
    }
    RawRecord r = pending;
    pending = null;
    return r;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** The byte-cap exception behind {@code e} (parsers wrap it), or null. */
  private static Throwable fileCap(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InputDecoder.FileTooLargeException) {
        return t;
      }
    }
    return null;
  }

  static String describe(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
  }

  /** The reader for {@code format}; {@link InputFormat#AUTO} is resolved with {@link #detect}. */
  public static RecordReader create(InputFormat format, BufferedReader in, int maxRecordChars) {
    return switch (format) {
      case JSONL -> new JsonLinesReader(in, maxRecordChars);
      case JSON -> new JsonReader(in, maxRecordChars);
      case CSV -> new DelimitedReader(in, maxRecordChars, false);
      case TSV -> new DelimitedReader(in, maxRecordChars, true);
      case TREC -> new TrecReader(in, maxRecordChars);
      case TEXT -> new PlainTextReader(in, maxRecordChars);
      case AUTO -> throw new IllegalArgumentException("resolve AUTO with detect() first");
    };
  }

  /** Decides a file's format from its name (compression suffix removed) and its first chars. */
  public static InputFormat detect(String innerName, String head) {
    String n = innerName.toLowerCase(Locale.ROOT);
    String h = head.stripLeading();
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".jl")) {
      return InputFormat.JSONL;
    }
    if (n.endsWith(".csv")) {
      return InputFormat.CSV;
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return InputFormat.TSV;
    }
    if (n.endsWith(".xml") || n.endsWith(".trec") || n.endsWith(".sgml")) {
      return InputFormat.TREC;
    }
    if (h.startsWith("[")) {
      return InputFormat.JSON;
    }
    if (h.startsWith("{")) {
      return looksLikeJsonLines(h) ? InputFormat.JSONL : InputFormat.JSON;
    }
    if (h.regionMatches(true, 0, "<DOC", 0, 4)) {
      return InputFormat.TREC;
    }
    if (n.endsWith(".json")) {
      return InputFormat.JSON;
    }
    return InputFormat.TEXT;
  }

  /** One object per line: the first line closes its object and the next opens another. */
  private static boolean looksLikeJsonLines(String h) {
    int nl = h.indexOf('\n');
    if (nl < 0) {
      return false;
    }
    String first = h.substring(0, nl).strip();
    String rest = h.substring(nl + 1).stripLeading();
    return first.endsWith("}") && (rest.isEmpty() || rest.startsWith("{"));
  }
}
