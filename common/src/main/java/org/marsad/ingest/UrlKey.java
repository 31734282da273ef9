package org.marsad.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The key under which two URLs name the same article: scheme, {@code www.}, fragment and trailing
 * slash dropped, host lower-cased, percent-escapes decoded (dumps mix {@code %D8%A8} and raw Arabic
 * for the same page).
 */
public final class UrlKey {
  private UrlKey() {}

  public static String of(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String u = url.strip();
    int hash = u.indexOf('#');
    if (hash >= 0) {
      u = u.substring(0, hash);
    }
    int scheme = u.indexOf("://");
    if (scheme >= 0 && scheme < 10) {
      u = u.substring(scheme + 3);
    }
    int slash = u.indexOf('/');
    String host = (slash < 0 ? u : u.substring(0, slash)).toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    String path = slash < 0 ? "" : percentDecode(u.substring(slash));
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String key = host + path;
    return key.isEmpty() ? null : key;
  }

  /** Decodes %XX runs that form valid UTF-8; anything else is left as written. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) != '%') {
        out.append(s.charAt(i++));
        continue;
      }
      int start = i;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      while (i + 2 < s.length()
          && s.charAt(i) == '%'
          && isHex(s.charAt(i + 1))
          && isHex(s.charAt(i + 2))) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 3;
      }
      if (bytes.size() == 0) {
        out.append(s.charAt(i++));
        continue;
      }
      try {
        out.append(
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes.toByteArray())));
      } catch (CharacterCodingException e) {
        out.append(s, start, i);
      }
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
