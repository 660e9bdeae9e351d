package dev.recstream.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.shared.bus.ScoredItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("BusinessRules filters a ranked list")
class BusinessRulesTest {
  private ItemCatalog catalog;

  @BeforeEach
  void newCatalog() {
    catalog = new ItemCatalog();
  }

  /** Items named by id, scores falling from 1 in list order, each with a reason naming its rank. */
  private static List<ScoredItem> ranked(String... ids) {
    List<ScoredItem> items = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      items.add(new ScoredItem(ids[i], 1.0 - 0.01 * i, "reason " + i));
    }
    return items;
  }

  private static List<String> ids(List<ScoredItem> items) {
    return items.stream().map(ScoredItem::itemId).toList();
  }

  @Nested
  @DisplayName("each rule")
  class EachRule {

    @Test
    @DisplayName("excluded (purchased) items are dropped")
    void excludedDropped() {
      BusinessRules rules = new BusinessRules(catalog, 0);

      assertEquals(List.of("a", "c"), ids(rules.apply(ranked("a", "b", "c", "d"), Set.of("b", "d", "zz"), 10)));
    }

    @Test
    @DisplayName("unavailable items are dropped; unknown and available ones stay")
    void unavailableDropped() {
      catalog.put("b", "shoes", false);
      catalog.put("c", "shoes", true);
      BusinessRules rules = new BusinessRules(catalog, 0);

      assertEquals(List.of("a", "c"), ids(rules.apply(ranked("a", "b", "c"), Set.of(), 10)));
    }

    @Test
    @DisplayName("a category keeps only its best cap items; uncategorised items are never capped")
    void categoryCap() {
      catalog.put("s1", "shoes", true);
      catalog.put("s2", "shoes", true);
      catalog.put("s3", "shoes", true);
      catalog.put("h1", "hats", true);
      catalog.put("n1", null, true);
      BusinessRules rules = new BusinessRules(catalog, 2);

      List<ScoredItem> out = rules.apply(ranked("s1", "x", "s2", "s3", "h1", "n1", "y"), Set.of(), 10);

      assertEquals(List.of("s1", "x", "s2", "h1", "n1", "y"), ids(out));
    }

    @Test
    @DisplayName("cap 0 means no cap")
    void capZeroIsNoCap() {
      catalog.put("s1", "shoes", true);
      catalog.put("s2", "shoes", true);
      catalog.put("s3", "shoes", true);
      BusinessRules rules = new BusinessRules(catalog, 0);

      assertEquals(List.of("s1", "s2", "s3"), ids(rules.apply(ranked("s1", "s2", "s3"), Set.of(), 10)));
    }

    @Test
    @DisplayName("a negative cap is refused")
    void negativeCapRefused() {
      assertThrows(IllegalArgumentException.class, () -> new BusinessRules(catalog, -1));
    }
  }

  @Nested
  @DisplayName("together")
  class Combinations {

    @Test
    @DisplayName("excluded and unavailable items do not use up a category's places")
    void droppedItemsDoNotCountTowardsTheCap() {
      catalog.put("s1", "shoes", true);
      catalog.put("s2", "shoes", false);
      catalog.put("s3", "shoes", true);
      catalog.put("s4", "shoes", true);
      BusinessRules rules = new BusinessRules(catalog, 1);

      assertEquals(List.of("s3"), ids(rules.apply(ranked("s1", "s2", "s3", "s4"), Set.of("s1"), 10)));
    }

    @Test
    @DisplayName("all three rules at once, then k")
    void allRulesThenK() {
      catalog.put("a", "c1", true);
      catalog.put("b", "c1", true);
      catalog.put("c", "c1", true);
      catalog.put("d", "c2", false);
      catalog.put("e", "c2", true);
      BusinessRules rules = new BusinessRules(catalog, 2);

      List<ScoredItem> out = rules.apply(ranked("p", "a", "b", "c", "d", "e", "f", "g"), Set.of("p"), 4);

      assertEquals(List.of("a", "b", "e", "f"), ids(out));
    }

    @Test
    @DisplayName("items keep their order, scores and reasons")
    void orderScoresAndReasonsKept() {
      catalog.put("b", null, false);
      List<ScoredItem> in = ranked("a", "b", "c", "d");

      List<ScoredItem> out = new BusinessRules(catalog, 0).apply(in, Set.of("c"), 10);

      assertEquals(List.of(in.get(0), in.get(3)), out);
      assertEquals("reason 3", out.get(1).reason());
    }

    @Test
    @DisplayName("a repeated item is kept once, at its first place")
    void repeatsKeptOnce() {
      assertEquals(List.of("a", "b"), ids(new BusinessRules(catalog, 0).apply(ranked("a", "b", "a"), Set.of(), 10)));
    }
  }

  @Nested
  @DisplayName("k")
  class KBounds {
    private final BusinessRules rules = new BusinessRules(new ItemCatalog(), 0);

    @ParameterizedTest(name = "k = {0} returns {1} of 5")
    @CsvSource({"0, 0", "-1, 0", "1, 1", "3, 3", "5, 5", "100, 5"})
    void atMostK(int k, int expected) {
      List<ScoredItem> out = rules.apply(ranked("a", "b", "c", "d", "e"), Set.of(), k);

      assertEquals(expected, out.size());
      assertEquals(List.of("a", "b", "c", "d", "e").subList(0, expected), ids(out));
    }

    @Test
    @DisplayName("fewer than k survivors come back as they are, nothing invented")
    void shortListNotPadded() {
      assertEquals(List.of("b"), ids(rules.apply(ranked("a", "b"), Set.of("a"), 10)));
      assertEquals(List.of(), rules.apply(List.of(), Set.of(), 10));
      assertEquals(List.of(), rules.apply(ranked("a"), Set.of("a"), 10));
    }

    @Test
    @DisplayName("the input list is not modified")
    void inputUntouched() {
      List<ScoredItem> in = ranked("a", "b", "c");
      List<ScoredItem> before = List.copyOf(in);

      rules.apply(in, Set.of("b"), 1);

      assertEquals(before, in);
    }
  }

  @Nested
  @DisplayName("fetchDepth")
  class FetchDepth {

    @ParameterizedTest(name = "k = {0}, {1} excluded → {2}")
    @CsvSource({
        "10, 0, 20",
        "10, 7, 27",
        "1, 0, 2",
        "100, 250, 450",
        "100, 10000, 500",
        "10, 2147483647, 500",
        "0, 5, 0",
        "10, -3, 20"})
    void depth(int k, int excluded, int expected) {
      assertEquals(expected, BusinessRules.fetchDepth(k, excluded));
    }

    @Test
    @DisplayName("is never below k, and never above the bound unless k itself is")
    void bounds() {
      for (int k = 1; k <= 600; k += 7) {
        for (int excluded : new int[] {0, 1, 50, 499, 5000}) {
          int depth = BusinessRules.fetchDepth(k, excluded);
          assertTrue(depth >= k, k + "/" + excluded);
          assertTrue(depth <= Math.max(k, BusinessRules.MAX_FETCH_DEPTH), k + "/" + excluded);
        }
      }
    }

    @Test
    @DisplayName("is deep enough for every exclusion to hit the list and still leave k")
    void coversExclusions() {
      int k = 10;
      List<String> purchased = List.of("p0", "p1", "p2", "p3", "p4");
      List<String> modelList = new ArrayList<>(purchased);
      for (int i = 0; modelList.size() < BusinessRules.fetchDepth(k, purchased.size()); i++) {
        modelList.add("i" + i);
      }
      List<ScoredItem> out = new BusinessRules(new ItemCatalog(), 0)
          .apply(ranked(modelList.toArray(String[]::new)), Set.copyOf(purchased), k);

      assertEquals(k, out.size());
    }
  }
}
