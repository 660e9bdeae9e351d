package dev.recstream.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RankFusion")
class RankFusionTest {

  @Test
  @DisplayName("scores an item 1/(60 + rank) in each ranking that holds it, summed, rank counted from 1")
  void fusedScores() {
    Map<String, Double> fused = RankFusion.fuse(List.of(List.of("a", "b", "c"), List.of("b", "d")));

    // a: 1st of the first ranking only → 1/61 ≈ 0.016393
    // b: 2nd of the first, 1st of the second → 1/62 + 1/61 ≈ 0.016129 + 0.016393 = 0.032522
    // c: 3rd of the first only → 1/63 ≈ 0.015873
    // d: 2nd of the second only → 1/62 ≈ 0.016129
    assertEquals(Map.of("a", 1.0 / 61, "b", 1.0 / 62 + 1.0 / 61, "c", 1.0 / 63, "d", 1.0 / 62), fused);
    assertEquals(60, RankFusion.K);
  }

  @Test
  @DisplayName("ranks an item both rankings hold, even 10th in each, above one that tops only one of them")
  void agreementBeatsOneTop() {
    List<String> text = List.of("top", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "both");
    List<String> vector = List.of("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "both");

    Map<String, Double> fused = RankFusion.fuse(List.of(text, vector));

    // both: 1/70 + 1/70 = 2/70 ≈ 0.028571; top: 1/61 ≈ 0.016393; v1 likewise 1/61.
    assertEquals(2.0 / 70, fused.get("both"), 1e-15);
    assertEquals(1.0 / 61, fused.get("top"));
    assertEquals(1.0 / 61, fused.get("v1"));
    assertTrue(fused.get("both") > fused.get("top"));
  }

  @Test
  @DisplayName("lists items in the order first met: ranking by ranking, rank by rank")
  void orderOfFirstAppearance() {
    Map<String, Double> fused = RankFusion.fuse(List.of(List.of("x", "y"), List.of("z", "y", "w"), List.of("v", "x")));

    assertEquals(List.of("x", "y", "z", "w", "v"), List.copyOf(fused.keySet()));
  }

  @Test
  @DisplayName("fuses no rankings, or empty ones, into nothing")
  void nothingIn() {
    assertEquals(Map.of(), RankFusion.fuse(List.of()));
    assertEquals(Map.of(), RankFusion.fuse(List.of(List.of(), List.of())));
  }

  @Test
  @DisplayName("gives a single ranking 1/61, 1/62, … in its own order")
  void singleRanking() {
    Map<String, Double> fused = RankFusion.fuse(List.of(List.of("p", "q", "r")));

    assertEquals(List.of("p", "q", "r"), List.copyOf(fused.keySet()));
    assertEquals(List.of(1.0 / 61, 1.0 / 62, 1.0 / 63), List.copyOf(fused.values()));
  }
}
