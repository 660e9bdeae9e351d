package dev.recstream.model.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("StreamingCooccurrenceRecommender learns from the stream and ranks items")
class StreamingCooccurrenceRecommenderTest {

  private StreamingCooccurrenceRecommender model;
  private int events;

  @BeforeEach
  void newModel() {
    model = new StreamingCooccurrenceRecommender();
    events = 0;
  }

  /** Feeds one user's items in the order they were seen, as the store would publish them. */
  private void learnSequence(String user, String... items) {
    List<String> newestFirst = new ArrayList<>();
    for (String item : items) {
      newestFirst.add(0, item);
      model.learn(update(user, item, newestFirst));
    }
  }

  /** Feeds {@code times} one-item sequences of {@code item}, each by a different user. */
  private void learnAlone(String item, int times) {
    for (int i = 0; i < times; i++) {
      learnSequence("solo-" + item + "-" + i, item);
    }
  }

  private SequenceUpdate update(String user, String itemId, List<String> recentNewestFirst) {
    events++;
    return new SequenceUpdate(user, "e" + events, itemId, itemId == null ? "search" : "view",
        recentNewestFirst, events);
  }

  private static List<String> ids(List<ScoredItem> items) {
    return items.stream().map(ScoredItem::itemId).toList();
  }

  private static void assertBestFirst(List<ScoredItem> items) {
    for (int i = 1; i < items.size(); i++) {
      assertTrue(items.get(i - 1).score() >= items.get(i).score(),
          () -> "not best-first: " + items);
    }
  }

  @Nested
  @DisplayName("for a user with a history")
  class Personal {

    @Test
    @DisplayName("an item that always follows X ranks first for a user whose last item is X")
    void followerOfLastItemRanksFirst() {
      for (int u = 0; u < 5; u++) {
        learnSequence("u" + u, "x", "y");
      }
      // Busier items elsewhere in the catalog must not outrank the learned transition.
      for (int u = 0; u < 20; u++) {
        learnSequence("other" + u, "p", "q", "r");
      }

      List<ScoredItem> top = model.recommend(List.of("x"), 3);

      assertEquals("y", top.get(0).itemId(), () -> "got " + top);
    }

    @Test
    @DisplayName("never recommends the user's recent items")
    void recentItemsAreNeverRecommended() {
      learnSequence("u1", "a", "b", "c", "d");
      learnSequence("u2", "b", "c", "e");
      learnSequence("u3", "c", "a", "f");
      List<String> recent = List.of("c", "b", "a");

      List<ScoredItem> top = model.recommend(recent, 10);

      assertFalse(top.isEmpty());
      for (String seen : recent) {
        assertFalse(ids(top).contains(seen), () -> seen + " recommended in " + top);
      }
    }

    @Test
    @DisplayName("fills a short list with popular items up to k, scored below every personal candidate")
    void shortListIsFilledWithPopularItems() {
      learnSequence("u1", "x", "y");
      learnSequence("u2", "x", "z");
      learnAlone("p1", 30);
      learnAlone("p2", 20);
      learnAlone("p3", 10);

      List<ScoredItem> top = model.recommend(List.of("x"), 5);

      assertEquals(5, top.size(), () -> "got " + top);
      assertEquals(Set.of("y", "z"), Set.copyOf(ids(top.subList(0, 2))));
      assertEquals(List.of("p1", "p2", "p3"), ids(top.subList(2, 5)), "fillers keep the popularity order");
      double lowestPersonal = top.get(1).score();
      top.subList(2, 5).forEach(filler -> assertTrue(filler.score() < lowestPersonal,
          () -> filler + " does not score below the personal candidates in " + top));
    }

    @Test
    @DisplayName("returns the whole catalog minus the seen items when k is larger than the catalog")
    void largeKReturnsCatalogMinusSeen() {
      learnSequence("u1", "a", "b", "c");
      learnSequence("u2", "d", "e");
      learnSequence("u3", "b", "d");

      List<ScoredItem> top = model.recommend(List.of("b", "a"), 100);

      assertEquals(Set.of("c", "d", "e"), Set.copyOf(ids(top)));
      assertEquals(3, top.size(), () -> "duplicates in " + top);
    }
  }

  @Nested
  @DisplayName("for a cold user")
  class Cold {

    @Test
    @DisplayName("an empty history gets the popularity order")
    void emptyHistoryGetsPopularityOrder() {
      learnAlone("b", 2);
      learnAlone("a", 3);
      learnAlone("c", 1);

      List<ScoredItem> top = model.recommend(List.of(), 3);

      assertEquals(List.of("a", "b", "c"), ids(top));
      assertEquals(top, model.popular(3, Set.of()));
    }

    @Test
    @DisplayName("an item popular long ago ranks below one popular recently")
    void popularityDecays() {
      int oldEvents = 300;
      int newEvents = 200;
      learnAlone("old", oldEvents);
      // Two half-lives of traffic spread thinly over many items, so none of them competes.
      int gap = (int) (2 * StreamingCooccurrenceRecommender.POPULARITY_HALF_LIFE);
      for (int i = 0; i < gap; i++) {
        learnSequence("filler-user", "filler-" + (i % 10_000));
      }
      learnAlone("new", newEvents);

      List<ScoredItem> top = model.recommend(List.of(), 2);

      assertTrue(oldEvents > newEvents, "without decay the old item would win");
      assertEquals(List.of("new", "old"), ids(top), () -> "got " + top);
    }
  }

  @Nested
  @DisplayName("scores")
  class Scores {

    @Test
    @DisplayName("come best first and the best is 1.0, for personal and popular lists alike")
    void bestFirstAndNormalised() {
      learnSequence("u1", "a", "b", "c", "d", "e");
      learnSequence("u2", "a", "c", "e");
      learnSequence("u3", "b", "c", "f", "g");
      learnAlone("h", 4);

      List<ScoredItem> personal = model.recommend(List.of("c", "a"), 6);
      List<ScoredItem> cold = model.recommend(List.of(), 6);

      for (List<ScoredItem> list : List.of(personal, cold)) {
        assertEquals(6, list.size(), () -> "got " + list);
        assertBestFirst(list);
        assertEquals(1.0, list.get(0).score(), 1e-12, () -> "got " + list);
      }
    }

    @Test
    @DisplayName("equal scores are ordered by item id, whatever the learning order")
    void tiesInRecommendationsAreBrokenById() {
      learnSequence("u1", "x", "z");
      learnSequence("u2", "x", "y");

      List<ScoredItem> top = model.recommend(List.of("x"), 2);

      assertEquals(List.of("y", "z"), ids(top));
      assertEquals(top.get(0).score(), top.get(1).score(), 1e-12);
    }
  }

  @Nested
  @DisplayName("learning")
  class Learning {

    @Test
    @DisplayName("searches (no item) teach nothing")
    void searchesTeachNothing() {
      model.learn(update("u1", null, List.of("a", "b")));
      model.learn(update("u2", null, List.of()));

      assertEquals(List.of(), model.recommend(List.of(), 5));
      assertEquals(List.of(), model.recommend(List.of("a"), 5));
      assertEquals(List.of(), model.popular(5, Set.of()));
    }

    @Test
    @DisplayName("a late event whose item is not the newest teaches nothing")
    void lateEventsTeachNothing() {
      model.learn(update("u1", "late", List.of("a", "late")));

      assertEquals(List.of(), model.recommend(List.of(), 5));
    }

    @Test
    @DisplayName("pruning bounds an item's neighbours yet keeps the strongest one")
    void neighbourPruningKeepsTheStrongest() {
      int max = StreamingCooccurrenceRecommender.MAX_NEIGHBOURS;
      for (int u = 0; u < 5; u++) {
        learnSequence("fan" + u, "strong", "hub");
      }
      int neighbours = 3 * max;
      for (int i = 0; i < neighbours; i++) {
        learnSequence("visitor" + i, String.format("n%04d", i), "hub");
      }

      List<ScoredItem> top = model.recommend(List.of("hub"), neighbours + 1);

      assertEquals("strong", top.get(0).itemId(), () -> "got " + top.subList(0, 5));
      // Every surviving neighbour scores the same; popular fillers score at most half of that.
      double neighbourScore = top.get(1).score();
      long personal = top.stream().filter(s -> s.score() > 0.75 * neighbourScore).count();
      assertTrue(personal - 1 <= 2L * max,
          () -> personal + " personal candidates; pruning should keep at most " + 2 * max);
      assertTrue(personal - 1 < neighbours, "some neighbours must have been pruned");
    }
  }

  @Nested
  @DisplayName("reasons")
  class Reasons {

    private static List<String> reasons(List<ScoredItem> items) {
      return items.stream().map(ScoredItem::reason).toList();
    }

    @Test
    @DisplayName("each personal item names the recent item it follows; fillers are 'popular now'")
    void personalItemsNameTheirRecentItem() {
      learnSequence("u1", "x", "y");
      learnSequence("u2", "w", "z");
      learnAlone("p", 10);

      List<ScoredItem> top = model.recommend(List.of("x", "w"), 3);

      assertEquals(List.of("y", "z", "p"), ids(top));
      assertEquals(List.of("often seen with x", "often seen with w", "popular now"), reasons(top));
    }

    @Test
    @DisplayName("learned from views only, no reason claims a purchase, and each personal one names the item it follows")
    void viewsOnlyNeverClaimPurchases() {
      // Every update the helper feeds is a "view": the stream holds no cart and no purchase.
      for (int u = 0; u < 5; u++) {
        learnSequence("viewer" + u, "shoe", "sock", "lace");
      }
      learnAlone("hat", 8);

      List<ScoredItem> top = model.recommend(List.of("shoe"), 3);
      List<ScoredItem> cold = model.recommend(List.of(), 3);

      assertEquals(List.of("sock", "lace", "hat"), ids(top));
      assertEquals(List.of("often seen with shoe", "often seen with shoe", "popular now"), reasons(top));
      for (ScoredItem item : Stream.concat(top.stream(), cold.stream()).toList()) {
        String reason = item.reason().toLowerCase(Locale.ROOT);
        assertFalse(reason.contains("bought") || reason.contains("buy") || reason.contains("purchase"),
            () -> "a reason claims a purchase the data does not hold: " + item);
      }
    }

    @Test
    @DisplayName("the strongest contributor is named, not simply the newest recent item")
    void strongestContributorIsNamed() {
      for (int u = 0; u < 10; u++) {
        learnSequence("b-fan" + u, "b", "c");
      }
      learnSequence("a-fan", "a", "c");
      learnAlone("a", 20); // a is common, so its single link to c is weak

      List<ScoredItem> top = model.recommend(List.of("a", "b"), 1);

      assertEquals("c", top.get(0).itemId());
      assertEquals("often seen with b", top.get(0).reason());
    }

    @Test
    @DisplayName("a cold user's list and the popular list are all 'popular now'")
    void coldUserGetsPopularReasons() {
      learnAlone("a", 3);
      learnAlone("b", 2);

      List<ScoredItem> cold = model.recommend(List.of(), 2);

      assertEquals(List.of("popular now", "popular now"), reasons(cold));
      assertEquals(List.of("popular now", "popular now"), reasons(model.popular(2, Set.of())));
    }

    @Test
    @DisplayName("reasons leave scores and order as they were")
    void reasonsDoNotChangeScores() {
      learnSequence("u1", "a", "b", "c", "d");
      learnSequence("u2", "a", "c", "e");

      List<ScoredItem> top = model.recommend(List.of("c", "a"), 5);
      Map<String, Double> raw = model.candidateScores(List.of("c", "a"));

      assertBestFirst(top);
      double max = raw.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      for (ScoredItem item : top) {
        if (raw.containsKey(item.itemId())) {
          assertEquals(raw.get(item.itemId()) / max, item.score(), 1e-12);
          assertTrue(item.reason().startsWith("often seen with "), () -> "got " + item);
        }
      }
    }
  }

  @Nested
  @DisplayName("topK")
  class TopK {

    static Stream<Arguments> cases() {
      return Stream.of(
          Arguments.of("ties are broken by item id", scores("c", 1.0, "a", 1.0, "b", 1.0), 2, List.of("a", "b")),
          Arguments.of("higher scores come first", scores("a", 1.0, "b", 3.0, "c", 2.0), 3, List.of("b", "c", "a")),
          Arguments.of("ties below a winner still go by id", scores("z", 5.0, "m", 2.0, "k", 2.0), 3, List.of("z", "k", "m")),
          Arguments.of("k larger than the map returns all", scores("a", 1.0), 5, List.of("a")),
          Arguments.of("an empty map returns nothing", scores(), 3, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("returns the k highest, best first")
    void topK(String description, Map<String, Double> scores, int k, List<String> expected) {
      assertEquals(expected, ids(StreamingCooccurrenceRecommender.topK(scores, k)));
    }

    @Test
    @DisplayName("picks the same items whatever the map's iteration order")
    void independentOfIterationOrder() {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        keys.add(String.format("i%02d", i));
      }
      Set<List<String>> results = new HashSet<>();
      for (long seed = 0; seed < 10; seed++) {
        Collections.shuffle(keys, new java.util.Random(seed));
        Map<String, Double> scores = new LinkedHashMap<>();
        keys.forEach(k -> scores.put(k, k.compareTo("i25") < 0 ? 1.0 : 2.0));
        results.add(ids(StreamingCooccurrenceRecommender.topK(scores, 3)));
      }
      assertEquals(Set.of(List.of("i25", "i26", "i27")), results);
    }

    private static Map<String, Double> scores(Object... pairs) {
      Map<String, Double> map = new LinkedHashMap<>();
      for (int i = 0; i < pairs.length; i += 2) {
        map.put((String) pairs[i], (Double) pairs[i + 1]);
      }
      return map;
    }
  }
}
