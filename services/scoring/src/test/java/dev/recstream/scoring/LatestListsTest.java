package dev.recstream.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.shared.bus.ScoredItem;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LatestLists keeps a user's list only while it is current")
class LatestListsTest {
  private final LatestLists lists = new LatestLists(1_000);

  private static LatestLists.Ranked ranked(String trigger, String model, int depth, int items) {
    List<ScoredItem> ranked = java.util.stream.IntStream.range(0, items).mapToObj(i -> new ScoredItem("i" + i, 1.0 / (i + 1))).toList();
    return new LatestLists.Ranked(trigger, ranked, depth, Set.of("bought"), model, 0, Instant.EPOCH);
  }

  @Test
  @DisplayName("the list of the user's newest event is served")
  void newestEventsList() {
    lists.stored("u", "e1");
    lists.computed("u", ranked("e1", "m", 20, 20));
    assertEquals("e1", lists.current("u", "m", 0, list -> 20).orElseThrow().triggerEventId());
  }

  @Test
  @DisplayName("a newer stored event makes the old list out of date until its own list arrives")
  void newerEventInvalidates() {
    lists.stored("u", "e1");
    lists.computed("u", ranked("e1", "m", 20, 20));
    lists.stored("u", "e2");
    assertTrue(lists.current("u", "m", 0, list -> 20).isEmpty());
    lists.computed("u", ranked("e2", "m", 20, 20));
    assertEquals("e2", lists.current("u", "m", 0, list -> 20).orElseThrow().triggerEventId());
  }

  @Test
  @DisplayName("a late list of an older event never replaces the newer pending one")
  void lateListIgnored() {
    lists.stored("u", "e1");
    lists.stored("u", "e2");
    lists.computed("u", ranked("e1", "m", 20, 20));
    assertTrue(lists.current("u", "m", 0, list -> 20).isEmpty());
  }

  @Test
  @DisplayName("a list computed for a user this node never heard of is not kept (another node owns the newest)")
  void unknownUserNotCached() {
    lists.computed("u", ranked("e1", "m", 20, 20));
    assertTrue(lists.current("u", "m", 0, list -> 20).isEmpty());
  }

  @Test
  @DisplayName("a list of another model, or not deep enough, is not served")
  void modelAndDepth() {
    lists.stored("u", "e1");
    lists.computed("u", ranked("e1", "m", 20, 20));
    assertTrue(lists.current("u", "other", 0, list -> 20).isEmpty());
    assertTrue(lists.current("u", "m", 0, list -> 21).isEmpty());
  }

  @Test
  @DisplayName("a list shorter than asked of the model is complete at any depth: the model had no more")
  void shortListIsComplete() {
    lists.stored("u", "e1");
    lists.computed("u", ranked("e1", "m", 20, 3));
    assertEquals(3, lists.current("u", "m", 0, list -> 200).orElseThrow().ranked().size());
  }

  @Test
  @DisplayName("a short list stops being complete once the model knows more items than when it ranked it")
  void shortListOfLearningModel() {
    lists.stored("u", "e1");
    List<ScoredItem> none = List.of();
    lists.computed("u", new LatestLists.Ranked("e1", none, 20, Set.of(), "m", 5, Instant.EPOCH));
    assertEquals(0, lists.current("u", "m", 5, list -> 20).orElseThrow().ranked().size(), "nothing new learned: still complete");
    assertTrue(lists.current("u", "m", 6, list -> 20).isEmpty(), "an item learned since: the model may have more to give");
    lists.stored("u", "e2");
    lists.computed("u", new LatestLists.Ranked("e2", ranked("e2", "m", 20, 20).ranked(), 20, Set.of(), "m", 5, Instant.EPOCH));
    assertEquals("e2", lists.current("u", "m", 9, list -> 20).orElseThrow().triggerEventId(),
        "a full list is served however much the model learned since");
  }

  @Test
  @DisplayName("an erased user's list is gone")
  void forget() {
    lists.stored("u", "e1");
    lists.computed("u", ranked("e1", "m", 20, 20));
    lists.forget("u");
    assertTrue(lists.current("u", "m", 0, list -> 20).isEmpty());
  }

  @Test
  @DisplayName("after an import no list is current, and a list of an event stored before it is not kept either")
  void forgetAll() {
    lists.stored("u", "e1");
    lists.computed("u", ranked("e1", "m", 20, 20));
    lists.stored("v", "e2");
    lists.forgetAll();
    lists.computed("v", ranked("e2", "m", 20, 20));
    assertTrue(lists.current("u", "m", 0, list -> 20).isEmpty());
    assertTrue(lists.current("v", "m", 0, list -> 20).isEmpty());
  }

  @Test
  @DisplayName("is bounded: past the limit the least recently used users are evicted")
  void bounded() {
    LatestLists small = new LatestLists(100);
    for (int u = 0; u < 1_000; u++) {
      small.stored("u" + u, "e");
    }
    assertTrue(small.size() <= 100, "size " + small.size());
  }
}
