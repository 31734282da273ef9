package org.marsad.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.marsad.config.MarsadConfig.InvalidConfigException;
import org.marsad.text.ArabicScript;

/**
 * Opens a raw dump for reading: undoes gzip and bzip2, honours byte-order marks, and picks the
 * character set (UTF-8, or Windows-1256 when a file is not UTF-8 but reads as Arabic in it).
 * Undecodable bytes become {@link #UNDECODABLE}, so the record holding them can be rejected.
 */
public final class InputDecoder {
  private InputDecoder() {}

  /** Stands for undecodable bytes: a noncharacter that no real text contains. */
  public static final char UNDECODABLE = '\uFFFF';

  static final Charset WINDOWS_1256 = Charset.forName("windows-1256");
  private static final int SNIFF_BYTES = 1 << 16;

  /** A decoded stream, the charset chosen and the name without compression suffix. */
  public record Decoded(BufferedReader reader, String charset, String innerName) {}

  public static void checkEncoding(String encoding) {
    if (!encoding.equalsIgnoreCase("auto") && !Charset.isSupported(encoding)) {
      throw new InvalidConfigException("unknown encoding '" + encoding + "'");
    }
  }

  /** Raised, once, when a file has decompressed to more than its byte cap. */
  public static final class FileTooLargeException extends IOException {
    FileTooLargeException(long maxBytes) {
      super("file decompresses to more than " + maxBytes + " bytes (ingest.max_file_bytes)");
    }
  }

  /** Counts the bytes read through it and fails past {@code maxBytes}. */
  private static final class CappedInputStream extends FilterInputStream {
    private final long maxBytes;
    private long read;

    CappedInputStream(InputStream in, long maxBytes) {
      super(in);
      this.maxBytes = maxBytes;
    }

    private int count(int n) throws FileTooLargeException {
      if (n > 0) {
        read += n;
        if (read > maxBytes) {
          throw new FileTooLargeException(maxBytes);
        }
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? -1 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return count(super.read(b, off, len));
    }

    @Override
    public long skip(long n) throws IOException {
      return count((int) super.skip(Math.min(n, Integer.MAX_VALUE)));
    }
  }

  public static Decoded open(InputStream in, String fileName, String encoding) throws IOException {
    return open(in, fileName, encoding, Long.MAX_VALUE);
  }

  /** As {@link #open(InputStream, String, String)}, failing once past {@code maxBytes} decoded. */
  public static Decoded open(InputStream in, String fileName, String encoding, long maxBytes)
      throws IOException {
    String name = fileName;
    String lower = name.toLowerCase(Locale.ROOT);
    InputStream s = in;
    if (lower.endsWith(".gz") || lower.endsWith(".gzip")) {
      s = new GZIPInputStream(s, 1 << 16);
      name = name.substring(0, name.lastIndexOf('.'));
    } else if (lower.endsWith(".bz2")) {
      s = new BZip2CompressorInputStream(s, true);
      name = name.substring(0, name.lastIndexOf('.'));
    }
    if (maxBytes < Long.MAX_VALUE) {
      s = new CappedInputStream(s, maxBytes);
    }
    BufferedInputStream b = new BufferedInputStream(s, SNIFF_BYTES);
    b.mark(SNIFF_BYTES);
    byte[] head = b.readNBytes(SNIFF_BYTES);
    b.reset();
    Charset cs;
    int skip = 0;
    if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
      cs = StandardCharsets.UTF_8;
      skip = 3;
    } else if (startsWith(head, 0xFF, 0xFE)) {
      cs = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (startsWith(head, 0xFE, 0xFF)) {
      cs = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (!encoding.equalsIgnoreCase("auto")) {
      cs = Charset.forName(encoding);
    } else {
      cs = sniff(head);
    }
    b.skipNBytes(skip);
    CharsetDecoder decoder =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(String.valueOf(UNDECODABLE));
    return new Decoded(
        new BufferedReader(new InputStreamReader(b, decoder), 1 << 16), cs.name(), name);
  }

  /**
   * UTF-8 if the head is (nearly) valid UTF-8; else Windows-1256 if that reads as Arabic; else
   * UTF-8. "Nearly": a UTF-8 file with a few corrupt bytes stays UTF-8, so that only the records
   * holding them are rejected, instead of the whole file being misread as Windows-1256.
   */
  static Charset sniff(byte[] head) {
    if (isValidUtf8(head) || mostlyUtf8(head)) {
      return StandardCharsets.UTF_8;
    }
    String asArabic = new String(head, WINDOWS_1256);
    int[] counts = ArabicScript.letterCounts(asArabic);
    if (counts[0] >= 10 && counts[0] >= 0.5 * counts[1]) {
      return WINDOWS_1256;
    }
    return StandardCharsets.UTF_8;
  }

  /** At most 2% of the non-ASCII bytes fail to decode as UTF-8. */
  static boolean mostlyUtf8(byte[] bytes) {
    int nonAscii = 0;
    for (byte b : bytes) {
      if (b < 0) {
        nonAscii++;
      }
    }
    if (nonAscii == 0) {
      return true;
    }
    String s = new String(bytes, StandardCharsets.UTF_8);
    int bad = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\uFFFD') {
        bad++;
      }
    }
    return bad <= 0.02 * nonAscii;
  }

  static boolean isValidUtf8(byte[] bytes) {
    // A multi-byte sequence cut by the sniff window is not an error: drop a short tail.
    int end = bytes.length;
    for (int back = 1; back <= 3 && end - back >= 0; back++) {
      int b = bytes[end - back] & 0xFF;
      if ((b & 0xC0) == 0xC0) { // a lead byte: is its sequence complete?
        int need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
        if (need > back) {
          end -= back;
        }
        break;
      }
      if ((b & 0xC0) != 0x80) {
        break;
      }
    }
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      d.decode(ByteBuffer.wrap(bytes, 0, end));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Reads up to {@code max} chars without consuming them. */
  static String peek(BufferedReader r, int max) throws IOException {
    r.mark(max + 1);
    CharBuffer buf = CharBuffer.allocate(max);
    while (buf.hasRemaining() && r.read(buf) > 0) {
      // keep filling
    }
    r.reset();
    buf.flip();
    return buf.toString();
  }
}
