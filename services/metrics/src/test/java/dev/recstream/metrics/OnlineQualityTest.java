package dev.recstream.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineQualityTest {

  @Test
  void anEventIsAHitWhenItsItemWasInTheUsersLastServedList() {
    OnlineQuality q = new OnlineQuality(100, 1000);
    q.served("u", List.of("a", "b"), "m1");
    q.event("u", "b"); // hit
    q.event("u", "c"); // miss
    q.served("u", List.of("c"), "m2");
    q.event("u", "c"); // hit, credited to m2

    assertEquals(3, q.evaluated());
    assertEquals(2, q.hits());
    assertEquals(2.0 / 3, q.hitRate(), 1e-12);
    assertEquals(0.5, q.byModel().get("m1").hitRate(), 1e-12);
    assertEquals(1.0, q.byModel().get("m2").hitRate(), 1e-12);
    assertEquals("m2", q.lastModel());
  }

  @Test
  void eventsBeforeAnyListAndSearchesAreNotEvaluated() {
    OnlineQuality q = new OnlineQuality(100, 1000);
    q.event("u", "a");
    q.served("u", List.of("a"), "m");
    q.event("u", null);
    assertEquals(0, q.evaluated());
    assertEquals(0, q.hitRate());
  }

  @Test
  void coverageIsDistinctRecommendedOverDistinctSeen() {
    OnlineQuality q = new OnlineQuality(100, 1000);
    assertEquals(0, q.coverage());
    q.served("u", List.of("a", "b"), "m");
    q.served("v", List.of("b"), "m");
    for (String item : List.of("a", "b", "c", "d", "a")) {
      q.event("w", item);
    }
    assertEquals(0.5, q.coverage(), 1e-12);
  }

  @Test
  void memoryIsBoundedAndAForgottenUserIsNotEvaluated() {
    OnlineQuality q = new OnlineQuality(2, 1000);
    q.served("u1", List.of("a"), "m");
    q.served("u2", List.of("a"), "m");
    q.served("u3", List.of("a"), "m"); // u1, the least recently active, is dropped
    q.event("u1", "a");
    q.forget("u2");
    q.event("u2", "a");
    q.event("u3", "a");
    assertEquals(1, q.evaluated());
    assertEquals(1, q.hits());
  }

  @Test
  void beforeAnyListThereIsNoModel() {
    assertNull(new OnlineQuality(1, 1).lastModel());
  }
}
