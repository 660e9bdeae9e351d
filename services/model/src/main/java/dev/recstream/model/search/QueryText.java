package dev.recstream.model.search;

import java.text.Normalizer;
import java.util.Locale;

/** One spelling for the queries that mean the same: what query–item evidence is keyed by. */
public final class QueryText {
  private QueryText() {}

  /**
   * Compatibility-normalised (NFKC), lower case, every run of characters that are neither letters,
   * digits nor combining marks within a word one space, trimmed: {@code "  Red-LIPSTICK! "} → {@code "red lipstick"}.
   */
  public static String normalize(String query) {
    String folded = Normalizer.normalize(query, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    boolean space = false;
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || isMark(cp) && out.length() > 0 && !space) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        out.appendCodePoint(cp);
        space = false;
      } else {
        space = true;
      }
    }
    return out.toString();
  }

  /** A combining mark (a vowel sign, a virama, an accent) belongs to the letter before it. */
  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }
}
