package dev.recstream.shared.event;

/**
 * Rules every stored text obeys, wherever it comes from (events, catalog items): lengths count
 * Unicode code points, and nothing PostgreSQL cannot store as it is gets in.
 */
public final class TextRules {
  private TextRules() {}

  /** The length as CONTRACT §1 counts it: Unicode code points, not UTF-16 units. */
  public static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * Why {@code text} cannot be stored as it is, or null: NUL (PostgreSQL's text type refuses it,
   * so a retry could never succeed) or a lone surrogate half (not Unicode: the database client
   * would write '?', turning one id into another).
   */
  public static String unstorable(String text) {
    if (text.indexOf(0) >= 0) {
      return "must not contain NUL (U+0000)";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must be valid Unicode (it holds a lone surrogate half)";
      }
    }
    return null;
  }

  /** Whether {@code text} holds a control character (U+0000–U+001F, U+007F–U+009F). */
  public static boolean hasControl(String text) {
    return text.codePoints().anyMatch(Character::isISOControl);
  }
}
