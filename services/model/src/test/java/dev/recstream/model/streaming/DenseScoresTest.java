package dev.recstream.model.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DenseScores")
class DenseScoresTest {
  private final DenseScores scores = new DenseScores();

  /** The candidates as a map: touched ids with a non-zero score. */
  private Map<Integer, Double> candidates() {
    Map<Integer, Double> candidates = new HashMap<>();
    for (int i = 0; i < scores.touchedCount(); i++) {
      int item = scores.touched(i);
      if (scores.score(item) != 0) {
        assertEquals(null, candidates.put(item, scores.score(item)), "touched twice: " + item);
      }
    }
    return candidates;
  }

  @Test
  @DisplayName("sums terms per item exactly as Map.merge with Double::sum, listing each item once")
  void sumsLikeAMap() {
    scores.ensureCapacity(5_000);
    Map<Integer, Double> expected = new HashMap<>();
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      int item = random.nextInt(5_000);
      double term = 0.001 + random.nextDouble();
      scores.add(item, term);
      expected.merge(item, term, Double::sum);
    }

    assertEquals(expected, candidates());
  }

  @Test
  @DisplayName("drops removed items and starts from zero after clear")
  void removeAndClear() {
    scores.ensureCapacity(10);
    scores.add(1, 1.0);
    scores.add(2, 2.0);
    scores.remove(1);
    assertEquals(Map.of(2, 2.0), candidates());

    scores.clear();
    assertEquals(Map.of(), candidates());
    scores.add(2, 0.5);
    assertEquals(Map.of(2, 0.5), candidates());
  }

  @Test
  @DisplayName("grows to new items, keeping the sums so far")
  void grows() {
    scores.ensureCapacity(3);
    scores.add(2, 1.0);
    scores.ensureCapacity(1_000);
    scores.add(999, 4.0);
    scores.add(2, 1.0);

    assertEquals(Map.of(2, 2.0, 999, 4.0), candidates());
  }
}
