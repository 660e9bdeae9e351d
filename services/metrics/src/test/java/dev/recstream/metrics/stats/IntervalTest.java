package dev.recstream.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IntervalTest {

  @Test
  @DisplayName("An interval contains both its bounds and nothing outside them")
  void containsIsClosed() {
    Interval interval = new Interval(0.25, 0.5);
    assertTrue(interval.contains(0.25));
    assertTrue(interval.contains(0.375));
    assertTrue(interval.contains(0.5));
    assertFalse(interval.contains(0.2499));
    assertFalse(interval.contains(0.5001));
    assertFalse(interval.contains(Double.NaN));
  }

  @Test
  @DisplayName("The width is high minus low, and a single point has width 0")
  void width() {
    assertEquals(0.25, new Interval(0.25, 0.5).width(), 0); // 0.5 − 0.25, exact in binary
    assertEquals(0, new Interval(-1, -1).width(), 0);
  }

  @Test
  @DisplayName("An interval whose low is above its high, or with a NaN bound, is rejected")
  void rejectsBadBounds() {
    var reversed = assertThrows(IllegalArgumentException.class, () -> new Interval(0.6, 0.4));
    assertEquals("interval low must be <= high, were [0.6, 0.4]", reversed.getMessage());
    var nan = assertThrows(IllegalArgumentException.class, () -> new Interval(Double.NaN, 1));
    assertEquals("interval bounds must not be NaN, were [NaN, 1.0]", nan.getMessage());
  }
}
