package dev.recstream.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.metrics.stats.SampleRatioMismatch.SrmResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Expected p-values come from closed forms of the chi-squared upper tail: with 1 degree of
 * freedom χ² = Z², so p = 2·(1 − Φ(√χ²)) read from normal tables; with 2 degrees of freedom the
 * distribution is exponential, p = e^(−χ²/2).
 */
class SampleRatioMismatchTest {

  @Test
  @DisplayName("A perfect 50/50 split has χ² 0 and p-value 1")
  void perfectSplit() {
    SrmResult result = SampleRatioMismatch.test(new long[] {5000, 5000}, new double[] {1, 1});
    assertEquals(new SrmResult(0, 1, 1, false), result);
  }

  @Test
  @DisplayName("5100/4900 against 50/50 gives χ² 4 and p 0.0455: no mismatch")
  void smallImbalanceIsNoMismatch() {
    // expected 5000 each: χ² = 100²/5000 + 100²/5000 = 2 + 2 = 4, df 1;
    //   p = 2·(1 − Φ(2)) = 2·0.0227501 = 0.0455003
    SrmResult result = SampleRatioMismatch.test(new long[] {5100, 4900}, new double[] {1, 1});
    assertEquals(4.0, result.chiSquare(), 1e-12);
    assertEquals(1, result.degreesOfFreedom());
    assertEquals(0.0455003, result.pValue(), 1e-7);
    assertFalse(result.mismatch());
  }

  @Test
  @DisplayName("5300/4700 against 50/50 gives χ² 36 and p 1.97e-9: a mismatch")
  void largeImbalanceIsAMismatch() {
    // χ² = 300²/5000 · 2 = 18 · 2 = 36, df 1; p = 2·(1 − Φ(6)) = 2·9.8659e-10 = 1.97318e-9
    SrmResult result = SampleRatioMismatch.test(new long[] {5300, 4700}, new double[] {1, 1});
    assertEquals(36.0, result.chiSquare(), 1e-12);
    assertEquals(1.97318e-9, result.pValue(), 1e-13);
    assertTrue(result.mismatch());
  }

  @Test
  @DisplayName("The weights are normalized: {50, 50} is the same split as {1, 1}")
  void weightsAreNormalized() {
    long[] observed = {5100, 4900};
    assertEquals(SampleRatioMismatch.test(observed, new double[] {1, 1}),
        SampleRatioMismatch.test(observed, new double[] {50, 50}));
  }

  @Test
  @DisplayName("5000/2600/2400 against a 2:1:1 split gives χ² 8 with 2 degrees of freedom, p = e⁻⁴")
  void threeVariants() {
    // N = 10000, weights 0.5/0.25/0.25 → expected 5000/2500/2500;
    //   χ² = 0²/5000 + 100²/2500 + 100²/2500 = 0 + 4 + 4 = 8, df 2; p = e^(−8/2) = 0.0183156
    SrmResult result = SampleRatioMismatch.test(
        new long[] {5000, 2600, 2400}, new double[] {2, 1, 1});
    assertEquals(8.0, result.chiSquare(), 1e-12);
    assertEquals(2, result.degreesOfFreedom());
    assertEquals(0.0183156, result.pValue(), 1e-7);
    assertFalse(result.mismatch());
  }

  @Test
  @DisplayName("The threshold is p < 0.001: χ² 10.89 (p 0.00097) is a mismatch, χ² 10.24 (p 0.00137) is not")
  void threshold() {
    assertEquals(0.001, SampleRatioMismatch.MISMATCH_P_VALUE);
    // 5165/4835: χ² = 165²/5000 · 2 = 10.89 = 3.3²; p = 2·(1 − Φ(3.3)) = 2·0.00048342 = 0.00096685
    SrmResult above = SampleRatioMismatch.test(new long[] {5165, 4835}, new double[] {1, 1});
    assertEquals(10.89, above.chiSquare(), 1e-9);
    assertEquals(0.00096685, above.pValue(), 1e-8);
    assertTrue(above.mismatch());
    // 5160/4840: χ² = 160²/5000 · 2 = 10.24 = 3.2²; p = 2·(1 − Φ(3.2)) = 2·0.00068714 = 0.00137428
    SrmResult below = SampleRatioMismatch.test(new long[] {5160, 4840}, new double[] {1, 1});
    assertEquals(10.24, below.chiSquare(), 1e-9);
    assertEquals(0.00137428, below.pValue(), 1e-8);
    assertFalse(below.mismatch());
  }

  @Test
  @DisplayName("An uneven configured split is tested against its own weights")
  void unevenSplit() {
    // 8000/2000 against 80/20 fits exactly: χ² 0.
    assertEquals(0, SampleRatioMismatch.test(
        new long[] {8000, 2000}, new double[] {0.8, 0.2}).chiSquare(), 1e-9);
    // 9000/1000 against 80/20: χ² = 1000²/8000 + 1000²/2000 = 125 + 500 = 625
    SrmResult result = SampleRatioMismatch.test(new long[] {9000, 1000}, new double[] {0.8, 0.2});
    assertEquals(625, result.chiSquare(), 1e-9);
    assertTrue(result.mismatch());
  }

  @Test
  @DisplayName("With no observations at all there is nothing to contradict the split")
  void noObservations() {
    assertEquals(new SrmResult(0, 2, 1, false),
        SampleRatioMismatch.test(new long[] {0, 0, 0}, new double[] {1, 1, 1}));
  }

  @Test
  @DisplayName("Every malformed input is rejected with a message naming the rule")
  void rejectsBadArguments() {
    assertRejected("observed and expectedWeights must have the same length, were 2 and 3",
        new long[] {1, 2}, new double[] {1, 1, 1});
    assertRejected("at least 2 variants are needed to test a split, got 1",
        new long[] {10}, new double[] {1});
    assertRejected("at least 2 variants are needed to test a split, got 0",
        new long[] {}, new double[] {});
    assertRejected("observed counts must be >= 0, observed[1] was -3",
        new long[] {10, -3}, new double[] {1, 1});
    assertRejected("expected weights must be positive and finite, expectedWeights[0] was 0.0",
        new long[] {10, 10}, new double[] {0, 1});
    assertRejected("expected weights must be positive and finite, expectedWeights[1] was -1.0",
        new long[] {10, 10}, new double[] {1, -1});
    assertRejected("expected weights must be positive and finite, expectedWeights[1] was NaN",
        new long[] {10, 10}, new double[] {1, Double.NaN});
    assertRejected("expected weights must be positive and finite, expectedWeights[0] was Infinity",
        new long[] {10, 10}, new double[] {Double.POSITIVE_INFINITY, 1});
  }

  private static void assertRejected(String message, long[] observed, double[] weights) {
    var error = assertThrows(IllegalArgumentException.class,
        () -> SampleRatioMismatch.test(observed, weights));
    assertEquals(message, error.getMessage());
  }
}
