package dev.recstream.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Expected Wilson bounds are computed by hand from Newcombe's form of the interval,
 * (2np + z² ± z·√(z² + 4np(1−p))) / (2(n + z²)), with z = 1.959963985 and z² = 3.841458822.
 */
class ProportionTest {
  private static final double TOLERANCE = 1e-4;

  @Test
  @DisplayName("The rate is successes over trials, and 0 before any trial")
  void rate() {
    assertEquals(0.75, new Proportion(3, 4).rate(), 1e-15); // 3 / 4
    assertEquals(0, new Proportion(0, 0).rate(), 0);
  }

  @Test
  @DisplayName("Negative counts and more successes than trials are rejected, naming the rule")
  void rejectsImpossibleCounts() {
    assertEquals("trials must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
        () -> new Proportion(0, -1)).getMessage());
    assertEquals("successes must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
        () -> new Proportion(-1, 5)).getMessage());
    assertEquals("successes must be <= trials, were 5 successes in 4 trials",
        assertThrows(IllegalArgumentException.class, () -> new Proportion(5, 4)).getMessage());
  }

  @Test
  @DisplayName("The z of a 95% interval is 1.959964 and of a 90% interval 1.644854 (normal tables)")
  void twoSidedZ() {
    assertEquals(1.959964, Proportion.twoSidedZ(0.95), 1e-6);
    assertEquals(1.644854, Proportion.twoSidedZ(0.90), 1e-6);
  }

  @Test
  @DisplayName("0 of 10 at 95% gives [0, 0.2775]: the lower bound is exactly 0")
  void wilsonNoSuccesses() {
    // n = 10, p = 0: (0 + 3.841459 ± 1.959964·√3.841459) / (2·13.841459)
    //   = (3.841459 ± 3.841459) / 27.682918 → low 0, high 7.682918 / 27.682918 = 0.277533
    Interval interval = new Proportion(0, 10).wilson(0.95);
    assertEquals(0, interval.low(), 0);
    assertEquals(0.277533, interval.high(), TOLERANCE);
  }

  @Test
  @DisplayName("10 of 10 at 95% gives [0.7225, 1]: the upper bound is exactly 1")
  void wilsonAllSuccesses() {
    // n = 10, p = 1: (20 + 3.841459 ± 3.841459) / 27.682918 → low 20 / 27.682918 = 0.722467
    Interval interval = new Proportion(10, 10).wilson(0.95);
    assertEquals(0.722467, interval.low(), TOLERANCE);
    assertEquals(1, interval.high(), 0);
  }

  @Test
  @DisplayName("5 of 10 at 95% gives [0.2366, 0.7634], symmetric around 0.5")
  void wilsonHalf() {
    // n = 10, p = 0.5: 4np(1−p) = 10, z·√(3.841459 + 10) = 1.959964·3.720411 = 7.291872
    //   (10 + 3.841459 ± 7.291872) / 27.682918 → 6.549587 / 27.682918 = 0.236593,
    //                                           21.133331 / 27.682918 = 0.763407
    Interval interval = new Proportion(5, 10).wilson(0.95);
    assertEquals(0.236593, interval.low(), TOLERANCE);
    assertEquals(0.763407, interval.high(), TOLERANCE);
  }

  @Test
  @DisplayName("81 of 263 at 95% gives [0.2553, 0.3662], Newcombe's (1998) single-proportion example")
  void wilsonNewcombeExample() {
    // n = 263, x = 81: 2np = 162, 4np(1−p) = 4·81·182/263 = 224.212928,
    //   z·√(3.841459 + 224.212928) = 1.959964·15.101470 = 29.598337, 2(n + z²) = 533.682918
    //   (165.841459 ± 29.598337) / 533.682918 → 136.243122 / 533.682918 = 0.255289,
    //                                            195.439796 / 533.682918 = 0.366210
    Interval interval = new Proportion(81, 263).wilson(0.95);
    assertEquals(0.255289, interval.low(), TOLERANCE);
    assertEquals(0.366210, interval.high(), TOLERANCE);
  }

  @Test
  @DisplayName("With no trials nothing is known: the interval is [0, 1]")
  void wilsonNoTrials() {
    assertEquals(new Interval(0, 1), new Proportion(0, 0).wilson(0.95));
  }

  @Test
  @DisplayName("Billions of trials do not overflow: the interval is then p ± z·√(p(1−p)/n)")
  void wilsonLargeCounts() {
    // x = 3e9, n = 6e9 (4·x·(n − x) = 3.6e19 would overflow a long). For large n Wilson meets
    // Wald: half-width = 1.959964·√(0.25 / 6e9) = 1.959964·6.454972e-6 = 1.265151e-5
    Interval interval = new Proportion(3_000_000_000L, 6_000_000_000L).wilson(0.95);
    assertEquals(0.5 - 1.265151e-5, interval.low(), 1e-10);
    assertEquals(0.5 + 1.265151e-5, interval.high(), 1e-10);
  }

  @Test
  @DisplayName("A 90% interval lies inside the 95% one and both contain the rate")
  void lowerConfidenceIsNarrower() {
    Proportion proportion = new Proportion(81, 263);
    Interval ninety = proportion.wilson(0.90);
    Interval ninetyFive = proportion.wilson(0.95);
    assertTrue(ninetyFive.low() < ninety.low() && ninety.high() < ninetyFive.high());
    assertTrue(ninety.contains(proportion.rate()));
  }

  @Test
  @DisplayName("A confidence outside (0, 1) is rejected, naming the rule")
  void rejectsBadConfidence() {
    Proportion proportion = new Proportion(1, 2);
    for (double confidence : new double[] {0, 1, 95, -0.5, Double.NaN}) {
      var error = assertThrows(IllegalArgumentException.class, () -> proportion.wilson(confidence));
      assertEquals("confidence must be in (0, 1), was " + confidence, error.getMessage());
    }
  }
}
