package dev.recstream.model.search;

import java.text.Normalizer;
import java.util.Locale;

/** One spelling for the queries that mean the same: what query–item evidence is keyed by. */
public final class QueryText {
  private QueryText() {}

  /**
   * Compatibility-normalised (NFKC), lower case, every run of characters that are neither letters
   * nor digits one space, trimmed: {@code "  Red-LIPSTICK! "} → {@code "red lipstick"}.
   */
  public static String normalize(String query) {
    String folded = Normalizer.normalize(query, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    boolean space = false;
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
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
}
