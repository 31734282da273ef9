package org.marsad.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Turns the text a dump carries into the text Marsad stores: HTML tags dropped (block tags become
 * line breaks), entities decoded, NFKC, invisible bidi and zero-width marks removed, control
 * characters dropped, every kind of space folded to one, and one paragraph per line. Diacritics are
 * kept: the stored text is what the publisher wrote, and offsets point into it.
 */
public final class TextCleaner {
  private TextCleaner() {}

  private static final Set<String> BLOCK_TAGS =
      Set.of(
          "p",
          "br",
          "div",
          "li",
          "ul",
          "ol",
          "tr",
          "table",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "blockquote",
          "section",
          "article",
          "header",
          "footer",
          "hr",
          "pre",
          "dd",
          "dt",
          "figure",
          "figcaption");
  private static final Set<String> DROPPED_CONTENT_TAGS = Set.of("script", "style", "noscript");

  /** Cleans {@code raw}; returns the empty string for null. */
  public static String clean(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    String s = raw;
    if (s.indexOf('<') >= 0) {
      s = stripTags(s);
    }
    if (s.indexOf('&') >= 0) {
      s = StringEscapeUtils.unescapeHtml4(s);
      // A second pass catches double-escaped dumps (&amp;quot;), common in scraped news.
      if (s.indexOf('&') >= 0 && s.contains(";")) {
        s = StringEscapeUtils.unescapeHtml4(s);
      }
    }
    if (!Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
      s = Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
    return normalizeSpace(s);
  }

  /** Drops invisible marks and control characters, folds spaces, one paragraph per line. */
  static String normalizeSpace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    boolean pendingNewline = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n'
          || c == '\r'
          || c == '\u2028'
          || c == '\u2029'
          || c == '\u000B'
          || c == '\u000C'
          || c == '\u0085') {
        pendingNewline = true;
        pendingSpace = false;
        continue;
      }
      if (isInvisible(c)) {
        continue;
      }
      if (c == '\t' || Character.isSpaceChar(c) || Character.isWhitespace(c)) {
        pendingSpace = true;
        continue;
      }
      if (Character.isISOControl(c)) {
        continue;
      }
      if (out.length() > 0) {
        if (pendingNewline) {
          out.append('\n');
        } else if (pendingSpace) {
          out.append(' ');
        }
      }
      pendingNewline = false;
      pendingSpace = false;
      out.append(c);
    }
    return out.toString();
  }

  /** Bidi controls, zero-width characters, the BOM and soft hyphens: never part of the text. */
  static boolean isInvisible(char c) {
    return c == '\u200B'
        || c == '\u200E'
        || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u061C'
        || c == '\uFEFF'
        || c == '\u00AD'
        || c == '\u2060';
  }

  /** Removes tags in one pass; block-level tags become line breaks, script/style lose content. */
  static String stripTags(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '<' && i + 1 < n && looksLikeTagStart(s.charAt(i + 1))) {
        if (s.startsWith("<!--", i)) {
          int end = s.indexOf("-->", i + 4);
          i = end < 0 ? n : end + 3;
          continue;
        }
        int end = s.indexOf('>', i + 1);
        if (end < 0) {
          out.append(c); // a lone '<' in text, as in "a < b"
          i++;
          continue;
        }
        String name = tagName(s, i + 1, end);
        boolean closing = s.charAt(i + 1) == '/';
        if (!closing && DROPPED_CONTENT_TAGS.contains(name)) {
          int close = s.toLowerCase(Locale.ROOT).indexOf("</" + name, end);
          int closeEnd = close < 0 ? -1 : s.indexOf('>', close);
          i = closeEnd < 0 ? n : closeEnd + 1;
          continue;
        }
        out.append(BLOCK_TAGS.contains(name) ? '\n' : ' ');
        i = end + 1;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean looksLikeTagStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
  }

  private static String tagName(String s, int from, int end) {
    int i = from;
    if (i < end && (s.charAt(i) == '/' || s.charAt(i) == '!' || s.charAt(i) == '?')) {
      i++;
    }
    int start = i;
    while (i < end && Character.isLetterOrDigit(s.charAt(i))) {
      i++;
    }
    return s.substring(start, i).toLowerCase(Locale.ROOT);
  }
}
