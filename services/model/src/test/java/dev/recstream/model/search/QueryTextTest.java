package dev.recstream.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("QueryText")
class QueryTextTest {

  @ParameterizedTest(name = "[{0}] → [{1}]")
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
      // the Javadoc's example: case folded, the hyphen and "!" become spaces, the ends trimmed
      "  Red-LIPSTICK! |red lipstick",
      // NFKC maps full-width letters to ASCII ones
      "ＡＢＣ|abc",
      "ｒｅｄ　ｌｉｐｓｔｉｃｋ|red lipstick",
      // digits are kept; "+" and "%" are not letters or digits
      "SPF 50+ sunscreen|spf 50 sunscreen",
      "100% Cotton|100 cotton",
      // a run of several separators is one space
      "red -- / lipstick|red lipstick",
      "a__b|a b",
      // NFKC compatibility forms: the ligature ﬁ, superscript two, circled one
      "ﬁne x² ①|fine x2 1",
      // letters of other scripts are kept (and lower-cased where the script has case)
      "Губная ПОМАДА|губная помада",
      "口紅 リップ|口紅 リップ",
      "Crème Brûlée|crème brûlée",
      // nothing but punctuation and spaces
      "!!! --- ?|''",
      "''|''",
  })
  @DisplayName("folds case and width, turns runs of non-letters/digits into one space and trims")
  void normalizes(String query, String expected) {
    assertEquals(expected, QueryText.normalize(query));
  }

  @Test
  @DisplayName("treats tabs and new lines as separators like any other")
  void whitespace() {
    assertEquals("red lipstick", QueryText.normalize("\tred\n\r lipstick\n"));
  }

  @Test
  @DisplayName("spells a decomposed accent (e + U+0300) as the composed one, so both key the same evidence")
  void composedAndDecomposedAgree() {
    assertEquals("crème", QueryText.normalize("cre\u0300me"));
    assertEquals(QueryText.normalize("Crème"), QueryText.normalize("CRE\u0300ME"));
  }

  @Test
  @DisplayName("keeps letters outside the Basic Multilingual Plane (surrogate pairs) whole")
  void supplementaryLetters() {
    // U+1D400 MATHEMATICAL BOLD CAPITAL A: NFKC maps it to "A", then lower case "a".
    assertEquals("a b", QueryText.normalize("\uD835\uDC00 B"));
    // U+20000, a CJK ideograph outside the BMP, is a letter and stays as it is.
    assertEquals("\uD840\uDC00 x", QueryText.normalize("\uD840\uDC00!X"));
  }

  /**
   * Combining marks (Unicode categories Mn/Mc, e.g. Devanagari vowel signs and virama) are neither
   * letters nor digits; were they separators, "नमस्ते" would become "नमस त", and the different words
   * दिन ("day") and दान ("gift") would share the key "द न".
   */
  @Test
  @DisplayName("keeps the combining marks of scripts such as Devanagari inside their word")
  void combiningMarksStayInTheWord() {
    assertEquals("नमस्ते दुनिया", QueryText.normalize("नमस्ते दुनिया"));
    assertNotEquals(QueryText.normalize("दिन"), QueryText.normalize("दान"));
  }
}
