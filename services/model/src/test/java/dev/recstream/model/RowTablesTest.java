package dev.recstream.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RowTables")
class RowTablesTest {
  @Test
  @DisplayName("sums what a map of maps sums, through many growths, and drains each row columns ascending")
  void sameAsMaps() {
    int items = 300;
    RowTables tables = new RowTables(items);
    Map<Integer, Map<Integer, Double>> expected = new HashMap<>();
    Random random = new Random(5);
    for (int i = 0; i < 50_000; i++) {
      int row = random.nextInt(items + 1);
      int column = 1 + random.nextInt(items);
      double weight = 1.0 / (1 + random.nextInt(3));
      tables.add(row, column, weight);
      expected.computeIfAbsent(row, r -> new HashMap<>()).merge(column, weight, Double::sum);
    }
    for (int row = 0; row <= items; row++) {
      Map<Integer, Double> want = expected.getOrDefault(row, Map.of());
      assertEquals(want.size(), tables.rowSize(row));
      int[] columns = new int[want.size() + 2];
      double[] sums = new double[want.size() + 2];
      int n = tables.drainRow(row, columns, sums, 2);
      assertEquals(want.size(), n);
      int[] wantColumns = want.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
      int[] gotColumns = new int[n];
      System.arraycopy(columns, 2, gotColumns, 0, n);
      assertArrayEquals(wantColumns, gotColumns, "row " + row);
      for (int i = 0; i < n; i++) {
        assertEquals(want.get(gotColumns[i]), sums[2 + i], 1e-5 * want.get(gotColumns[i]), "row " + row + " column " + gotColumns[i]);
      }
      assertEquals(0, tables.rowSize(row), "drained");
    }
  }

  @Test
  @DisplayName("refuses column 0, which marks an empty slot")
  void columnZero() {
    RowTables tables = new RowTables(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tables.add(1, 0, 1.0));
    assertEquals("column: must be 1 or more (0 marks an empty slot), was 0", e.getMessage());
  }
}
