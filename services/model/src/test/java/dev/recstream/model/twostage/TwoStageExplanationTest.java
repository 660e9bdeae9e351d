package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.twostage.TwoStageScorer.Explanation;
import dev.recstream.model.twostage.TwoStageScorer.Explanation.Kind;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reasons on the {@link ChainData} chains. {@link TwoStageScorer#explain} reads only the
 * statistics and embeddings, so no ranker is needed (the scorer is built without one).
 */
@DisplayName("TwoStageScorer.explain names the recent item behind each recommended item")
class TwoStageExplanationTest {
  private static final int[] HISTORY = {5, 6, 7};

  private static TwoStageScorer scorer() {
    return TwoStageScorer.build(ChainData.SEQUENCES, ChainData.NUM_ITEMS, Map.of(), ChainData.EMBEDDINGS,
        null, null, Set.of());
  }

  @Test
  @DisplayName("the item that always follows the last item is 'often seen with' it")
  void followerIsExplainedByTheLastItem() {
    Explanation[] reasons = scorer().explain(HISTORY, new int[] {8});

    assertEquals(new Explanation(Kind.FOLLOWS, 7), reasons[0]);
    assertEquals("often seen with i7", reasons[0].text(i -> "i" + i));
  }

  @Test
  @DisplayName("no reason text claims a purchase: the statistics count views, clicks, carts and purchases alike")
  void noReasonClaimsAPurchase() {
    for (Kind kind : Kind.values()) {
      String text = new Explanation(kind, 7).text(i -> "i" + i).toLowerCase(Locale.ROOT);
      assertFalse(text.contains("bought") || text.contains("buy") || text.contains("purchase"), kind + ": " + text);
    }
    assertEquals("similar to i7", new Explanation(Kind.SIMILAR, 7).text(i -> "i" + i));
    assertEquals("popular now", Explanation.POPULAR_NOW.text(i -> "i" + i));
  }

  @Test
  @DisplayName("an item co-occurring with several recent items names the strongest link")
  void strongestCooccurrenceWins() {
    // 9 co-occurs with 7 (distance 2), 6 (distance 3) and not with 5 (distance 4): 7 is closer and newer
    // 4 co-occurs with 5 (distance 1), 6 (distance 2) and 7 (distance 3)
    Explanation[] reasons = scorer().explain(HISTORY, new int[] {9, 4});

    assertEquals(new Explanation(Kind.FOLLOWS, 7), reasons[0]);
    assertEquals(Kind.FOLLOWS, reasons[1].kind());
    int best = 0;
    float strongest = 0;
    float weight = 1f;
    for (int age = 0; age < HISTORY.length; age++) {
      int r = HISTORY[HISTORY.length - 1 - age];
      float link = weight * ChainData.STATS.cooccurrence.get(r, 4);
      if (link > strongest) {
        strongest = link;
        best = r;
      }
      weight *= 0.6f;
    }
    assertEquals(best, reasons[1].because());
  }

  @Test
  @DisplayName("an item with no link to the history is 'similar to' the recent item of the closest embedding")
  void unlinkedItemIsExplainedByEmbedding() {
    int item = 11; // four or more steps from every history item: no transition, outside the co-occurrence window
    for (int r : HISTORY) {
      assertEquals(0f, ChainData.STATS.cooccurrence.get(r, item));
      assertEquals(0f, ChainData.STATS.transitions.get(r, item));
    }
    int closest = 0;
    float best = 0f;
    for (int age = 0; age < HISTORY.length; age++) {
      int r = HISTORY[HISTORY.length - 1 - age];
      float cosine = ChainData.EMBEDDINGS.cosine(r, item);
      if (cosine > best) {
        best = cosine;
        closest = r;
      }
    }
    assertTrue(closest > 0, "the fixture's embeddings put 11 near some history item");

    Explanation reason = scorer().explain(HISTORY, new int[] {item})[0];

    assertEquals(new Explanation(Kind.SIMILAR, closest), reason);
    assertEquals("similar to i" + closest, reason.text(i -> "i" + i));
  }

  @Test
  @DisplayName("an empty history makes every item 'popular now'")
  void emptyHistoryIsPopular() {
    Explanation[] reasons = scorer().explain(new int[0], new int[] {6, 7, 8});

    for (Explanation reason : reasons) {
      assertEquals(Kind.POPULAR, reason.kind());
      assertEquals("popular now", reason.text(i -> "i" + i));
    }
  }

  @Test
  @DisplayName("one reason per item, in list order, and nothing carries over to the next call")
  void reasonsFollowTheListAndDoNotLeak() {
    TwoStageScorer reused = scorer();
    Explanation[] first = reused.explain(HISTORY, new int[] {8, 9, 11, 30});
    Explanation[] second = reused.explain(new int[] {40, 41}, new int[] {42, 8, 9});

    assertEquals(4, first.length);
    assertArrayEquals(scorer().explain(new int[] {40, 41}, new int[] {42, 8, 9}), second);
    assertEquals(new Explanation(Kind.FOLLOWS, 41), second[0]);
    assertArrayEquals(new Explanation[0], reused.explain(HISTORY, new int[0]));
  }
}
