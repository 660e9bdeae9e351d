package dev.recstream.model.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FeatureScaler z-scores each column with its training mean and population std")
class FeatureScalerTest {
  // Columns: mean 2 and std 1; constant 5 (std 0, replaced by 1); mean 2 and std 2.
  private static final float[][] ROWS = {{1, 5, 0}, {3, 5, 4}};

  @Test
  @DisplayName("fit computes the mean and the population standard deviation, 0 becoming 1")
  void fitsMeansAndStds() {
    FeatureScaler scaler = FeatureScaler.fit(ROWS);

    assertArrayEquals(new double[] {2, 5, 2}, scaler.means(), 1e-12);
    assertArrayEquals(new double[] {1, 1, 2}, scaler.stds(), 1e-12);
    assertEquals(3, scaler.featureCount());
  }

  @Test
  @DisplayName("apply maps a row to (x − mean) / std, in place or into a buffer")
  void appliesZScores() {
    FeatureScaler scaler = FeatureScaler.fit(ROWS);
    float[] row = {4, 7, 8};
    float[] out = new float[3];

    scaler.apply(row, out);
    assertArrayEquals(new float[] {2, 2, 3}, out, 1e-6f);
    assertArrayEquals(new float[] {4, 7, 8}, row, 0f);

    scaler.apply(row);
    assertArrayEquals(new float[] {2, 2, 3}, row, 1e-6f);
  }

  @Test
  @DisplayName("applyRows scales consecutive rows of a flat buffer and leaves the rest alone")
  void appliesToFlatRows() {
    FeatureScaler scaler = FeatureScaler.fit(ROWS);
    float[] flat = {1, 5, 0, 3, 5, 4, 99, 99, 99};

    scaler.applyRows(flat, 2);

    assertArrayEquals(new float[] {-1, 0, -1, 1, 0, 1, 99, 99, 99}, flat, 1e-6f);
  }

  @Test
  @DisplayName("the training rows of a fitted scaler have mean 0 and std 1 in every varying column")
  void standardizesTrainingRows() {
    float[][] rows = {{10, -3}, {20, 0}, {60, 9}, {30, 2}};
    FeatureScaler scaler = FeatureScaler.fit(rows);
    double[] sum = new double[2];
    double[] sumSquares = new double[2];
    for (float[] row : rows) {
      float[] z = new float[2];
      scaler.apply(row, z);
      for (int j = 0; j < 2; j++) {
        sum[j] += z[j];
        sumSquares[j] += z[j] * z[j];
      }
    }
    for (int j = 0; j < 2; j++) {
      assertEquals(0, sum[j] / rows.length, 1e-6);
      assertEquals(1, sumSquares[j] / rows.length, 1e-6);
    }
  }

  @Test
  @DisplayName("write then read gives back an equal scaler")
  void roundTrips() throws IOException {
    FeatureScaler scaler = FeatureScaler.fit(ROWS);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    scaler.write(new DataOutputStream(bytes));

    FeatureScaler read = FeatureScaler.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertEquals(scaler, read);
    assertArrayEquals(scaler.stds(), read.stds(), 0);
  }

  @Test
  @DisplayName("read refuses an unknown format version, naming it")
  void refusesUnknownVersion() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new DataOutputStream(bytes).writeInt(7);

    IOException e = assertThrows(IOException.class,
        () -> FeatureScaler.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    assertTrue(e.getMessage().contains("version 7"), e.getMessage());
  }

  @Test
  @DisplayName("a row of the wrong length is refused with both lengths in the message")
  void refusesWrongLength() {
    FeatureScaler scaler = FeatureScaler.fit(ROWS);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scaler.apply(new float[2]));
    assertEquals("The row has 2 features but the scaler was fitted on 3.", e.getMessage());
  }

  @Test
  @DisplayName("fit refuses no rows and rows of different lengths")
  void refusesBadTrainingRows() {
    assertThrows(IllegalArgumentException.class, () -> FeatureScaler.fit(new float[0][]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FeatureScaler.fit(new float[][] {{1, 2}, {3}}));
    assertEquals("Row 1 has 1 features but row 0 has 2.", e.getMessage());
  }
}
