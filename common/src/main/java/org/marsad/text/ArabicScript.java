package org.marsad.text;

/** Script statistics used by the ingest gate. */
public final class ArabicScript {
  private ArabicScript() {}

  /** True for code points of the Arabic blocks (base, supplement, extended-A, presentation). */
  public static boolean isArabic(int cp) {
    return (cp >= 0x0600 && cp <= 0x06FF)
        || (cp >= 0x0750 && cp <= 0x077F)
        || (cp >= 0x08A0 && cp <= 0x08FF)
        || (cp >= 0xFB50 && cp <= 0xFDFF)
        || (cp >= 0xFE70 && cp <= 0xFEFF);
  }

  /** Counts of letters in {@code text}: {@code [arabicLetters, allLetters]}. */
  public static int[] letterCounts(CharSequence text) {
    int arabic = 0;
    int letters = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp)) {
        letters++;
        if (isArabic(cp)) {
          arabic++;
        }
      }
    }
    return new int[] {arabic, letters};
  }

  /** Share of letters that are Arabic; 0 when there are no letters. */
  public static double arabicShare(CharSequence text) {
    int[] c = letterCounts(text);
    return c[1] == 0 ? 0.0 : (double) c[0] / c[1];
  }
}
