package org.marsad.nlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Paragraphs (one per line of the stored text) and sentences within them, with offsets. A sentence
 * ends at {@code . ! ? ؟ ؛} (and runs of them) followed by a space or the end of the paragraph; a
 * full stop inside a number (3.5) or after a one-letter abbreviation (د. for doctor) does not end
 * one.
 */
public final class Segmenter {
  private Segmenter() {}

  /** A sentence: its paragraph and sentence numbers (from 0) and {@code [start, end)}. */
  public record Sentence(int paragraph, int index, int start, int end) {}

  public static List<Sentence> sentences(String text) {
    List<Sentence> out = new ArrayList<>();
    int paragraph = 0;
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int nl = text.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? text.length() : nl;
      int before = out.size();
      split(text, lineStart, lineEnd, paragraph, out);
      if (out.size() > before) {
        paragraph++;
      }
      if (nl < 0) {
        break;
      }
      lineStart = nl + 1;
    }
    return out;
  }

  private static void split(String text, int from, int to, int paragraph, List<Sentence> out) {
    int start = skipSpace(text, from, to);
    int index = 0;
    int i = start;
    while (i < to) {
      char c = text.charAt(i);
      if (isTerminal(c) && !isInnerDot(text, i, from, to)) {
        int end = i + 1;
        while (end < to && isTerminal(text.charAt(end))) {
          end++;
        }
        if (end >= to
            || Character.isWhitespace(text.charAt(end))
            || isClosingQuote(text.charAt(end))) {
          while (end < to && isClosingQuote(text.charAt(end))) {
            end++;
          }
          if (hasWord(text, start, end)) {
            out.add(new Sentence(paragraph, index++, start, end));
          }
          start = skipSpace(text, end, to);
          i = start;
          continue;
        }
        i = end;
        continue;
      }
      i++;
    }
    int end = trimEnd(text, start, to);
    if (start < end && hasWord(text, start, end)) {
      out.add(new Sentence(paragraph, index, start, end));
    }
  }

  static boolean isTerminal(char c) {
    return c == '.' || c == '!' || c == '?' || c == '\u061F' || c == '\u061B' || c == '\u06D4';
  }

  private static boolean isClosingQuote(char c) {
    return c == '"' || c == '\u00BB' || c == '\u201D' || c == ')' || c == '\'';
  }

  /** A dot between digits, or after a lone letter (an abbreviation such as "د."). */
  private static boolean isInnerDot(String text, int i, int from, int to) {
    if (text.charAt(i) != '.') {
      return false;
    }
    boolean digitBefore = i > from && Character.isDigit(text.charAt(i - 1));
    boolean digitAfter = i + 1 < to && Character.isDigit(text.charAt(i + 1));
    if (digitBefore && digitAfter) {
      return true;
    }
    boolean letterBefore = i > from && Character.isLetter(text.charAt(i - 1));
    boolean loneLetter = letterBefore && (i - 1 == from || !Character.isLetter(text.charAt(i - 2)));
    return loneLetter;
  }

  private static boolean hasWord(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Tokenizer.isWordChar(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpace(String text, int i, int to) {
    while (i < to && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int trimEnd(String text, int from, int to) {
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    return to;
  }
}
