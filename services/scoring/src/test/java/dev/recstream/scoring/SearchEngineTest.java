package dev.recstream.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.search.RankFusion;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SearchEngine's retrieval, as cached")
class SearchEngineTest {

  @Test
  @DisplayName("a retrieval holds the text matches first, then the vector-only neighbours, with their fused scores")
  void retrievalOrderAndScores() {
    SearchEngine.Retrieval found = SearchEngine.Retrieval.of(List.of("a"), List.of("a", "b", "c"), List.of("c", "d"), "lipstick", false);
    assertArrayEquals(new String[] {"a", "b", "c", "d"}, found.items());
    double first = 1.0 / (RankFusion.K + 1);
    double second = 1.0 / (RankFusion.K + 2);
    double third = 1.0 / (RankFusion.K + 3);
    assertArrayEquals(new double[] {2 * first, second, third + first, second}, found.scores(), 1e-12);
    assertEquals(3, found.text());
    assertEquals(2, found.vector());
    assertEquals("lipstick", found.corrected());
  }

  @Test
  @DisplayName("an item holding every word of the query outranks the nearest neighbour by meaning alone")
  void fullMatchAboveNeighbour() {
    SearchEngine.Retrieval found = SearchEngine.Retrieval.of(List.of("mascara"), List.of("mascara"), List.of("face-oil"), "mascara", false);
    assertArrayEquals(new String[] {"mascara", "face-oil"}, found.items());
    assertEquals(2 * found.scores()[1], found.scores()[0], 1e-12);
  }

  @Test
  @DisplayName("a retrieval keeps one copy of each id, not the strings a reply decoded")
  void idsAreCanonical() {
    String decoded = new String(new char[] {'i', 't', 'e', 'm', '-', '7'});
    SearchEngine.Retrieval found = SearchEngine.Retrieval.of(List.of(), List.of(decoded), List.of(), null, false);
    assertSame("item-7", found.items()[0]);
  }

  @Test
  @DisplayName("queries of three words or more are searched by vector beside the text search")
  void likelyThin() {
    assertFalse(SearchEngine.likelyThin(""));
    assertFalse(SearchEngine.likelyThin("lipstick"));
    assertFalse(SearchEngine.likelyThin("red lipstick"));
    assertTrue(SearchEngine.likelyThin("matte red lipstick"));
    assertTrue(SearchEngine.likelyThin("vegan matte ruby red lipstick for dry skin"));
  }
}
