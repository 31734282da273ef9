package org.marsad.report;

import java.util.List;

/** Escaping and small builders for the report's HTML; Arabic text is isolated right-to-left. */
public final class Html {
  private Html() {}

  public static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  public static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("'", "&#39;");
  }

  /** Text in its own direction: Arabic laid out right-to-left inside a left-to-right page. */
  public static String bidi(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    return "<bdi dir=\"" + (hasArabic(s) ? "rtl" : "auto") + "\">" + text(s) + "</bdi>";
  }

  static boolean hasArabic(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.UnicodeScript.of(s.codePointAt(i)) == Character.UnicodeScript.ARABIC) {
        return true;
      }
    }
    return false;
  }

  /**
   * A table: header cells are text, body cells are HTML already escaped by the caller; {@code
   * numeric} columns are right-aligned.
   */
  public static String table(
      String cssClass, List<String> header, List<List<String>> rows, boolean... numeric) {
    StringBuilder b = new StringBuilder("<table class=\"").append(attr(cssClass)).append("\">");
    b.append("<thead><tr>");
    for (String h : header) {
      b.append("<th>").append(text(h)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (List<String> r : rows) {
      b.append("<tr>");
      for (int i = 0; i < r.size(); i++) {
        boolean num = i < numeric.length && numeric[i];
        b.append(num ? "<td class=\"num\">" : "<td>").append(r.get(i)).append("</td>");
      }
      b.append("</tr>");
    }
    return b.append("</tbody></table>").toString();
  }
}
