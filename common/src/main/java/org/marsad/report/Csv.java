package org.marsad.report;

import java.util.List;

/** RFC 4180 cells and lines: quoted only when a cell holds a comma, a quote or a line break. */
public final class Csv {
  private Csv() {}

  /** One cell; null is empty. */
  public static String cell(String c) {
    if (c == null) {
      return "";
    }
    if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
      return '"' + c.replace("\"", "\"\"") + '"';
    }
    return c;
  }

  /** Cells joined by commas, each quoted as {@link #cell} says. */
  public static String line(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(i > 0 ? "," : "").append(cell(cells.get(i)));
    }
    return b.toString();
  }
}
