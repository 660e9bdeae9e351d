package dev.recstream.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.NextItemModel;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.baseline.CooccurrenceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Evaluator reports both protocols of CONTRACT §7")
class EvaluatorTest {
  private static final double EXACT = 1e-12;
  private static final Evaluator EVALUATOR = new Evaluator();
  private static final EvaluationOptions DEFAULTS = EvaluationOptions.defaults();

  /** 40 users with 6 distinct items each out of 150: history 5, so 145 full-ranking candidates. */
  private static final SequenceDataset DISTINCT = TestData.randomDistinct(150, 40, 6, 11);

  /** Scores each user's held-out item {@code targetScore} and everything else 0. */
  private static NextItemModel oracle(LeaveOneOut split, String name, float targetScore) {
    Map<String, Integer> next = new HashMap<>();
    for (HeldOutItem user : split.heldOut()) {
      next.put(Arrays.toString(user.history()), user.target());
    }
    return TestData.model(name, (history, scores) -> scores[next.get(Arrays.toString(history))] = targetScore);
  }

  /** {@code model}, handing out {@code scorers}' scorers for other threads. */
  private static NextItemModel withScorers(NextItemModel model, Supplier<NextItemModel.Scorer> scorers) {
    return new NextItemModel() {
      @Override
      public String name() {
        return model.name();
      }

      @Override
      public void fit(List<int[]> sequences, int numItems) {
        model.fit(sequences, numItems);
      }

      @Override
      public void score(int[] history, float[] scores) {
        model.score(history, scores);
      }

      @Override
      public Optional<Scorer> scorerForAnotherThread() {
        return Optional.of(scorers.get());
      }
    };
  }

  @Test
  @DisplayName("an oracle that knows each user's next item scores 1 on every hit metric")
  void oracle() {
    LeaveOneOut split = LeaveOneOut.of(DISTINCT);
    EvaluationResult result = EVALUATOR.evaluate(split, oracle(split, "oracle", 1f), DEFAULTS);
    assertEquals(40, result.users());
    for (Map<String, Double> protocol : List.of(result.full(), result.sampled())) {
      for (String key : List.of("HR@10", "NDCG@10", "MRR", "HR@20", "NDCG@20", "Recall@10")) {
        assertEquals(1.0, protocol.get(key), EXACT, key);
      }
      assertEquals(0.1, protocol.get("Precision@10"), EXACT);
      assertEquals(2.0 / 11, protocol.get("F1@10"), EXACT);
      assertEquals(2.0 / 21, protocol.get("F1@20"), EXACT);
    }
  }

  @Test
  @DisplayName("with maxUsers, scores that many users, the same ones for a seed, an oracle still perfect on them")
  void userSample() {
    LeaveOneOut split = LeaveOneOut.of(DISTINCT);
    List<List<String>> scored = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      List<String> histories = new ArrayList<>();
      NextItemModel oracle = oracle(split, "oracle", 1f);
      NextItemModel recording = TestData.model("recording", (history, scores) -> {
        histories.add(Arrays.toString(history));
        oracle.score(history, scores);
      });
      EvaluationResult result = EVALUATOR.evaluate(split, recording, DEFAULTS.withMaxUsers(15));
      assertEquals(15, result.users());
      assertEquals(1.0, result.full().get("NDCG@10"), EXACT);
      scored.add(histories.stream().distinct().toList());
    }
    assertEquals(15, scored.get(0).size());
    assertEquals(scored.get(0), scored.get(1));
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withMaxUsers(0));
  }

  @Test
  @DisplayName("a reversed oracle ranks the target last: 145 candidates in full ranking, 101 sampled")
  void reversedOracle() {
    LeaveOneOut split = LeaveOneOut.of(DISTINCT);
    EvaluationResult result = EVALUATOR.evaluate(split, oracle(split, "reversed", -1f), DEFAULTS);
    assertEquals(1.0 / 145, result.full().get("MRR"), EXACT);
    assertEquals(1.0 / 101, result.sampled().get("MRR"), EXACT);
    for (Map<String, Double> protocol : List.of(result.full(), result.sampled())) {
      for (String key : List.of("HR@10", "NDCG@10", "Precision@20", "F1@20")) {
        assertEquals(0.0, protocol.get(key), EXACT, key);
      }
    }
  }

  /**
   * Items 1..30; user a = [1, 2, 3], user b = [4, 5, 6]; the model prefers lower indices. a's
   * target 3 comes first (1 and 2 are history); b's target 6 comes after 1, 2, 3: rank 3. Tops@10:
   * a = 3..12, b = 1, 2, 3, 6..12, union 1..12; tops@20: union 1..22. Sampled: the catalog has
   * only 27 eligible items per user, all used, and the ranks stay 0 and 3.
   */
  @Test
  @DisplayName("a small hand-computed run gives the expected ranks, NDCG and coverage")
  void handComputed() {
    SequenceDataset data = TestData.dataset(30, TestData.user("a", 1, 2, 3), TestData.user("b", 4, 5, 6));
    NextItemModel lowFirst = TestData.model("low-first", (history, scores) -> {
      for (int i = 1; i < scores.length; i++) {
        scores[i] = -i;
      }
    });
    EvaluationResult result = EVALUATOR.evaluate(data, lowFirst, DEFAULTS);
    double ndcg = (1.0 + 1.0 / (Math.log(5) / Math.log(2))) / 2; // ranks 0 and 3
    for (Map<String, Double> protocol : List.of(result.full(), result.sampled())) {
      assertEquals(1.0, protocol.get("HR@10"), EXACT);
      assertEquals(ndcg, protocol.get("NDCG@10"), EXACT);
      assertEquals((1.0 + 0.25) / 2, protocol.get("MRR"), EXACT);
    }
    assertEquals(12.0 / 30, result.full().get("Coverage@10"), EXACT);
    assertEquals(22.0 / 30, result.full().get("Coverage@20"), EXACT);
  }

  @Test
  @DisplayName("history items scored highest do not push down a target scored next highest")
  void historyExcluded() {
    SequenceDataset data = TestData.dataset(10, TestData.user("a", 1, 2, 3, 4, 5));
    NextItemModel historyFirst = TestData.model("history-first", (history, scores) -> {
      for (int item : history) {
        scores[item] = 10f;
      }
      scores[5] = 5f;
    });
    EvaluationResult result = EVALUATOR.evaluate(data, historyFirst, DEFAULTS);
    assertEquals(1.0, result.full().get("MRR"), EXACT);
    assertEquals(1.0, result.sampled().get("MRR"), EXACT);
  }

  /** 3000 users of 3 distinct items out of 200: 198 candidates in full ranking, 101 sampled. */
  @Test
  @DisplayName("a constant model's HR@K is about K over the number of candidates, neither optimistic nor pessimistic")
  void constantModel() {
    SequenceDataset data = TestData.randomDistinct(200, 3000, 3, 5);
    EvaluationResult result = EVALUATOR.evaluate(data, TestData.model("constant", (h, s) -> {}), DEFAULTS);
    assertEquals(10.0 / 198, result.full().get("HR@10"), 0.015);
    assertEquals(20.0 / 198, result.full().get("HR@20"), 0.02);
    assertEquals(10.0 / 101, result.sampled().get("HR@10"), 0.02);
    assertEquals(20.0 / 101, result.sampled().get("HR@20"), 0.025);
  }

  @Test
  @DisplayName("the same seed gives an identical result; another seed changes the draws")
  void deterministic() {
    SequenceDataset data = TestData.randomDistinct(300, 500, 8, 3);
    for (NextItemModel model : List.of(new CooccurrenceModel(), TestData.model("constant", (h, s) -> {}))) {
      EvaluationResult first = EVALUATOR.evaluate(data, model, DEFAULTS);
      EvaluationResult second = EVALUATOR.evaluate(data, model, DEFAULTS);
      assertEquals(first.full(), second.full(), model.name());
      assertEquals(first.sampled(), second.sampled(), model.name());
    }
    NextItemModel constant = TestData.model("constant", (h, s) -> {});
    EvaluationResult seed42 = EVALUATOR.evaluate(data, constant, DEFAULTS);
    EvaluationResult seed43 = EVALUATOR.evaluate(data, constant, DEFAULTS.withSeed(43));
    assertNotEquals(seed42.full().get("MRR"), seed43.full().get("MRR"));
  }

  @Test
  @DisplayName("full-ranking results do not depend on whether the sampled protocol runs")
  void fullIndependentOfSampled() {
    SequenceDataset data = TestData.randomDistinct(300, 500, 8, 3);
    NextItemModel constant = TestData.model("constant", (h, s) -> {});
    EvaluationResult both = EVALUATOR.evaluate(data, constant, DEFAULTS);
    EvaluationResult fullOnly = EVALUATOR.evaluate(data, constant, DEFAULTS.withSampled(false));
    assertEquals(both.full(), fullOnly.full());
    assertTrue(fullOnly.sampled().isEmpty());
  }

  @Test
  @DisplayName("metric keys and report entries follow CONTRACT §7's names and a stable order")
  void keysAndReportEntry() {
    EvaluationResult result = EVALUATOR.evaluate(DISTINCT, new CooccurrenceModel(), DEFAULTS);
    assertEquals(List.of("HR@10", "NDCG@10", "MRR", "Precision@10", "Recall@10", "F1@10", "Coverage@10",
        "HR@20", "NDCG@20", "Precision@20", "Recall@20", "F1@20", "Coverage@20"), new ArrayList<>(result.full().keySet()));
    assertEquals(List.of("HR@10", "NDCG@10", "MRR", "Precision@10", "Recall@10", "F1@10",
        "HR@20", "NDCG@20", "Precision@20", "Recall@20", "F1@20"), new ArrayList<>(result.sampled().keySet()));
    Map<String, Object> entry = result.asReportEntry();
    assertEquals(List.of("trainSeconds", "scoreMicrosPerUser", "users", "full", "sampled"), new ArrayList<>(entry.keySet()));
    assertEquals(40, entry.get("users"));
    assertEquals("cooc", result.modelName());
    Map<String, Object> fullOnly = EVALUATOR.evaluate(DISTINCT, new CooccurrenceModel(), DEFAULTS.withSampled(false)).asReportEntry();
    assertEquals(List.of("trainSeconds", "scoreMicrosPerUser", "users", "full"), new ArrayList<>(fullOnly.keySet()));
  }

  @Test
  @DisplayName("the validation view fits without the last two items and scores the validation item")
  void validationView() {
    LeaveOneOut validation = LeaveOneOut.of(DISTINCT).validationView();
    List<List<int[]>> fitted = new ArrayList<>();
    NextItemModel oracle = oracle(validation, "oracle", 1f);
    NextItemModel recording = new NextItemModel() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public void fit(List<int[]> sequences, int numItems) {
        fitted.add(sequences);
      }

      @Override
      public void score(int[] history, float[] scores) {
        oracle.score(history, scores);
      }
    };
    EvaluationResult result = EVALUATOR.evaluate(validation, recording, DEFAULTS);
    assertEquals(1.0, result.full().get("MRR"), EXACT);
    assertTrue(fitted.get(0).stream().allMatch(sequence -> sequence.length == 4));
  }

  @Test
  @DisplayName("users with fewer than 3 items are not counted, and a dataset of only such users is rejected")
  void shortUsers() {
    SequenceDataset data = TestData.dataset(10, TestData.user("a", 1, 2, 3), TestData.user("b", 4, 5));
    assertEquals(1, EVALUATOR.evaluate(data, new CooccurrenceModel(), DEFAULTS).users());
    SequenceDataset tooShort = TestData.dataset(10, TestData.user("b", 4, 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EVALUATOR.evaluate(tooShort, new CooccurrenceModel(), DEFAULTS));
    assertEquals("data: no user has at least 3 items, so there is nothing to evaluate", e.getMessage());
  }

  @Test
  @DisplayName("the progress listener hears a rising count that ends at the number of users")
  void progress() {
    SequenceDataset data = TestData.randomDistinct(300, 2_000, 8, 3);
    for (int threads : new int[] {1, 3}) {
      List<int[]> calls = new ArrayList<>();
      EVALUATOR.evaluate(data, new CooccurrenceModel(),
          DEFAULTS.withThreads(threads).withProgress((done, total) -> calls.add(new int[] {done, total})));
      assertTrue(calls.size() >= 5, "threads=" + threads + ": " + calls.size() + " calls");
      for (int i = 1; i < calls.size(); i++) {
        assertTrue(calls.get(i)[0] > calls.get(i - 1)[0], "threads=" + threads + ": rising");
      }
      assertEquals(2_000, calls.get(calls.size() - 1)[0]);
      assertTrue(calls.stream().allMatch(call -> call[1] == 2_000));
    }
  }

  @Test
  @DisplayName("on several threads, the results are exactly those of one, and one scorer is asked for per extra thread")
  void threads() {
    SequenceDataset data = TestData.randomDistinct(300, 1_000, 8, 3);
    EvaluationResult one = EVALUATOR.evaluate(data, new CooccurrenceModel(), DEFAULTS.withThreads(1));
    List<NextItemModel.Scorer> handedOut = new ArrayList<>();
    CooccurrenceModel cooc = new CooccurrenceModel();
    NextItemModel counting = withScorers(cooc, () -> {
      NextItemModel.Scorer scorer = cooc.scorerForAnotherThread().orElseThrow();
      handedOut.add(scorer);
      return scorer;
    });
    EvaluationResult four = EVALUATOR.evaluate(data, counting, DEFAULTS.withThreads(4));
    assertEquals(one.full(), four.full());
    assertEquals(one.sampled(), four.sampled());
    assertEquals(3, handedOut.size());
  }

  @Test
  @DisplayName("a model without scorers for other threads is scored on the calling thread alone")
  void singleThreadedModel() {
    Set<Thread> scoringThreads = ConcurrentHashMap.newKeySet();
    NextItemModel model = TestData.model("one-thread", (history, scores) -> scoringThreads.add(Thread.currentThread()));
    EVALUATOR.evaluate(TestData.randomDistinct(300, 1_000, 8, 3), model, DEFAULTS.withThreads(4));
    assertEquals(Set.of(Thread.currentThread()), scoringThreads);
  }

  @Test
  @DisplayName("a scorer failing on another thread fails the evaluation with its own exception")
  void failureOnAnotherThread() {
    IllegalStateException broken = new IllegalStateException("broken scorer");
    CountDownLatch helperFailed = new CountDownLatch(1);
    // The calling thread waits in its first user until the other thread has failed, so that one
    // surely scores a block.
    NextItemModel waiting = TestData.model("waiting", (history, scores) -> {
      try {
        assertTrue(helperFailed.await(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    NextItemModel model = withScorers(waiting, () -> (history, scores) -> {
      helperFailed.countDown();
      throw broken;
    });
    SequenceDataset data = TestData.randomDistinct(300, 1_000, 8, 3);
    assertSame(broken, assertThrows(IllegalStateException.class,
        () -> EVALUATOR.evaluate(data, model, DEFAULTS.withThreads(2))));
  }

  @Test
  @DisplayName("a scorer that leaves entries unwritten does not see the previous user's scores")
  void bufferCleared() {
    SequenceDataset data = TestData.dataset(10, TestData.user("a", 1, 2, 3), TestData.user("b", 1, 2, 4));
    NextItemModel leaky = TestData.model("leaky", (history, scores) -> {
      assertTrue(Arrays.stream(new int[] {1, 2, 3, 4, 5}).allMatch(i -> scores[i] == 0f));
      scores[3] = 1f;
    });
    assertEquals(2, EVALUATOR.evaluate(data, leaky, DEFAULTS).users());
  }

  @Test
  @DisplayName("options sort the cutoffs and name the field they reject")
  void options() {
    assertEquals(List.of(5, 10, 20), DEFAULTS.withKs(20, 5, 10, 5).ks());
    assertEquals(20, DEFAULTS.maxK());
    assertEquals("ks: every K must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withKs(10, 0)).getMessage());
    assertEquals("sampledNegatives: must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withSampledNegatives(0)).getMessage());
    assertEquals("threads: must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withThreads(0)).getMessage());
  }
}
