package dev.recstream.model.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recstream.model.search.SearchBlend.Candidate;
import dev.recstream.model.search.SearchBlend.Weights;
import dev.recstream.shared.bus.ScoredItem;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("SearchBlend")
class SearchBlendTest {
  /** A heavier personal weight than the default, so each signal's part is easy to tell apart by hand. */
  private static final Weights W = new Weights(1.0, 0.6, 0.8, 0.2);


  private static final String QUERY = "lipstick";
  private static final String MATCHES = "matches \"lipstick\"";
  private static final String EVIDENCE = "chosen by others who searched \"lipstick\"";
  private static final String PERSONAL = "fits your recent items";
  private static final String POPULAR = "popular now";
  private static final double EPS = 1e-12;

  private static Candidate candidate(String id, double retrieval, Double personal, double evidence, double popularity) {
    return new Candidate(id, retrieval, MATCHES, personal, evidence, popularity);
  }

  private static List<String> ids(List<ScoredItem> ranked) {
    return ranked.stream().map(ScoredItem::itemId).toList();
  }

  private static List<String> reasons(List<ScoredItem> ranked) {
    return ranked.stream().map(ScoredItem::reason).toList();
  }

  /**
   * Five candidates. Best retrieval 0.5; personal scores 3, 1 and 2 (min 1, max 3), c and e have none.
   * The weights {@link #W}: retrieval 1.0, personal 0.6, evidence 0.8, popularity 0.2.
   */
  private static final List<Candidate> FIVE = List.of(
      candidate("a", 0.5, 3.0, 0.25, 0.5),
      candidate("b", 0.25, 1.0, 0.0, 1.0),
      candidate("c", 0.125, null, 1.5, -0.2),
      candidate("d", 0.375, 2.0, 0.0, 2.0),
      candidate("e", 0.0, null, 0.0, 0.5));

  @Test
  @DisplayName("blends scaled retrieval, min–max personal, clamped evidence and popularity with the weights given")
  void defaultBlend() {
    List<ScoredItem> ranked = SearchBlend.rank(FIVE, W, 10, QUERY);

    // a: retrieval 0.5/0.5 = 1      → 1.0·1    = 1.0
    //    personal (3−1)/(3−1) = 1   → 0.6·1    = 0.6
    //    evidence 0.25              → 0.8·0.25 = 0.2
    //    popularity 0.5             → 0.2·0.5  = 0.1   total 1.9
    // d: retrieval 0.375/0.5 = 0.75 → 0.75
    //    personal (2−1)/2 = 0.5     → 0.3
    //    evidence 0                 → 0
    //    popularity 2 clamped to 1  → 0.2             total 1.25
    // c: retrieval 0.125/0.5 = 0.25 → 0.25
    //    personal null              → 0
    //    evidence 1.5 clamped to 1  → 0.8
    //    popularity −0.2 clamped 0  → 0               total 1.05
    // b: retrieval 0.25/0.5 = 0.5   → 0.5
    //    personal (1−1)/2 = 0       → 0
    //    evidence 0, popularity 1   → 0 + 0.2         total 0.7
    // e: retrieval 0, personal null, evidence 0, popularity 0.5 → 0.1      total 0.1
    assertEquals(List.of("a", "d", "c", "b", "e"), ids(ranked));
    assertEquals(1.9, ranked.get(0).score(), EPS);
    assertEquals(1.25, ranked.get(1).score(), EPS);
    assertEquals(1.05, ranked.get(2).score(), EPS);
    assertEquals(0.7, ranked.get(3).score(), EPS);
    assertEquals(0.1, ranked.get(4).score(), EPS);
    // a: personal 0.6 beats evidence 0.2; d: personal 0.3 ≥ 0.1; c: evidence 0.8;
    // b: personal and evidence 0, retrieval 0.5 > 0 → why it matched; e: retrieval 0, popularity 0.1 → popular.
    assertEquals(List.of(PERSONAL, PERSONAL, EVIDENCE, MATCHES, POPULAR), reasons(ranked));
  }

  @Test
  @DisplayName("keeps only the best k, and all of them when k exceeds the candidates")
  void truncatesToK() {
    assertEquals(List.of("a", "d"), ids(SearchBlend.rank(FIVE, W, 2, QUERY)));
    assertEquals(List.of("a"), ids(SearchBlend.rank(FIVE, W, 1, QUERY)));
    assertEquals("k: must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> SearchBlend.rank(FIVE, W, 0, QUERY)).getMessage());
    assertEquals(5, SearchBlend.rank(FIVE, W, 100, QUERY).size());
    assertEquals(List.of(), SearchBlend.rank(List.of(), W, 10, QUERY));
  }

  @Test
  @DisplayName("scales the only personal score there is to 1")
  void singlePersonalScoreIsOne() {
    List<ScoredItem> ranked = SearchBlend.rank(
        List.of(candidate("x", 0.5, 7.0, 0, 0), candidate("y", 0.5, null, 0, 0)), W, 10, QUERY);

    // x: 1.0·1 + 0.6·1 = 1.6 (one personal score: max = min, scaled to 1); y: 1.0·1 + 0 = 1.0
    assertEquals(List.of("x", "y"), ids(ranked));
    assertEquals(1.6, ranked.get(0).score(), EPS);
    assertEquals(1.0, ranked.get(1).score());
    assertEquals(List.of(PERSONAL, MATCHES), reasons(ranked));
  }

  @Test
  @DisplayName("scales negative personal scores min–max like any other")
  void negativePersonalScores() {
    List<ScoredItem> ranked = SearchBlend.rank(
        List.of(candidate("lo", 0.5, -2.0, 0, 0), candidate("mid", 0.5, 0.0, 0, 0), candidate("hi", 0.5, 2.0, 0, 0)),
        W, 10, QUERY);

    // personal −2 → 0, 0 → 0.5, 2 → 1; totals 1 + 0.6·{1, 0.5, 0} = 1.6, 1.3, 1.0
    assertEquals(List.of("hi", "mid", "lo"), ids(ranked));
    assertEquals(1.6, ranked.get(0).score(), EPS);
    assertEquals(1.3, ranked.get(1).score(), EPS);
    assertEquals(1.0, ranked.get(2).score(), EPS);
  }

  @Test
  @DisplayName("breaks equal scores by item id, whatever the input order")
  void tiesByItemId() {
    List<ScoredItem> ranked = SearchBlend.rank(
        List.of(candidate("b2", 0.5, null, 0, 0), candidate("b3", 0.5, null, 0, 0), candidate("b1", 0.5, null, 0, 0),
            candidate("top", 0.5, null, 0, 1)),
        W, 10, QUERY);

    // top: 1 + 0.2·1 = 1.2; b1, b2, b3: 1.0 each, by id
    assertEquals(List.of("top", "b1", "b2", "b3"), ids(ranked));
  }

  @Test
  @DisplayName("scores every retrieval part 0 when no candidate was retrieved")
  void noRetrievalAtAll() {
    List<ScoredItem> ranked = SearchBlend.rank(
        List.of(candidate("p", 0, null, 0, 0.5), candidate("q", 0, null, 0, 0)), W, 10, QUERY);

    // p: 0.2·0.5 = 0.1, named for popularity; q: 0 in every part → its retrieval reason
    assertEquals(List.of("p", "q"), ids(ranked));
    assertEquals(0.1, ranked.get(0).score(), EPS);
    assertEquals(0.0, ranked.get(1).score());
    assertEquals(List.of(POPULAR, MATCHES), reasons(ranked));
  }

  @Test
  @DisplayName("names evidence when its part is exactly 0.1, and the match when it is just under")
  void notableThreshold() {
    List<ScoredItem> ranked = SearchBlend.rank(
        List.of(candidate("at", 0.5, null, 0.125, 0), candidate("under", 0.5, null, 0.124, 0)),
        W, 10, QUERY);

    // at: evidence part 0.8·0.125 = 0.1 (exactly, a division by 8) ≥ 0.1; under: 0.8·0.124 = 0.0992 < 0.1
    assertEquals(List.of("at", "under"), ids(ranked));
    assertEquals(0.1, 0.8 * 0.125);
    assertEquals(List.of(EVIDENCE, MATCHES), reasons(ranked));
  }

  @Test
  @DisplayName("names evidence over the personal score when both parts are equal")
  void evidenceWinsTies() {
    Weights halves = new Weights(1, 0.5, 0.5, 0.25);
    List<ScoredItem> ranked = SearchBlend.rank(
        List.of(new Candidate("t", 0.5, MATCHES, 4.0, 1.0, 0)), halves, 10, QUERY);

    // personal 4 alone → 1 → 0.5·1 = 0.5; evidence 1 → 0.5·1 = 0.5: a tie, evidence named; total 1 + 0.5 + 0.5 = 2
    assertEquals(List.of(new ScoredItem("t", 2.0, EVIDENCE)), ranked);
  }

  @Test
  @DisplayName("names popularity only for an item retrieval did not match")
  void popularityOnlyWithoutRetrieval() {
    List<ScoredItem> ranked = SearchBlend.rank(
        List.of(new Candidate("matched", 0.5, "similar to \"lipstick\"", null, 0, 1.0),
            new Candidate("unmatched", 0, null, null, 0, 1.0)),
        W, 10, QUERY);

    // matched: 1 + 0.2 = 1.2, popularity part 0.2 but retrieval > 0 → its own reason; unmatched: 0 + 0.2 = 0.2
    assertEquals(List.of("matched", "unmatched"), ids(ranked));
    assertEquals(List.of("similar to \"lipstick\"", POPULAR), reasons(ranked));
  }

  @Test
  @DisplayName("TEXT_AND_POPULARITY ignores personal scores and evidence")
  void textAndPopularity() {
    List<ScoredItem> ranked = SearchBlend.rank(FIVE, Weights.TEXT_AND_POPULARITY, 10, QUERY);

    // retrieval + 0.2·popularity: a 1 + 0.1 = 1.1, d 0.75 + 0.2 = 0.95, b 0.5 + 0.2 = 0.7,
    // c 0.25 + 0 = 0.25, e 0 + 0.1 = 0.1
    assertEquals(List.of("a", "d", "b", "c", "e"), ids(ranked));
    assertEquals(1.1, ranked.get(0).score(), EPS);
    assertEquals(0.95, ranked.get(1).score(), EPS);
    assertEquals(0.7, ranked.get(2).score(), EPS);
    assertEquals(0.25, ranked.get(3).score(), EPS);
    assertEquals(0.1, ranked.get(4).score(), EPS);
    assertEquals(List.of(MATCHES, MATCHES, MATCHES, MATCHES, POPULAR), reasons(ranked));
  }

  @Test
  @DisplayName("DEFAULT and TEXT_AND_POPULARITY hold the documented weights; withPersonal changes only that one")
  void weightValues() {
    assertEquals(new Weights(1.0, 0.2, 0.8, 0.2), Weights.DEFAULT);
    assertEquals(new Weights(1.0, 0, 0, 0.2), Weights.TEXT_AND_POPULARITY);
    assertEquals(new Weights(1.0, 0.3, 0.8, 0.2), Weights.DEFAULT.withPersonal(0.3));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {-0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  @DisplayName("rejects a negative, NaN or infinite weight in any position")
  void rejectsBadWeights(double bad) {
    assertThrows(IllegalArgumentException.class, () -> new Weights(bad, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Weights(0, bad, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Weights(0, 0, bad, 0));
    assertThrows(IllegalArgumentException.class, () -> new Weights(0, 0, 0, bad));
    assertThrows(IllegalArgumentException.class, () -> W.withPersonal(bad));
  }

  @Test
  @DisplayName("names the weights it was given when it rejects them")
  void rejectionNamesTheValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Weights(1, -0.5, 0.8, 0.2));
    assertEquals("search weights must be finite and ≥ 0: retrieval=1.0 personal=-0.5 evidence=0.8 popularity=0.2",
        e.getMessage());
  }
}
