package dev.recstream.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The spread of a figure over runs")
class SpreadTest {
  @Test
  @DisplayName("is the middle value of an odd count, with the smallest and largest")
  void oddCount() {
    Spread s = Spread.of(List.of(9.0, 1.0, 4.0));
    assertEquals(new Spread(4.0, 1.0, 9.0, 3), s);
    assertEquals("4 (1–9)", s.format());
  }

  @Test
  @DisplayName("is the mean of the two middle values of an even count")
  void evenCount() {
    assertEquals(2.5, Spread.of(List.of(4.0, 1.0, 2.0, 3.0)).median());
  }

  @Test
  @DisplayName("ignores runs that did not know the figure, and says so when none did")
  void unknown() {
    Spread s = Spread.of(Arrays.asList(null, Double.NaN, 7.0));
    assertEquals(new Spread(7.0, 7.0, 7.0, 1), s);
    assertEquals("7", s.format());
    assertEquals("–", Spread.of(Arrays.asList(null, Double.NaN)).format());
  }
}
