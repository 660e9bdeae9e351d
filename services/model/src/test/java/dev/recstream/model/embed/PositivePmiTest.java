package dev.recstream.model.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Co-occurrence counts and positive PMI")
class PositivePmiTest {

  /** Entry (row, column) of a CSR matrix, 0 when absent. */
  private static double entry(CsrMatrix m, int row, int column) {
    for (int k = m.rowStart(row); k < m.rowStart(row + 1); k++) {
      if (m.column(k) == column) {
        return m.value(k);
      }
    }
    return 0;
  }

  @Test
  @DisplayName("a pair at distance d adds 1/d both ways, up to the window, skipping repeats and padding")
  void countsWeighByDistance() {
    CsrMatrix counts = CooccurrenceCounts.count(List.of(new int[] {1, 2, 1, 3, 0}), 3, 2);
    assertEquals(2.0, entry(counts, 1, 2), 1e-12); // (1,2) and (2,1), both at d = 1
    assertEquals(0.5, entry(counts, 2, 3), 1e-12); // d = 2
    assertEquals(1.0, entry(counts, 1, 3), 1e-12); // d = 1; the first 1 is 3 away, beyond the window
    assertEquals(entry(counts, 3, 1), entry(counts, 1, 3), 0);
    assertEquals(0.0, entry(counts, 1, 1), 0);
    assertEquals(0.0, entry(counts, 3, 0), 0);
  }

  @Test
  @DisplayName("PPMI is max(0, log(C·total / (rowSum·rowSum))) without smoothing")
  void plainPmi() {
    // [1, 2, 3], window 5: C[1,2] = C[2,3] = 1, C[1,3] = 0.5; row sums 1.5, 2, 1.5; total 5.
    CsrMatrix counts = CooccurrenceCounts.count(List.of(new int[] {1, 2, 3}), 3, 5);
    CsrMatrix ppmi = PositivePmi.of(counts, 1.0);
    assertEquals(Math.log(1 * 5 / (1.5 * 2)), entry(ppmi, 1, 2), 1e-12);
    assertEquals(Math.log(0.5 * 5 / (1.5 * 1.5)), entry(ppmi, 3, 1), 1e-12);
  }

  @Test
  @DisplayName("context smoothing raises the context row sums to α, which makes PPMI asymmetric")
  void smoothedPmi() {
    CsrMatrix counts = CooccurrenceCounts.count(List.of(new int[] {1, 2, 3}), 3, 5);
    CsrMatrix ppmi = PositivePmi.of(counts, 0.5);
    double z = 2 * Math.sqrt(1.5) + Math.sqrt(2);
    assertEquals(Math.log(1 * z / (1.5 * Math.sqrt(2))), entry(ppmi, 1, 2), 1e-12);
    assertEquals(Math.log(1 * z / (2 * Math.sqrt(1.5))), entry(ppmi, 2, 1), 1e-12);
  }

  @Test
  @DisplayName("pairs that co-occur less than chance are dropped")
  void dropsNonPositivePmi() {
    // In [1..8] with window 5, PMI(1,4) = log(1/3 · total / (r1 · r4)) ≈ −0.011.
    CsrMatrix counts = CooccurrenceCounts.count(List.of(new int[] {1, 2, 3, 4, 5, 6, 7, 8}), 8, 5);
    CsrMatrix ppmi = PositivePmi.of(counts, 1.0);
    // Counts are float sums (RowTables): 1/3 to about 7 digits.
    assertEquals(1.0 / 3, entry(counts, 1, 4), 1e-7);
    assertEquals(0.0, entry(ppmi, 1, 4), 0);
    assertEquals(0.42901280475695597, entry(ppmi, 1, 3), 1e-6);
  }

  @Test
  @DisplayName("an item outside the catalog is rejected with its value")
  void rejectsUnknownItems() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CooccurrenceCounts.count(List.of(new int[] {1, 9}), 3, 5));
    assertEquals("sequences: item 9 is outside 1..3 (0 is padding)", e.getMessage());
  }
}
