package dev.recstream.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.Evaluator;
import dev.recstream.model.streaming.Recommender;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A recommender seen as a next-item model")
class RecommenderModelTest {

  /** A frozen recommender that answers with {@code answer(recentItems)} and remembers the last call. */
  private static final class FixedRecommender implements Recommender {
    private final Function<List<String>, List<String>> answer;
    List<String> lastRecent;
    int lastK;

    FixedRecommender(Function<List<String>, List<String>> answer) {
      this.answer = answer;
    }

    @Override
    public String version() {
      return "fixed-1";
    }

    @Override
    public void learn(SequenceUpdate update) {}

    @Override
    public List<ScoredItem> recommend(List<String> recentItems, int k) {
      lastRecent = recentItems;
      lastK = k;
      List<String> ids = answer.apply(recentItems);
      List<ScoredItem> items = new ArrayList<>();
      for (int r = 0; r < ids.size(); r++) {
        items.add(new ScoredItem(ids.get(r), 0.5)); // equal served scores: only the order may count
      }
      return items;
    }

    @Override
    public List<ScoredItem> similar(String itemId, int k) {
      return List.of();
    }
  }

  private static ItemVocabulary vocabulary(int size) {
    ItemVocabulary vocabulary = new ItemVocabulary();
    IntStream.range(0, size).forEach(i -> vocabulary.add("i" + i));
    return vocabulary;
  }

  @Test
  @DisplayName("ranks listed items in list order above every unlisted item, skipping ids the dataset does not know")
  void listedAboveUnlisted() {
    ItemVocabulary items = vocabulary(10);
    FixedRecommender served = new FixedRecommender(recent -> List.of("i7", "elsewhere", "i2", "i7", "i5"));
    RecommenderModel model = new RecommenderModel("live", served, items);
    model.fit(List.of(), 10);
    float[] scores = new float[11];
    scores[4] = 99f; // a stale buffer must not leak
    model.score(new int[] {items.indexOf("i0"), items.indexOf("i1")}, scores);

    float i7 = scores[items.indexOf("i7")];
    float i2 = scores[items.indexOf("i2")];
    float i5 = scores[items.indexOf("i5")];
    assertTrue(i7 > i2 && i2 > i5, "list order, first occurrence of a repeated id");
    for (String unlisted : List.of("i0", "i1", "i3", "i4", "i6", "i8", "i9")) {
      assertTrue(scores[items.indexOf(unlisted)] < i5, unlisted + " must lose to every listed item");
      assertEquals(0f, scores[items.indexOf(unlisted)], unlisted);
    }
    assertEquals(List.of("i1", "i0"), served.lastRecent, "newest first");
    assertEquals(RecommenderModel.DEFAULT_DEPTH, served.lastK);
  }

  @Test
  @DisplayName("passes the last 20 items, newest first, as the scoring service would, and tolerates ids the model does not know")
  void passesRecentItems() {
    ItemVocabulary items = vocabulary(30);
    FixedRecommender served = new FixedRecommender(recent -> List.of());
    RecommenderModel model = new RecommenderModel("live", served, items, 5);
    int[] history = IntStream.rangeClosed(1, 25).toArray();
    float[] scores = new float[31];
    model.score(history, scores);
    assertEquals(SequenceUpdate.RECENT_ITEMS, served.lastRecent.size());
    assertEquals("i24", served.lastRecent.get(0));
    assertEquals("i5", served.lastRecent.get(19));
    assertEquals(5, served.lastK);
    for (int i = 1; i <= 30; i++) {
      assertEquals(0f, scores[i]);
    }
  }

  @Test
  @DisplayName("gives an unlisted target a fair random rank among the unlisted items, never a tie-won first place")
  void unlistedTargetDoesNotWinTies() {
    SequenceDataset ring = SyntheticData.ring(300, 100, 3);
    Evaluator evaluator = new Evaluator();
    EvaluationOptions options = EvaluationOptions.defaults().withSampled(false);
    // Lists only ids outside the dataset: every dataset item scores the same.
    RecommenderModel clueless = new RecommenderModel("clueless",
        new FixedRecommender(recent -> List.of("x1", "x2")), ring.items());
    double cluelessNdcg = evaluator.evaluate(ring, clueless, options).full().get("NDCG@10");
    assertTrue(cluelessNdcg < 0.3, "ties are drawn, not won: " + cluelessNdcg);
    // Lists the true next item first: a perfect score.
    RecommenderModel knowing = new RecommenderModel("knowing", new FixedRecommender(recent -> {
      int next = (Integer.parseInt(recent.get(0).substring(1)) + 1) % 100;
      return List.of("x1", "i" + next, "i" + (next + 50) % 100);
    }), ring.items());
    assertEquals(1.0, evaluator.evaluate(ring, knowing, options).full().get("NDCG@10"), 1e-9);
  }

  @Test
  @DisplayName("checks its depth and that the split is over its vocabulary")
  void checksArguments() {
    ItemVocabulary items = vocabulary(3);
    FixedRecommender served = new FixedRecommender(recent -> List.of());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new RecommenderModel("live", served, items, 0))
        .getMessage().startsWith("depth: must be at least 1"));
    RecommenderModel model = new RecommenderModel("live", served, items);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> model.fit(List.of(), 4))
        .getMessage().startsWith("numItems: must equal the vocabulary's size 3"));
  }
}
