package dev.recstream.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A ring of 4 periods of 10 ms: period k is [10k, 10k + 10) ms, in slot k mod 4. */
class TimeRingTest {

  @Test
  @DisplayName("The first write clears nothing; a later one clears the slots of the periods it passes over")
  void advanceSequence() {
    TimeRing ring = new TimeRing(4, 10, "periods");
    List<Integer> cleared = new ArrayList<>();
    assertEquals(0, ring.advance(5, cleared::add)); // period 0 → slot 0
    assertEquals(List.of(), cleared);
    assertEquals(2, ring.advance(25, cleared::add)); // period 2: periods 1 and 2 reused
    assertEquals(List.of(1, 2), cleared);
    cleared.clear();
    assertEquals(2, ring.advance(0, cleared::add)); // back in time: stays in period 2
    assertEquals(List.of(), cleared);
    assertEquals(0, ring.advance(1000, cleared::add)); // period 100 → slot 0, far ahead: all 4
    assertEquals(List.of(1, 2, 3, 0), cleared); // periods 97 … 100
  }

  @Test
  @DisplayName("A window holds the periods whose start lies in (now − window, now] that the ring keeps")
  void windowSlots() {
    TimeRing ring = new TimeRing(4, 10, "periods");
    ring.advance(55, slot -> {}); // head: period 5
    // now 57 ms (period 5), 2 periods: starts in (37, 57] → periods 4, 5 → slots 0, 1
    assertArrayEquals(new int[] {0, 1}, ring.slotsIn(Duration.ofMillis(20), 57).toArray());
    // 4 periods at now 80 ms (period 8): periods 5 … 8, but nothing after the head 5 → slot 1
    assertArrayEquals(new int[] {1}, ring.slotsIn(Duration.ofMillis(40), 80).toArray());
    // 4 periods at now 30 ms (period 3): periods 0 … 3, but the ring keeps only 2 … 5 → slots 2, 3
    assertArrayEquals(new int[] {2, 3}, ring.slotsIn(Duration.ofMillis(40), 30).toArray());
  }

  @Test
  @DisplayName("An empty ring has no slots in any window")
  void emptyRing() {
    assertEquals(0, new TimeRing(4, 10, "periods").slotsIn(Duration.ofMillis(40), 0).count());
  }

  @Test
  @DisplayName("A window is measured in whole periods")
  void periodsIn() {
    TimeRing ring = new TimeRing(60, 60_000, "minutes");
    assertEquals(1, ring.periodsIn(Duration.ofMinutes(1)));
    assertEquals(60, ring.periodsIn(Duration.ofHours(1)));
  }
}
