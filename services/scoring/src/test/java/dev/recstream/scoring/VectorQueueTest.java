package dev.recstream.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("VectorQueue: the vector searches waiting for the search pool")
class VectorQueueTest {

  @Test
  @DisplayName("refuses a search while its limit of searches wait, and takes one again once a search starts")
  void boundedByWaiting() {
    VectorQueue queue = new VectorQueue(2);
    VectorQueue.Ticket first = queue.enter();
    VectorQueue.Ticket second = queue.enter();
    assertNotNull(first);
    assertNotNull(second);
    assertNull(queue.enter());
    assertEquals(2, queue.waiting());

    assertTrue(first.start());
    assertEquals(1, queue.waiting());
    assertNotNull(queue.enter());
    assertNull(queue.enter());
  }

  @Test
  @DisplayName("a search whose answer is no longer wanted leaves the queue without running")
  void unwantedIsSkipped() {
    VectorQueue queue = new VectorQueue(1);
    VectorQueue.Ticket ticket = queue.enter();
    ticket.unwanted();
    assertFalse(ticket.start());
    assertEquals(0, queue.waiting());
    assertNotNull(queue.enter());
  }

  @Test
  @DisplayName("a search leaves the queue once: a second start is a bug")
  void startsOnce() {
    VectorQueue queue = new VectorQueue(1);
    VectorQueue.Ticket ticket = queue.enter();
    ticket.start();
    assertThrows(IllegalStateException.class, ticket::start);
    assertEquals(0, queue.waiting());
  }

  @Test
  @DisplayName("a queue that holds nothing is refused at construction")
  void limitAtLeastOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VectorQueue(0));
    assertEquals("limit: must be 1 or more, was 0", e.getMessage());
  }
}
