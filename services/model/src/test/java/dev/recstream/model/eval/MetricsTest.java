package dev.recstream.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Metrics computes each formula from the target's 0-based rank")
class MetricsTest {
  private static final double EXACT = 1e-15;

  @ParameterizedTest(name = "rank {0}, K {1} → HR {2}")
  @CsvSource({"0, 10, 1", "9, 10, 1", "10, 10, 0", "10, 20, 1", "19, 20, 1", "20, 20, 0"})
  @DisplayName("HR@K is 1 exactly when the rank is below K")
  void hitRate(int rank, int k, double expected) {
    assertEquals(expected, Metrics.hitRate(rank, k), EXACT);
  }

  @ParameterizedTest(name = "rank {0}, K {1} → NDCG {2}")
  @CsvSource({
    "0, 10, 1.0",
    "1, 10, 0.6309297535714575", // 1 / log2(3)
    "9, 10, 0.2890648263178879", // 1 / log2(11)
    "10, 10, 0.0",
    "10, 20, 0.27894294565112987", // 1 / log2(12)
    "19, 20, 0.227670248696953" // 1 / log2(21)
  })
  @DisplayName("NDCG@K is 1 / log2(rank + 2) within the cutoff and 0 beyond it")
  void ndcg(int rank, int k, double expected) {
    assertEquals(expected, Metrics.ndcg(rank, k), 1e-15);
  }

  @ParameterizedTest(name = "rank {0} → RR {1}")
  @CsvSource({"0, 1.0", "1, 0.5", "3, 0.25", "99, 0.01", "999, 0.001"})
  @DisplayName("the reciprocal rank is 1 / (rank + 1) with no cutoff")
  void reciprocalRank(int rank, double expected) {
    assertEquals(expected, Metrics.reciprocalRank(rank), EXACT);
  }

  @ParameterizedTest(name = "rank {0}, K {1} → P {2}, R {3}, F1 {4}")
  @CsvSource({
    "0, 10, 0.1, 1.0, 0.18181818181818182", // 2·0.1·1 / 1.1 = 2/11
    "9, 10, 0.1, 1.0, 0.18181818181818182",
    "3, 20, 0.05, 1.0, 0.09523809523809523", // 2/21
    "10, 10, 0.0, 0.0, 0.0" // a miss: P = R = 0, so F1 is 0, not 0/0
  })
  @DisplayName("Precision@K is HR/K, Recall@K is HR, and F1@K is their harmonic mean or 0 on a miss")
  void precisionRecallF1(int rank, int k, double precision, double recall, double f1) {
    assertEquals(precision, Metrics.precision(rank, k), EXACT);
    assertEquals(recall, Metrics.recall(rank, k), EXACT);
    assertEquals(f1, Metrics.f1(rank, k), EXACT);
  }

  @Test
  @DisplayName("coverage@K counts the distinct items among every user's first K over the catalog size")
  void coverage() {
    List<int[]> tops = List.of(new int[] {1, 2, 5}, new int[] {2, 3, 1}, new int[] {1, 4, 2});
    assertEquals(2.0 / 10, Metrics.coverage(tops, 1, 10), EXACT); // {1, 2}
    assertEquals(4.0 / 10, Metrics.coverage(tops, 2, 10), EXACT); // {1, 2, 3, 4}
    assertEquals(5.0 / 10, Metrics.coverage(tops, 3, 10), EXACT); // {1, 2, 3, 4, 5}
    assertEquals(5.0 / 10, Metrics.coverage(tops, 20, 10), EXACT); // lists shorter than K count whole
    assertEquals(0.25, Metrics.coverage(3, 12), EXACT);
  }

  @Test
  @DisplayName("a negative rank or a cutoff below 1 is rejected with the argument's name")
  void rejectsBadArguments() {
    assertEquals("rank: must be 0 or more, was -1",
        assertThrows(IllegalArgumentException.class, () -> Metrics.ndcg(-1, 10)).getMessage());
    assertEquals("k: must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> Metrics.hitRate(0, 0)).getMessage());
  }
}
