package dev.recstream.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.metrics.Attribution.Credit;
import dev.recstream.metrics.Attribution.ServedList;
import dev.recstream.metrics.Attribution.Source;
import dev.recstream.metrics.Attribution.Tally;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AttributionTest {
  private static final Source A = Source.of("m1");
  private static final Source B = Source.of("m2");
  private static final long MINUTE = 60_000;

  private final Attribution attribution = new Attribution(Duration.ofMinutes(30), 100);

  private void serve(String recId, String user, Source source, boolean pushed, long at, String... items) {
    attribution.served(new ServedList(recId, user, List.of(items), source, pushed, at));
  }

  @Test
  @DisplayName("without a recId, an item event is a hit for the newest list of the window that holds its item")
  void windowRuleCreditsTheNewestListHoldingTheItem() {
    serve("r1", "u", A, false, 0, "a", "b");
    serve("r2", "u", B, true, MINUTE, "c", "d");
    Credit credit = attribution.event("u", "b", "click", null, null, 2 * MINUTE);
    assertTrue(credit.hit());
    assertEquals(A, credit.source(), "r1 holds b, r2 does not");
    assertTrue(credit.newClick());
    Tally a = attribution.tallies().get(A);
    assertEquals(1, a.evaluated);
    assertEquals(1, a.hits);
    assertEquals(1, a.clickedLists);
    assertEquals(0, attribution.tallies().get(B).evaluated);
  }

  @Test
  @DisplayName("a miss counts against the newest list of the window")
  void aMissIsJudgedByTheNewestList() {
    serve("r1", "u", A, false, 0, "a");
    serve("r2", "u", B, true, MINUTE, "c");
    Credit credit = attribution.event("u", "z", "view", null, null, 2 * MINUTE);
    assertFalse(credit.hit());
    assertEquals(B, credit.source());
    assertEquals(1, attribution.tallies().get(B).evaluated);
    assertEquals(0, attribution.tallies().get(B).hits);
  }

  @Test
  @DisplayName("lists older than the window earn nothing, and an event with nothing in the window is not evaluated")
  void theWindowBoundsCredit() {
    serve("r1", "u", A, false, 0, "a");
    assertTrue(attribution.event("u", "a", "click", null, null, 30 * MINUTE).hit(), "exactly 30 minutes: still inside");
    assertFalse(attribution.event("u", "a", "click", null, null, 30 * MINUTE + 1).evaluated(), "one ms later: outside");
    assertEquals(1, attribution.tallies().get(A).evaluated);
  }

  @Test
  @DisplayName("a recId credits the list it names, even outside the window and when a newer list holds the item too")
  void recIdNamesTheList() {
    serve("r1", "u", A, false, 0, "a", "b");
    serve("r2", "u", B, true, 40 * MINUTE, "a");
    Credit credit = attribution.event("u", "a", "click", "r1", null, 41 * MINUTE);
    assertTrue(credit.hit());
    assertEquals(A, credit.source());
    assertEquals(1, attribution.tallies().get(A).byRecId);
    assertEquals(0, attribution.tallies().get(B).evaluated);
  }

  @Test
  @DisplayName("an unknown recId falls back to the window rule and is counted as unknown")
  void unknownRecIdFallsBack() {
    serve("r1", "u", A, false, 0, "a");
    Credit credit = attribution.event("u", "a", "click", "nope", null, MINUTE);
    assertTrue(credit.hit());
    Tally a = attribution.tallies().get(A);
    assertEquals(1, a.unknownRecIds);
    assertEquals(0, a.byRecId);
  }

  @Test
  @DisplayName("another user's recId is unknown to this user")
  void recIdsArePerUser() {
    serve("r1", "u", A, false, 0, "a");
    serve("r2", "v", B, false, 0, "a");
    assertEquals(A, attribution.event("u", "a", "click", "r2", null, MINUTE).source());
    assertEquals(1, attribution.tallies().get(A).unknownRecIds);
  }

  @Test
  @DisplayName("a list is clicked and converted once however many events it earns; every purchase adds its value")
  void clicksAndConversionsCountOncePerList() {
    serve("r1", "u", A, false, 0, "a", "b");
    attribution.event("u", "a", "view", "r1", null, 1);
    attribution.event("u", "a", "click", "r1", null, 2);
    attribution.event("u", "a", "add_to_cart", "r1", null, 3);
    attribution.event("u", "a", "purchase", "r1", 19.5, 4);
    Credit second = attribution.event("u", "b", "purchase", null, 5.25, 5);
    attribution.event("u", "b", "purchase", null, null, 6);
    assertFalse(second.newConversion());
    assertEquals(5.25, second.revenue());
    Tally a = attribution.tallies().get(A);
    assertEquals(6, a.evaluated);
    assertEquals(6, a.hits);
    assertEquals(1, a.clickedLists);
    assertEquals(1, a.convertedLists);
    assertEquals(3, a.purchases);
    assertEquals(24.75, a.revenue, 1e-12); // 19.5 + 5.25 + nothing for the purchase without value
    assertEquals(1, a.impressions());
  }

  @Test
  @DisplayName("searches and users never served a list are not evaluated")
  void searchesAndUnservedUsers() {
    serve("r1", "u", A, false, 0, "a");
    assertSame(Credit.NONE, attribution.event("u", null, "search", null, null, 1));
    assertSame(Credit.NONE, attribution.event("stranger", "a", "click", null, null, 1));
    assertEquals(0, attribution.tallies().get(A).evaluated);
  }

  @Test
  @DisplayName("a user keeps the newest 8 lists; a recId of an older one is unknown")
  void listsPerUserAreBounded() {
    for (int i = 1; i <= Attribution.LISTS_PER_USER + 1; i++) {
      serve("r" + i, "u", A, true, i, "item" + i);
    }
    Credit credit = attribution.event("u", "item1", "click", "r1", null, 100);
    assertFalse(credit.hit(), "r1 was dropped, and no kept list holds item1");
    assertEquals(1, attribution.tallies().get(A).unknownRecIds);
    assertTrue(attribution.event("u", "item2", "click", "r2", null, 100).hit());
    assertEquals(9, attribution.tallies().get(A).pushed);
  }

  @Test
  @DisplayName("forgetting a user drops their lists but not the totals")
  void forget() {
    serve("r1", "u", A, false, 0, "a");
    attribution.event("u", "a", "click", null, null, 1);
    attribution.forget("u");
    assertSame(Credit.NONE, attribution.event("u", "a", "click", "r1", null, 2));
    assertEquals(1, attribution.tallies().get(A).hits);
  }
}
