package dev.recstream.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("SearchEvidence")
class SearchEvidenceTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long MINUTE = 60_000L;
  private static final long THIRTY_MINUTES = 30 * MINUTE;

  private final SearchEvidence evidence = new SearchEvidence();

  private void search(String user, String query, long at) {
    evidence.learn(user, "search", null, query, at);
  }

  private void act(String user, String type, String item, long at) {
    evidence.learn(user, type, item, null, at);
  }

  @ParameterizedTest(name = "{0} weighs {1}")
  @CsvSource({"view, 1", "click, 1", "add_to_cart, 2", "purchase, 3"})
  @DisplayName("counts a follow-up of the user's search with its type's weight, over the total plus 5")
  void oneFollowUp(String type, double weight) {
    search("u1", "lipstick", T0);
    act("u1", type, "i1", T0 + MINUTE);

    // weight / (weight + 5): view and click 1/6, add_to_cart 2/7, purchase 3/8
    assertEquals(weight / (weight + 5), evidence.evidence("lipstick", "i1"));
    assertEquals(1, evidence.queries());
  }

  @Test
  @DisplayName("shares one query's evidence over its items: weight / (total + 5)")
  void sharesOverItems() {
    search("u1", "lipstick", T0);
    act("u1", "view", "i1", T0 + 1);
    act("u1", "click", "i2", T0 + 2);
    act("u1", "add_to_cart", "i3", T0 + 3);
    act("u1", "purchase", "i4", T0 + 4);

    // total 1 + 1 + 2 + 3 = 7, denominator 7 + 5 = 12
    assertEquals(1.0 / 12, evidence.evidence("lipstick", "i1"));
    assertEquals(1.0 / 12, evidence.evidence("lipstick", "i2"));
    assertEquals(2.0 / 12, evidence.evidence("lipstick", "i3"));
    assertEquals(3.0 / 12, evidence.evidence("lipstick", "i4"));
    assertEquals(0.0, evidence.evidence("lipstick", "never-chosen"));
    assertEquals(0.0, evidence.evidence("mascara", "i1"));
    // the map form leaves out items without evidence
    assertEquals(Map.of("i1", 1.0 / 12, "i4", 3.0 / 12), evidence.evidence("lipstick", List.of("i1", "i4", "i9")));
    assertEquals(Map.of(), evidence.evidence("mascara", List.of("i1")));
  }

  @Test
  @DisplayName("adds up several users' follow-ups of the same query, and repeats on one item")
  void accumulates() {
    search("u1", "lipstick", T0);
    act("u1", "purchase", "i1", T0 + MINUTE);
    act("u1", "view", "i1", T0 + 2 * MINUTE);
    search("u2", "lipstick", T0 + 5 * MINUTE);
    act("u2", "view", "i2", T0 + 6 * MINUTE);

    // i1: 3 + 1 = 4, i2: 1; total 5, denominator 10
    assertEquals(4.0 / 10, evidence.evidence("lipstick", "i1"));
    assertEquals(1.0 / 10, evidence.evidence("lipstick", "i2"));
  }

  @Test
  @DisplayName("counts a follow-up at exactly 30 minutes, not one a millisecond later")
  void thirtyMinuteWindow() {
    search("u1", "lipstick", T0);
    act("u1", "view", "in-time", T0 + THIRTY_MINUTES);
    act("u1", "purchase", "too-late", T0 + THIRTY_MINUTES + 1);

    // only in-time counts: 1 / (1 + 5)
    assertEquals(1.0 / 6, evidence.evidence("lipstick", "in-time"));
    assertEquals(0.0, evidence.evidence("lipstick", "too-late"));
    assertEquals(THIRTY_MINUTES, SearchEvidence.FOLLOW_UP_MILLIS);
  }

  @Test
  @DisplayName("ignores events that came before the search, even by a millisecond")
  void beforeTheSearch() {
    search("u1", "lipstick", T0);
    act("u1", "purchase", "earlier", T0 - 1);
    act("u1", "view", "same-instant", T0);

    assertEquals(0.0, evidence.evidence("lipstick", "earlier"));
    assertEquals(1.0 / 6, evidence.evidence("lipstick", "same-instant"));
  }

  @Test
  @DisplayName("does not count another user's events as follow-ups of a search")
  void otherUsers() {
    search("u1", "lipstick", T0);
    act("u2", "purchase", "i1", T0 + MINUTE);

    assertEquals(0.0, evidence.evidence("lipstick", "i1"));
    assertEquals(0, evidence.queries());
  }

  @Test
  @DisplayName("credits the user's latest search only")
  void latestSearchOnly() {
    search("u1", "lipstick", T0);
    search("u1", "mascara", T0 + MINUTE);
    act("u1", "view", "i1", T0 + 2 * MINUTE);

    assertEquals(0.0, evidence.evidence("lipstick", "i1"));
    assertEquals(1.0 / 6, evidence.evidence("mascara", "i1"));
    assertEquals(1, evidence.queries());
  }

  @Test
  @DisplayName("ignores other event types and events without an item")
  void otherTypes() {
    search("u1", "lipstick", T0);
    act("u1", "remove_from_cart", "i1", T0 + 1);
    act("u1", "view", null, T0 + 2);

    assertEquals(0.0, evidence.evidence("lipstick", "i1"));
    assertEquals(0, evidence.queries());
    assertEquals(0.0, evidence.popularity("i1"));
  }

  @Test
  @DisplayName("keys evidence by the normalised query")
  void normalisedQueries() {
    search("u1", "Red Lipstick!", T0);
    act("u1", "view", "i1", T0 + 1);
    search("u2", "  RED-lipstick ", T0 + 2);
    act("u2", "view", "i1", T0 + 3);

    // both searches are "red lipstick": i1 2 of total 2 → 2 / 7
    assertEquals(2.0 / 7, evidence.evidence("red lipstick", "i1"));
    assertEquals(0.0, evidence.evidence("Red Lipstick!", "i1"));
    assertEquals(1, evidence.queries());
  }

  @Test
  @DisplayName("lists the strongest items most first, equal weights by id, at most n")
  void strongest() {
    search("u1", "lipstick", T0);
    act("u1", "view", "i2", T0 + 1);
    act("u1", "view", "i1", T0 + 2);
    act("u1", "add_to_cart", "i3", T0 + 3);
    act("u1", "purchase", "i4", T0 + 4);

    // weights i4 3, i3 2, i1 1, i2 1 (equal: by id)
    assertEquals(List.of("i4", "i3", "i1", "i2"), evidence.strongest("lipstick", 10));
    assertEquals(List.of("i4", "i3", "i1"), evidence.strongest("lipstick", 3));
    assertEquals(List.of(), evidence.strongest("lipstick", 0));
    assertEquals(List.of(), evidence.strongest("mascara", 5));
  }

  @Test
  @DisplayName("forgets a user's last search, while the counts already made stay")
  void forgetUser() {
    search("u1", "lipstick", T0);
    act("u1", "view", "i1", T0 + 1);
    evidence.forgetUser("u1");
    act("u1", "purchase", "i2", T0 + 2);

    assertEquals(1.0 / 6, evidence.evidence("lipstick", "i1"));
    assertEquals(0.0, evidence.evidence("lipstick", "i2"));
    evidence.forgetUser("never-seen"); // no effect, no error
    assertEquals(1, evidence.queries());
  }

  @Test
  @DisplayName("keeps the 200 strongest items of a query, dropping the weakest, whose weight still counts in the total")
  void itemsPerQueryCap() {
    search("u1", "lipstick", T0);
    act("u1", "view", "weak", T0 + 1);
    for (int i = 0; i < SearchEvidence.ITEMS_PER_QUERY; i++) {
      act("u1", "add_to_cart", "strong-" + i, T0 + 2);
    }

    // 201 items: weak (1) is the weakest and goes; total 1 + 200·2 = 401, denominator 406
    assertEquals(200, SearchEvidence.ITEMS_PER_QUERY);
    assertEquals(0.0, evidence.evidence("lipstick", "weak"));
    assertEquals(2.0 / 406, evidence.evidence("lipstick", "strong-0"));
    assertEquals(2.0 / 406, evidence.evidence("lipstick", "strong-199"));
    List<String> kept = evidence.strongest("lipstick", 1_000);
    assertEquals(200, kept.size());
    assertFalse(kept.contains("weak"));
  }

  @Test
  @DisplayName("rates popularity against the most popular item: 1 for it, 0 for an unknown item")
  void popularityRelativeToTheMost() {
    assertEquals(0.0, evidence.popularity("i1")); // nothing learnt yet
    act("u1", "view", "i1", T0);
    act("u2", "view", "i2", T0 + 1);
    act("u3", "view", "i1", T0 + 2);

    // increments grow by g = 2^(1/50000) per event: i1 = 1 + g², i2 = g; i1 is the most popular
    double g = Math.pow(2, 1 / 50_000.0);
    assertEquals(1.0, evidence.popularity("i1"));
    assertEquals(g / (1 + g * g), evidence.popularity("i2")); // ≈ 0.5
    assertEquals(0.0, evidence.popularity("unknown"));
  }

  @Test
  @DisplayName("counts a purchase for popularity as one event, like a view, searches not at all")
  void popularityCountsEvents() {
    act("u1", "purchase", "bought", T0);
    search("u2", "lipstick", T0 + 1);
    act("u2", "view", "viewed", T0 + 2);

    // bought = 1 (first increment), viewed = g (second): viewed leads, bought is 1/g
    double g = Math.pow(2, 1 / 50_000.0);
    assertEquals(1.0, evidence.popularity("viewed"));
    assertEquals(1 / g, evidence.popularity("bought"));
  }

  @Test
  @DisplayName("weighs an event 50,000 events newer twice as much (half-life 50,000 events)")
  void popularityHalfLife() {
    act("u1", "view", "old", T0);
    for (int i = 0; i < 50_000; i++) {
      act("u2", "view", "filler", T0 + 1 + i);
    }
    act("u3", "view", "new", T0 + 50_001);

    // old = 1 (event 0), new = g^50001 (event 50,001) = 2 · 2^(1/50000) ≈ 2.0000277;
    // their ratio does not depend on filler, the most popular item.
    // The increment is multiplied 50,001 times, so allow for rounding: about 1e-11 relative.
    double expected = Math.pow(2, 50_001 / 50_000.0);
    assertEquals(expected, evidence.popularity("new") / evidence.popularity("old"), 1e-9);
    assertEquals(1.0, evidence.popularity("filler"));
  }

  @Test
  @DisplayName("a newcomer to a full query stays: the weakest other item goes")
  void newcomerStays() {
    search("u1", "lipstick", T0);
    for (int i = 0; i < SearchEvidence.ITEMS_PER_QUERY; i++) {
      act("u1", "add_to_cart", "strong-" + i, T0 + 1);
    }
    act("u1", "view", "strong-7", T0 + 2); // strong-7 now weighs 3, every other 2
    act("u1", "view", "newcomer", T0 + 3); // weighs 1, the least, but it was just added

    // total 200·2 + 1 + 1 = 402, denominator 407; one of the weight-2 items went instead
    assertEquals(1.0 / 407, evidence.evidence("lipstick", "newcomer"));
    assertEquals(3.0 / 407, evidence.evidence("lipstick", "strong-7"));
    assertEquals(200, evidence.strongest("lipstick", 1_000).size());
  }

  @Test
  @DisplayName("a search with nothing to key by ends the previous search: later actions credit no query")
  void emptyQueryEndsTheSearch() {
    search("u1", "lipstick", T0);
    search("u1", "!!!", T0 + 1);
    act("u1", "purchase", "i1", T0 + 2);
    assertEquals(0.0, evidence.evidence("lipstick", "i1"));
  }
}
