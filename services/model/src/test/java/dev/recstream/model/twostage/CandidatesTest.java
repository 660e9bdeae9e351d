package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Candidates proposes the union of the generators' lists for one user at a time")
class CandidatesTest {
  private static final int ABSENT = Candidates.ABSENT_RANK;
  private static final int NUM_ITEMS = ChainData.NUM_ITEMS;

  static Stream<Arguments> histories() {
    return Stream.of(
        arguments("a short chain", new int[] {5, 6, 7}),
        arguments("a chain longer than RECENT", IntStream.rangeClosed(7, 19).toArray()),
        arguments("a history with a repeated item", new int[] {30, 8, 30}),
        arguments("a single item at the end of the catalog", new int[] {60}),
        arguments("the most recently popular items", IntStream.rangeClosed(6, 25).toArray()));
  }

  private static int[] candidateItems(Candidates c) {
    return IntStream.range(0, c.size()).map(c::item).toArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  @DisplayName("no history item is ever a candidate")
  void historyItemsAreNeverCandidates(String description, int[] history) {
    Candidates c = ChainData.candidates();
    c.generate(history);
    assertTrue(c.size() > 0);
    for (int item : history) {
      assertTrue(c.excluded(item), "history item " + item + " is excluded");
      assertFalse(c.contains(item), "history item " + item + " is no candidate");
    }
    Set<Integer> inHistory = new HashSet<>();
    for (int item : history) {
      inHistory.add(item);
    }
    for (int item : candidateItems(c)) {
      assertFalse(inHistory.contains(item), "candidate " + item + " is in the history");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  @DisplayName("contains, size and item describe the same distinct set")
  void containsSizeAndItemAgree(String description, int[] history) {
    Candidates c = ChainData.candidates();
    c.generate(history);
    int[] items = candidateItems(c);
    assertEquals(items.length, IntStream.of(items).distinct().count(), "items are distinct");
    for (int item : items) {
      assertTrue(c.contains(item), "item " + item);
      assertTrue(c.sources[item] >= 1, "item " + item + " has a source");
    }
    long contained = IntStream.rangeClosed(1, NUM_ITEMS).filter(c::contains).count();
    assertEquals(c.size(), contained);
    for (int item = 1; item <= NUM_ITEMS; item++) {
      if (!c.contains(item)) {
        assertEquals(0, c.sources[item], "non-candidate " + item + " has no source");
      }
    }
  }

  @Test
  @DisplayName("the item that always follows the last item is a candidate, first in the transitions list")
  void followerOfTheLastItemLeadsTheTransitions() {
    Candidates c = ChainData.candidates();
    c.generate(new int[] {5, 6, 7});
    assertTrue(c.contains(8));
    assertEquals(0, c.rankTransitions[8]);
    // T[7][8] = 15 with weight 1; the transitions out of 6 and 5 lead into the history
    assertEquals(15f, c.transitions.get(8), 0f);
    for (int item = 1; item <= NUM_ITEMS; item++) {
      if (item != 8) {
        assertEquals(ABSENT, c.rankTransitions[item], "item " + item + " is not in the transitions list");
      }
    }
  }

  @Test
  @DisplayName("an empty history still yields the POPULAR_N most recently popular items, and nothing else")
  void emptyHistoryYieldsRecentPopular() {
    Candidates c = ChainData.candidates();
    c.generate(new int[0]);
    assertEquals(Candidates.POPULAR_N, c.size());
    // last-3 counts tie at 9 for items 6..58, so the lower indices win
    assertArrayEquals(IntStream.rangeClosed(6, 25).toArray(), candidateItems(c));
    for (int item = 6; item <= 25; item++) {
      assertEquals(1, c.sources[item], "item " + item);
      assertEquals(ABSENT, c.rankCooc[item]);
      assertEquals(ABSENT, c.rankTransitions[item]);
      assertEquals(ABSENT, c.rankEmbeddingLast[item]);
    }
    assertNull(c.lastVector);
    assertNull(c.meanVector);
  }

  @Test
  @DisplayName("recently popular items in the history are skipped and the next ones fill their places")
  void recentPopularSkipsHistory() {
    Candidates c = ChainData.candidates();
    c.generate(new int[] {6, 7, 8});
    for (int item = 9; item <= 28; item++) {
      assertTrue(c.contains(item), "item " + item);
    }
  }

  static Stream<Arguments> userPairs() {
    int[] chain = {5, 6, 7};
    int[] elsewhere = {40, 41, 42};
    int[] longChain = IntStream.rangeClosed(10, 20).toArray();
    return Stream.of(
        arguments("a chain, then items elsewhere", chain, elsewhere),
        arguments("items elsewhere, then a chain", elsewhere, chain),
        arguments("a chain, then an empty history", chain, new int[0]),
        arguments("an empty history, then a chain", new int[0], chain),
        arguments("a long chain, then one of its items", longChain, new int[] {12}),
        arguments("the same history twice", chain, chain));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userPairs")
  @DisplayName("a second user's candidates, ranks, sources and scores carry nothing over from the first")
  void secondUserSeesNoLeftovers(String description, int[] first, int[] second) {
    Candidates reused = ChainData.candidates();
    reused.generate(first);
    reused.generate(second);
    Candidates fresh = ChainData.candidates();
    fresh.generate(second);

    assertArrayEquals(candidateItems(fresh), candidateItems(reused));
    List<Executable> checks = new ArrayList<>();
    for (int item = 1; item <= NUM_ITEMS; item++) {
      int i = item;
      String what = "item " + i;
      checks.add(() -> assertEquals(fresh.contains(i), reused.contains(i), what + " contains"));
      checks.add(() -> assertEquals(fresh.excluded(i), reused.excluded(i), what + " excluded"));
      checks.add(() -> assertEquals(fresh.sources[i], reused.sources[i], what + " sources"));
      checks.add(() -> assertEquals(fresh.rankCooc[i], reused.rankCooc[i], what + " rankCooc"));
      checks.add(() -> assertEquals(fresh.rankTransitions[i], reused.rankTransitions[i], what + " rankTransitions"));
      checks.add(() -> assertEquals(fresh.rankUserCooc[i], reused.rankUserCooc[i], what + " rankUserCooc"));
      checks.add(() -> assertEquals(fresh.rankEmbeddingLast[i], reused.rankEmbeddingLast[i], what + " rankEmbeddingLast"));
      checks.add(() -> assertEquals(fresh.rankEmbeddingMean[i], reused.rankEmbeddingMean[i], what + " rankEmbeddingMean"));
      checks.add(() -> assertEquals(fresh.cooc.get(i), reused.cooc.get(i), what + " cooc score"));
      checks.add(() -> assertEquals(fresh.transitions.get(i), reused.transitions.get(i), what + " transitions score"));
      checks.add(() -> assertEquals(fresh.userCooc.get(i), reused.userCooc.get(i), what + " user cooc score"));
    }
    checks.add(() -> assertArrayEquals(fresh.lastVector, reused.lastVector, "last vector"));
    checks.add(() -> assertArrayEquals(fresh.meanVector, reused.meanVector, "mean vector"));
    assertAll(checks);
  }
}
