package dev.recstream.trainer.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.NextItemModel;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.trainer.ModelCatalog;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sequence models trained on a few hundred generated sequences in seconds: users walk chains of
 * items (each item followed by the next, now and then a random one), 5 to 11 items before the
 * validation item, which both architectures
 * must learn; fixed seeds make two trainings agree; a package of one is served as it was scored.
 */
@DisplayName("Sequence models (sasrec, gru4rec) trained with DJL")
class SequenceNetModelTest {
  private static final int ITEMS = 60;

  /** 400 users walking the chain 1 → 2 → … → 60 → 1 for 6–12 steps, one step in 8 random. */
  private static List<int[]> chains(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> sequences = new ArrayList<>();
    for (int u = 0; u < 400; u++) {
      int[] items = new int[6 + random.nextInt(7)];
      int item = 1 + random.nextInt(ITEMS);
      for (int i = 0; i < items.length; i++) {
        items[i] = random.nextInt(8) == 0 ? 1 + random.nextInt(ITEMS) : item;
        item = item % ITEMS + 1;
      }
      sequences.add(items);
    }
    return sequences;
  }

  private static SequenceNetOptions small(String architecture) {
    SequenceNetOptions base = architecture.equals(SequenceNetOptions.SASREC) ? SequenceNetOptions.sasrec()
        : SequenceNetOptions.gru4rec();
    return base.withDimension(16).withMaxLength(10).withDropout(0.1).withEpochs(60, 8).withNegatives(20)
        .withLearningRate(1e-2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {SequenceNetOptions.SASREC, SequenceNetOptions.GRU4REC})
  @DisplayName("learns that on a chain the next item follows, and two trainings with one seed agree")
  void learnsChainsDeterministically(String architecture) {
    List<int[]> data = chains(3);
    float[][] scores = new float[2][ITEMS + 1];
    double[] validation = new double[2];
    for (int run = 0; run < 2; run++) {
      SequenceNetModel model = new SequenceNetModel(architecture, small(architecture));
      List<EpochListener.EpochSummary> epochs = new ArrayList<>();
      model.onEpochs(new EpochListener() {
        @Override
        public void onEpoch(EpochSummary summary) {
          epochs.add(summary);
        }
      });
      model.fit(data, ITEMS);
      model.score(new int[] {4, 5, 6, 7, 8, 9}, scores[run]);
      for (int seen = 4; seen <= 9; seen++) {
        scores[run][seen] = Float.NEGATIVE_INFINITY; // the history is never recommended
      }
      validation[run] = model.trainingSummary().getDouble("validationNdcg10");
      assertEquals(model.trainingSummary().getInteger("epochs"), epochs.size());
      assertTrue(epochs.size() < 60 || epochs.get(epochs.size() - 1).bestEpoch() > 50,
          "stops once validation stops improving: " + epochs.size() + " epochs");
      model.close();
    }
    assertEquals(10, argmax(scores[0]), architecture + " after 4, 5, …, 9");
    assertTrue(validation[0] > 0.5, architecture + " validation NDCG@10 " + validation[0]);
    assertEquals(validation[0], validation[1], 1e-3, "two trainings with one seed");
    for (int item = 1; item <= ITEMS; item++) {
      assertEquals(scores[0][item], scores[1][item], 1e-3, "item " + item);
    }
  }

  @Test
  @DisplayName("a written package is served by the scoring service's reader with the scores evaluation saw")
  void packageServesWhatWasScored(@TempDir Path dir) throws Exception {
    SequenceNetModel model = new SequenceNetModel("sasrec", small(SequenceNetOptions.SASREC));
    model.fit(chains(5), ITEMS);
    ItemVocabulary vocabulary = new ItemVocabulary();
    for (int item = 1; item <= ITEMS; item++) {
      vocabulary.add("sku-" + item);
    }
    model.writePackage(dir, vocabulary, new JsonObject().put("dataset", "chains"), new JsonObject(), 77);
    JsonObject metadata = new JsonObject(Files.readString(dir.resolve("model.json")));
    assertEquals("sequence-onnx", metadata.getString("kind"));
    assertEquals("77", metadata.getString("version"));
    assertEquals("sasrec", metadata.getJsonObject("architecture").getString("name"));
    assertEquals(10, metadata.getJsonObject("input").getInteger("maxLength"));
    assertTrue(metadata.getJsonObject("architecture").getJsonObject("training").getInteger("bestEpoch") >= 1);

    float[] scored = new float[ITEMS + 1];
    model.score(new int[] {20, 21}, scored);
    scored[20] = Float.NEGATIVE_INFINITY; // the history is never recommended
    scored[21] = Float.NEGATIVE_INFINITY;
    try (SequenceOnnxRecommender served = SequenceOnnxRecommender.open(dir)) {
      List<ScoredItem> top = served.recommendAll(List.of(List.of("sku-21", "sku-20")), 3).get(0);
      assertEquals("sku-" + argmax(scored), top.get(0).itemId());
      assertEquals(scored[argmax(scored)], top.get(0).score(), 1e-6);
    }
    model.close();
  }

  @Test
  @DisplayName("refit epochs start from the best epoch and learn the validation items too: other scores, same epochs")
  void refitEpochs() {
    SequenceNetOptions options = small(SequenceNetOptions.SASREC).withEpochs(6, 6);
    float[][] scores = new float[2][ITEMS + 1];
    JsonObject[] summaries = new JsonObject[2];
    for (int refit = 0; refit < 2; refit++) {
      SequenceNetModel model = new SequenceNetModel("sasrec", options.withRefitEpochs(refit * 2));
      model.fit(chains(11), ITEMS);
      model.score(new int[] {4, 5, 6}, scores[refit]);
      summaries[refit] = model.trainingSummary();
      model.close();
    }
    assertEquals(0, summaries[0].getInteger("refitEpochs"));
    assertEquals(2, summaries[1].getInteger("refitEpochs"));
    assertEquals(summaries[0].getInteger("bestEpoch"), summaries[1].getInteger("bestEpoch"), "the same early stopping");
    assertEquals(summaries[0].getDouble("validationNdcg10"), summaries[1].getDouble("validationNdcg10"));
    assertTrue(!java.util.Arrays.equals(scores[0], scores[1]), "the refit epochs changed the network");
    assertEquals("refitEpochs: must be 0 or more, was -1", assertThrows(IllegalArgumentException.class,
        () -> options.withRefitEpochs(-1)).getMessage());
  }

  @Test
  @DisplayName("scorers for other threads score what the model scores")
  void scorersForOtherThreads() {
    SequenceNetModel model = new SequenceNetModel("gru4rec", small(SequenceNetOptions.GRU4REC).withEpochs(2, 2));
    model.fit(chains(9), ITEMS);
    NextItemModel.Scorer other = model.scorerForAnotherThread().orElseThrow();
    float[] mine = new float[ITEMS + 1];
    float[] theirs = new float[ITEMS + 1];
    model.score(new int[] {3, 4}, mine);
    other.score(new int[] {3, 4}, theirs);
    assertArrayEquals(mine, theirs);
    model.close();
  }

  @Test
  @DisplayName("names, options and data it cannot use are refused with the field and the rule")
  void refusals() {
    assertEquals(3, ((SequenceNetModel) ModelCatalog.create("sasrec-3")).options().blocks());
    assertEquals(SequenceNetOptions.GRU4REC, ((SequenceNetModel) ModelCatalog.create("gru4rec")).options().architecture());
    assertEquals("--models: sasrec-x must end in a number of Transformer blocks of 1 or more, e.g. sasrec-2",
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.create("sasrec-x")).getMessage());
    assertEquals("heads: must divide dimension 64, was 3", assertThrows(IllegalArgumentException.class,
        () -> new SequenceNetOptions("sasrec", 50, 64, 2, 3, 0.5, 0, 1e-3, 128, 10, 2, 100, 1L, 1, 0)).getMessage());
    assertEquals("dropout: must be in [0, 1), was 1.0", assertThrows(IllegalArgumentException.class,
        () -> SequenceNetOptions.sasrec().withDropout(1)).getMessage());
    assertEquals("negatives: must be 0 (the full softmax) or more, was -1", assertThrows(IllegalArgumentException.class,
        () -> SequenceNetOptions.sasrec().withNegatives(-1)).getMessage());
    SequenceNetModel model = new SequenceNetModel("sasrec", small(SequenceNetOptions.SASREC));
    assertEquals("data: no user has 3 items (two to learn from and one to validate on), so sasrec has nothing to learn from",
        assertThrows(IllegalArgumentException.class, () -> model.fit(List.of(new int[] {1, 2}), ITEMS)).getMessage());
    assertThrows(IllegalStateException.class, () -> model.score(new int[] {1}, new float[ITEMS + 1]));
  }

  private static int argmax(float[] scores) {
    int best = 1;
    for (int item = 2; item < scores.length; item++) {
      if (scores[item] > scores[best]) {
        best = item;
      }
    }
    return best;
  }
}
