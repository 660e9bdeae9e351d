package dev.recstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.twostage.TailModel;
import dev.recstream.model.twostage.TrainingExamples;
import dev.recstream.model.twostage.TwoStagePackage;
import dev.recstream.trainer.rank.RankerOptions;
import dev.recstream.trainer.sequence.SequenceNetOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-stage model with a small SASRec inside, trained in seconds on noisy chains over more
 * items than the candidates cover (so the tail model has rows too): the package carries the
 * sequence graph and the wider ranker and tail model, and serves what the fitted model scored.
 */
@DisplayName("The two-stage model with a sequence model inside")
class TwoStageSequenceTest {
  private static final int ITEMS = 300;
  private static final List<int[]> HISTORIES = List.of(
      new int[] {5, 6, 7}, new int[] {70, 40, 41, 42}, new int[] {79}, new int[] {10, 60, 10, 27, 28, 29, 30});

  private static List<int[]> sequences;
  private static ItemVocabulary vocabulary;
  private static TwoStageModel model;

  @TempDir
  Path dir;

  @BeforeAll
  static void fit() {
    SplittableRandom random = new SplittableRandom(23);
    sequences = new ArrayList<>();
    for (int u = 0; u < 600; u++) {
      int[] s = new int[5 + random.nextInt(8)];
      s[0] = 1 + random.nextInt(ITEMS);
      for (int i = 1; i < s.length; i++) {
        s[i] = random.nextDouble() < 0.6 ? s[i - 1] % ITEMS + 1 : 1 + random.nextInt(ITEMS);
      }
      sequences.add(s);
    }
    vocabulary = new ItemVocabulary();
    for (int i = 1; i <= ITEMS; i++) {
      vocabulary.add("i" + i);
    }
    SequenceNetOptions small = SequenceNetOptions.sasrec().withDimension(16).withMaxLength(10).withDropout(0.1)
        .withEpochs(15, 5).withNegatives(20).withLearningRate(1e-2);
    model = new TwoStageModel("two-stage+sasrec", EmbeddingOptions.defaults().withDimension(16), RankerOptions.defaults(),
        Set.of()).withSequenceModel(small);
    model.fit(sequences, ITEMS);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static List<String> ids(int[] history) {
    return Arrays.stream(history).mapToObj(vocabulary::idOf).toList();
  }

  @Test
  @DisplayName("the package holds sequence.onnx, announces it with its L, and lists the ranker's sequence columns")
  void packageLayout() throws IOException {
    Path out = dir.resolve("package");
    model.writePackage(out, vocabulary, new JsonObject(), new JsonObject(), 9L);
    assertTrue(Files.isRegularFile(out.resolve(TwoStagePackage.SEQUENCE)));
    JsonObject metadata = new JsonObject(Files.readString(out.resolve(TwoStagePackage.METADATA)));
    JsonObject sequence = metadata.getJsonObject("sequence");
    assertEquals(TwoStagePackage.SEQUENCE, sequence.getString("onnx"));
    assertEquals(10, sequence.getInteger("maxLength"));
    assertEquals("sasrec", sequence.getString("name"));
    assertTrue(sequence.getJsonObject("training").getInteger("bestEpoch") >= 1);
    JsonArray features = metadata.getJsonObject("input").getJsonArray("features");
    assertEquals(new JsonArray(TrainingExamples.featureNames(true)), features);
    assertEquals("f29_rank_sequence", features.getString(features.size() - 1));
    JsonArray tail = metadata.getJsonObject("tail").getJsonArray("features");
    assertEquals(new JsonArray(TailModel.featureNames(true)), tail);
    assertEquals("t14_sequence_gap", tail.getString(tail.size() - 1));
  }

  @Test
  @DisplayName("an opened package scores every item and recommends as the fitted model did")
  void servesWhatWasFitted() throws IOException {
    Path out = dir.resolve("round-trip");
    model.writePackage(out, vocabulary, new JsonObject(), new JsonObject(), 9L);
    try (TwoStagePackage opened = TwoStagePackage.open(out)) {
      List<List<String>> batch = new ArrayList<>();
      for (int[] history : HISTORIES) {
        float[] fitted = new float[ITEMS + 1];
        float[] served = new float[ITEMS + 1];
        model.score(history, fitted);
        opened.score(history, served);
        for (int item = 1; item <= ITEMS; item++) {
          assertEquals(fitted[item], served[item], 1e-5, "item " + item + " after " + Arrays.toString(history));
        }
        batch.add(ids(history));
      }
      // One batch (one sequence-model call for all histories) ranks as one user at a time does.
      List<List<Map.Entry<String, Float>>> together = opened.recommend(batch, 10);
      for (int u = 0; u < batch.size(); u++) {
        assertEquals(opened.recommend(List.of(batch.get(u)), 10).get(0), together.get(u), "user " + u);
      }
    }
  }

  @Test
  @DisplayName("a package whose ranker does not match its sequence model is refused at opening, naming the file")
  void mismatchIsRefused() throws IOException {
    Path out = dir.resolve("mismatch");
    model.writePackage(out, vocabulary, new JsonObject(), new JsonObject(), 9L);
    JsonObject metadata = new JsonObject(Files.readString(out.resolve(TwoStagePackage.METADATA)));
    metadata.remove("sequence");
    Files.writeString(out.resolve(TwoStagePackage.METADATA), metadata.encodePrettily());
    IOException refused = assertThrows(IOException.class, () -> TwoStagePackage.open(out));
    assertTrue(refused.getMessage().contains("input.features must list the 27 features without a sequence model, lists 30"),
        refused.getMessage());
    assertTrue(refused.getMessage().startsWith(out.resolve(TwoStagePackage.METADATA).toString()), refused.getMessage());
  }

  @Test
  @DisplayName("the same data without the sequence model scores differently: the ranker reads it")
  void theSequenceModelCounts() {
    TwoStageModel plain = new TwoStageModel("two-stage", EmbeddingOptions.defaults().withDimension(16),
        RankerOptions.defaults(), Set.of());
    plain.fit(sequences, ITEMS);
    boolean differs = false;
    for (int[] history : HISTORIES) {
      float[] with = new float[ITEMS + 1];
      float[] without = new float[ITEMS + 1];
      model.score(history, with);
      plain.score(history, without);
      differs |= !Arrays.equals(with, without);
    }
    assertTrue(differs, "the sequence model changes the scores");
    assertFalse(plain.hasSequenceModel());
    assertTrue(model.hasSequenceModel());
  }
}
