package dev.recstream.model.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SparseRow")
class SparseRowTest {
  private final SparseRow row = new SparseRow();

  /** The row's entries as a map, read through the slot arrays that scoring walks. */
  private Map<Integer, Double> entries() {
    Map<Integer, Double> entries = new HashMap<>();
    for (int slot = 0; slot < row.size(); slot++) {
      entries.put(row.item(slot), row.weight(slot));
    }
    return entries;
  }

  @Test
  @DisplayName("merges weights exactly as Map.merge with Double::sum, through growth")
  void mergesLikeAMap() {
    Map<Integer, Double> expected = new HashMap<>();
    Random random = new Random(1);
    for (int i = 0; i < 5_000; i++) {
      // Ids far apart and close together, so probing and growth are both exercised.
      int item = random.nextBoolean() ? random.nextInt(300) : 1_000_000 + 1024 * random.nextInt(300);
      double weight = random.nextDouble();
      row.add(item, weight);
      expected.merge(item, weight, Double::sum);
    }

    assertEquals(expected, entries());
    expected.forEach((item, weight) -> assertEquals(weight, row.get(item)));
  }

  @Test
  @DisplayName("reads 0 for a neighbour it does not hold")
  void absentIsZero() {
    row.add(3, 1.5);

    assertEquals(0.0, row.get(4));
    assertEquals(1.5, row.get(3));
  }

  @Test
  @DisplayName("is empty after clear and fills up again")
  void clearThenRefill() {
    for (int i = 0; i < 100; i++) {
      row.add(i, 1.0);
    }
    row.clear();

    assertEquals(0, row.size());
    assertEquals(0.0, row.get(5));
    row.add(5, 2.0);
    row.add(5, 0.5);
    assertEquals(Map.of(5, 2.5), entries());
  }
}
