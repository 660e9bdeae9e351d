package dev.recstream.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CatalogReachTest {
  private static final Attribution.Source A = Attribution.Source.of("m1");
  private static final Attribution.Source B = new Attribution.Source("m2", "exp-1", "treatment");

  @Test
  @DisplayName("popularity ranks are competition ranks: ties share the better rank, unseen items rank 0")
  void competitionRanking() {
    assertArrayEquals(new int[] {2, 1, 4, 2, 0}, CatalogReach.rankPopularity(new long[] {3, 5, 1, 3, 0}));
  }

  @Test
  @DisplayName("coverage is distinct items recommended over distinct items seen, overall and per source")
  void coverage() {
    CatalogReach reach = new CatalogReach(100);
    for (String item : List.of("a", "b", "c", "d", "a")) {
      reach.seen(item);
    }
    reach.recommended(A, List.of("a", "b"));
    reach.recommended(B, List.of("b", "e"));
    assertEquals(3 / 4.0, reach.coverage(), 1e-12); // a, b, e recommended; a, b, c, d seen
    assertEquals(2 / 4.0, reach.coverage(A), 1e-12);
    assertEquals(2 / 4.0, reach.coverage(B), 1e-12);
    assertEquals(3, reach.recommendedItems());
  }

  @Test
  @DisplayName("novelty is the mean popularity rank of recommended items, weighted by times recommended")
  void novelty() {
    CatalogReach reach = new CatalogReach(100);
    // a seen 3 times, b twice, c once: ranks a 1, b 2, c 3.
    for (String item : List.of("a", "a", "a", "b", "b", "c")) {
      reach.seen(item);
    }
    reach.recommended(A, List.of("a", "c"));
    reach.recommended(A, List.of("c", "never-seen"));
    assertTrue(Double.isNaN(reach.novelty(A)), "no ranks before the first ranking");
    reach.useRanks(CatalogReach.rankPopularity(reach.seenCounts()));
    // a once (rank 1), c twice (rank 3); the never-seen item has no rank: (1 + 3 + 3) / 3.
    assertEquals(7 / 3.0, reach.novelty(A), 1e-12);
    assertTrue(Double.isNaN(reach.novelty(B)), "a source without lists has no novelty");
  }

  @Test
  @DisplayName("items beyond the bound are not counted")
  void bounded() {
    CatalogReach reach = new CatalogReach(2);
    reach.seen("a");
    reach.seen("b");
    reach.seen("c");
    reach.recommended(A, List.of("c"));
    assertEquals(0, reach.coverage());
    assertEquals(2, reach.seenCounts().length);
  }
}
