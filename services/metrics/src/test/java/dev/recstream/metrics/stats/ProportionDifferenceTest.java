package dev.recstream.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The examples are those of Newcombe (1998), "Interval estimation for the difference between
 * independent proportions", Table II, method 10, published to 4 decimals; each is also computed by
 * hand below from the Wilson bounds (z = 1.959963985, see {@link ProportionTest}) with
 * low = d − √((p1 − l1)² + (u2 − p2)²) and high = d + √((u1 − p1)² + (p2 − l2)²).
 */
class ProportionDifferenceTest {
  private static final double TOLERANCE = 1e-4;

  @Test
  @DisplayName("56/70 − 48/80 at 95% is 0.2 in [0.0524, 0.3339] (Newcombe 1998, Table II, a)")
  void newcombeExampleA() {
    // 56/70: p1 = 0.8, (115.841459 ± 1.959964·√(3.841459 + 44.8)) / 147.682918 → l1 0.691834,
    //   u1 0.876953. 48/80: p2 = 0.6, (99.841459 ± 1.959964·√(3.841459 + 76.8)) / 167.682918
    //   → l2 0.490455, u2 0.700382. d = 0.2;
    //   low  = 0.2 − √(0.108166² + 0.100382²) = 0.2 − 0.147568 = 0.052432
    //   high = 0.2 + √(0.076953² + 0.109545²) = 0.2 + 0.133873 = 0.333873
    ProportionDifference.Difference difference = ProportionDifference.estimate(
        new Proportion(56, 70), new Proportion(48, 80), 0.95);
    assertEquals(0.2, difference.estimate(), 1e-12);
    assertEquals(0.052432, difference.interval().low(), TOLERANCE);
    assertEquals(0.333873, difference.interval().high(), TOLERANCE);
  }

  @Test
  @DisplayName("9/10 − 3/10 at 95% is in [0.1705, 0.8090] (Newcombe 1998, Table II, b)")
  void newcombeExampleB() {
    // 9/10: l1 0.595850, u1 0.982124. 3/10: l2 0.107791, u2 0.603222. d = 0.6;
    //   low  = 0.6 − √(0.304150² + 0.303222²) = 0.6 − 0.429477 = 0.170523
    //   high = 0.6 + √(0.082124² + 0.192209²) = 0.6 + 0.209018 = 0.809018
    Interval interval = ProportionDifference.newcombe(
        new Proportion(9, 10), new Proportion(3, 10), 0.95);
    assertEquals(0.170523, interval.low(), TOLERANCE);
    assertEquals(0.809018, interval.high(), TOLERANCE);
  }

  @Test
  @DisplayName("5/56 − 0/29 at 95% is in [−0.0381, 0.1926] (Newcombe 1998, Table II, d)")
  void newcombeExampleWithAZeroCount() {
    // 5/56: p1 = 0.089286, (13.841459 ± 1.959964·√(3.841459 + 18.214286)) / 119.682918
    //   → l1 0.038742, u1 0.192560. 0/29: l2 0, u2 = 2·3.841459 / 65.682918 = 0.116970.
    //   low  = 0.089286 − √(0.050544² + 0.116970²) = 0.089286 − 0.127423 = −0.038137
    //   high = 0.089286 + √(0.103274² + 0²)        = 0.192560
    Interval interval = ProportionDifference.newcombe(
        new Proportion(5, 56), new Proportion(0, 29), 0.95);
    assertEquals(-0.038137, interval.low(), TOLERANCE);
    assertEquals(0.192560, interval.high(), TOLERANCE);
  }

  @Test
  @DisplayName("0/10 − 0/20 at 95% is in [−0.1611, 0.2775] (Newcombe 1998, Table II, e)")
  void newcombeBothZero() {
    // Both rates 0, both lower bounds 0: u1 = 2z² / (2(10 + z²)) = 3.841459 / 13.841459 = 0.277533,
    //   u2 = 3.841459 / 23.841459 = 0.161125; low = −u2, high = u1.
    Interval interval = ProportionDifference.newcombe(
        new Proportion(0, 10), new Proportion(0, 20), 0.95);
    assertEquals(-0.161125, interval.low(), TOLERANCE);
    assertEquals(0.277533, interval.high(), TOLERANCE);
  }

  @Test
  @DisplayName("Swapping treatment and control negates the difference and mirrors the interval")
  void differenceSign() {
    Proportion better = new Proportion(56, 70);
    Proportion worse = new Proportion(48, 80);
    ProportionDifference.Difference up = ProportionDifference.estimate(better, worse, 0.95);
    ProportionDifference.Difference down = ProportionDifference.estimate(worse, better, 0.95);
    assertTrue(up.estimate() > 0 && down.estimate() < 0);
    assertEquals(-up.estimate(), down.estimate(), 1e-15);
    assertEquals(-up.interval().high(), down.interval().low(), 1e-12);
    assertEquals(-up.interval().low(), down.interval().high(), 1e-12);
  }

  @Test
  @DisplayName("Two identical proportions differ by 0, in an interval symmetric around 0")
  void identicalPairContainsZero() {
    // 30/100 twice: d = 0, and both square roots are √((p − l)² + (u − p)²), so low = −high.
    Proportion rate = new Proportion(30, 100);
    ProportionDifference.Difference difference = ProportionDifference.estimate(rate, rate, 0.95);
    assertEquals(0, difference.estimate(), 0);
    assertTrue(difference.interval().contains(0));
    assertEquals(-difference.interval().high(), difference.interval().low(), 1e-15);
  }

  @Test
  @DisplayName("A treatment with no trials still gives an interval inside [−1, 1]")
  void noTrialsInTreatment() {
    // 0/0: p1 = 0, Wilson [0, 1]. 5/10: p2 = 0.5, [0.236593, 0.763407]. d = −0.5;
    //   low  = −0.5 − √(0² + 0.263407²) = −0.763407
    //   high = −0.5 + √(1² + 0.263407²) = −0.5 + 1.034110 = 0.534110
    Interval interval = ProportionDifference.newcombe(
        new Proportion(0, 0), new Proportion(5, 10), 0.95);
    assertEquals(-0.763407, interval.low(), TOLERANCE);
    assertEquals(0.534110, interval.high(), TOLERANCE);
  }

  @Test
  @DisplayName("The relative lift is (p1 − p2) / p2, and NaN when the control's rate is 0")
  void relativeLift() {
    // (0.8 − 0.6) / 0.6 = 1/3
    assertEquals(1.0 / 3, ProportionDifference.relativeLift(
        new Proportion(56, 70), new Proportion(48, 80)), 1e-12);
    // (0.5 − 0.6) / 0.6 = −1/6
    assertEquals(-1.0 / 6, ProportionDifference.relativeLift(
        new Proportion(5, 10), new Proportion(6, 10)), 1e-12);
    assertTrue(Double.isNaN(ProportionDifference.relativeLift(
        new Proportion(3, 10), new Proportion(0, 10))));
    assertTrue(Double.isNaN(ProportionDifference.relativeLift(
        new Proportion(3, 10), new Proportion(0, 0))));
  }

  @Test
  @DisplayName("A confidence outside (0, 1) is rejected")
  void rejectsBadConfidence() {
    var error = assertThrows(IllegalArgumentException.class, () -> ProportionDifference.newcombe(
        new Proportion(1, 2), new Proportion(1, 2), 1.0));
    assertEquals("confidence must be in (0, 1), was 1.0", error.getMessage());
  }
}
