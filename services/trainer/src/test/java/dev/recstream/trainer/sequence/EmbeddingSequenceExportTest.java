package dev.recstream.trainer.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import dev.recstream.shared.bus.ScoredItem;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("EmbeddingSequenceExport writes a sequence-onnx package that SequenceOnnxRecommender serves")
class EmbeddingSequenceExportTest {
  private static final int ITEMS = 12;
  private static final int DIMENSION = 5;
  private static final int MAX_LENGTH = 4;
  private static final double DECAY = 0.8;
  private static final double TOLERANCE = 1e-4;
  private static final float[][] EMBEDDINGS = randomEmbeddings(ITEMS, DIMENSION, 7);

  @TempDir Path dir;

  private static float[][] randomEmbeddings(int items, int dimension, long seed) {
    Random random = new Random(seed);
    float[][] rows = new float[items + 1][dimension];
    for (int item = 1; item <= items; item++) {
      for (int j = 0; j < dimension; j++) {
        rows[item][j] = (float) random.nextGaussian();
      }
    }
    return rows;
  }

  private static ItemVocabulary vocabulary(int items) {
    ItemVocabulary vocabulary = new ItemVocabulary();
    for (int item = 1; item <= items; item++) {
      vocabulary.add(id(item));
    }
    return vocabulary;
  }

  private static String id(int item) {
    return "item-" + item;
  }

  private static int index(String id) {
    return Integer.parseInt(id.substring("item-".length()));
  }

  private Path writePackage() throws IOException {
    Path pkg = dir.resolve("pkg");
    EmbeddingSequenceExport.writePackage(pkg, vocabulary(ITEMS), EMBEDDINGS, MAX_LENGTH, DECAY, 7,
        new JsonObject().put("dataset", "random"));
    return pkg;
  }

  /**
   * The formula in plain Java: the newest MAX_LENGTH of {@code newestFirst} (indices) sit at the
   * right end of the row, position l weighs DECAY^(L-1-l), and item j scores u · E[j].
   */
  private static double[] expectedScores(int... newestFirst) {
    double[] u = new double[DIMENSION];
    for (int i = 0; i < Math.min(newestFirst.length, MAX_LENGTH); i++) {
      int position = MAX_LENGTH - 1 - i;
      double weight = Math.pow(DECAY, MAX_LENGTH - 1 - position);
      for (int j = 0; j < DIMENSION; j++) {
        u[j] += weight * EMBEDDINGS[newestFirst[i]][j];
      }
    }
    double[] scores = new double[ITEMS + 1];
    for (int item = 0; item <= ITEMS; item++) {
      for (int j = 0; j < DIMENSION; j++) {
        scores[item] += u[j] * EMBEDDINGS[item][j];
      }
    }
    return scores;
  }

  private static List<String> ids(int... items) {
    return Arrays.stream(items).mapToObj(EmbeddingSequenceExportTest::id).toList();
  }

  /** Every returned item scores as the formula says, best first, with none of {@code excluded}. */
  private static void assertScores(List<ScoredItem> list, double[] expected, int... excluded) {
    Set<Integer> left = new HashSet<>();
    Arrays.stream(excluded).forEach(left::add);
    for (int i = 0; i < list.size(); i++) {
      ScoredItem item = list.get(i);
      int index = index(item.itemId());
      assertFalse(left.contains(index), "returned an excluded item: " + list);
      assertEquals(expected[index], item.score(), TOLERANCE, "score of " + item.itemId());
      if (i > 0) {
        assertTrue(list.get(i - 1).score() >= item.score(), "not best first: " + list);
      }
    }
  }

  /** The best {@code k} indices by the formula, skipping {@code excluded}. */
  private static List<String> expectedTop(double[] expected, int k, int... excluded) {
    Set<Integer> skip = new HashSet<>();
    Arrays.stream(excluded).forEach(skip::add);
    List<Integer> items = new ArrayList<>();
    for (int item = 1; item <= ITEMS; item++) {
      if (!skip.contains(item)) {
        items.add(item);
      }
    }
    items.sort((a, b) -> Double.compare(expected[b], expected[a]));
    return items.subList(0, Math.min(k, items.size())).stream().map(EmbeddingSequenceExportTest::id).toList();
  }

  @Test
  @DisplayName("ONNX scores equal the plain-Java formula for a batch of 3, including a left-padded short history")
  void scoresMatchPlainJava() throws IOException {
    try (SequenceOnnxRecommender model = SequenceOnnxRecommender.open(writePackage())) {
      List<List<String>> batch = List.of(ids(3), ids(5, 1, 7, 2), ids(9, 4, 11));

      List<List<ScoredItem>> lists = model.recommendAll(batch, ITEMS);

      assertEquals(3, lists.size());
      assertEquals(ITEMS - 1, lists.get(0).size());
      assertScores(lists.get(0), expectedScores(3), 3);
      assertEquals(ITEMS - 4, lists.get(1).size());
      assertScores(lists.get(1), expectedScores(5, 1, 7, 2), 5, 1, 7, 2);
      assertEquals(ITEMS - 3, lists.get(2).size());
      assertScores(lists.get(2), expectedScores(9, 4, 11), 9, 4, 11);
      assertEquals(lists.get(0), model.recommend(ids(3), ITEMS), "recommend agrees with recommendAll");
    }
  }

  @Test
  @DisplayName("recommend returns k items best first, excludes the history, keeps the newest maxLength known items")
  void recommendTruncatesSkipsAndExcludes() throws IOException {
    try (SequenceOnnxRecommender model = SequenceOnnxRecommender.open(writePackage())) {
      int[] history = {6, 2, 10, 1, 8, 12};
      List<String> withUnknown = new ArrayList<>(ids(history));
      withUnknown.add(1, "unknown-a");
      withUnknown.add(0, "unknown-b");

      List<ScoredItem> top = model.recommend(withUnknown, 3);

      double[] expected = expectedScores(history);
      assertEquals(expectedTop(expected, 3, history), top.stream().map(ScoredItem::itemId).toList());
      assertScores(top, expected, history);
      assertEquals(model.recommend(ids(history), 3), top, "unknown ids change nothing");
      assertEquals(scoreOf(model.recommend(ids(6, 2, 10, 1), ITEMS), id(3)), scoreOf(model.recommend(ids(history), ITEMS), id(3)),
          TOLERANCE, "items older than maxLength do not change the scores");
    }
  }

  private static double scoreOf(List<ScoredItem> list, String itemId) {
    return list.stream().filter(item -> item.itemId().equals(itemId)).findFirst().orElseThrow().score();
  }

  @Test
  @DisplayName("an empty or all-unknown history gets the all-padding row's scores (zero here), in index order")
  void emptyHistory() throws IOException {
    try (SequenceOnnxRecommender model = SequenceOnnxRecommender.open(writePackage())) {
      List<ScoredItem> empty = model.recommend(List.of(), 3);

      assertEquals(List.of(new ScoredItem(id(1), 0), new ScoredItem(id(2), 0), new ScoredItem(id(3), 0)), empty);
      assertEquals(empty, model.recommend(List.of("unknown"), 3));
      assertEquals(List.of(), model.recommend(ids(1), 0));
    }
  }

  @Test
  @DisplayName("similar scores the one-item history, excludes the item, and is empty for an unknown item")
  void similar() throws IOException {
    try (SequenceOnnxRecommender model = SequenceOnnxRecommender.open(writePackage())) {
      List<ScoredItem> similar = model.similar(id(4), ITEMS);

      assertEquals(ITEMS - 1, similar.size());
      assertScores(similar, expectedScores(4), 4);
      assertEquals(expectedTop(expectedScores(4), 2, 4), model.similar(id(4), 2).stream().map(ScoredItem::itemId).toList());
      assertEquals(List.of(), model.similar("unknown", 5));
    }
  }

  @Test
  @DisplayName("the model is frozen, blocking and versioned sequence-onnx-<version>")
  void seamFlags() throws IOException {
    try (SequenceOnnxRecommender model = SequenceOnnxRecommender.open(writePackage())) {
      assertEquals("sequence-onnx-7", model.version());
      assertFalse(model.learnsFromStream());
      assertTrue(model.blocking());
      assertEquals(MAX_LENGTH, model.maxLength());
    }
  }

  @Test
  @DisplayName("concurrent callers get the same lists as a single caller")
  void concurrentCallers() throws Exception {
    try (SequenceOnnxRecommender model = SequenceOnnxRecommender.open(writePackage())) {
      List<List<String>> histories = List.of(ids(3), ids(5, 1, 7, 2), ids(9, 4, 11), List.of());
      List<List<ScoredItem>> expected = model.recommendAll(histories, 5);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int user = t % histories.size();
          results.add(pool.submit(() -> {
            for (int i = 0; i < 50; i++) {
              if (!model.recommend(histories.get(user), 5).equals(expected.get(user))) {
                return false;
              }
            }
            return true;
          }));
        }
        for (Future<Boolean> result : results) {
          assertTrue(result.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  @DisplayName("the ItemEmbeddings overload exports trained vectors: similar() scores are their cosines")
  void fromItemEmbeddings() throws IOException {
    List<int[]> sequences = List.of(new int[] {1, 2, 3, 4}, new int[] {2, 3, 5, 6}, new int[] {1, 3, 6, 7},
        new int[] {4, 5, 6, 8}, new int[] {7, 8, 1, 2});
    ItemEmbeddings embeddings = ItemEmbeddings.train(sequences, 8, EmbeddingOptions.defaults().withDimension(3));
    Path pkg = dir.resolve("trained");
    EmbeddingSequenceExport.writePackage(pkg, vocabulary(8), embeddings, 3, EmbeddingSequenceExport.DEFAULT_DECAY, 1,
        new JsonObject());

    try (SequenceOnnxRecommender model = SequenceOnnxRecommender.open(pkg)) {
      for (ScoredItem item : model.similar(id(3), 7)) {
        assertEquals(embeddings.cosine(3, index(item.itemId())), item.score(), TOLERANCE, item.itemId());
      }
    }
  }

  @Test
  @DisplayName("writePackage refuses a padding row that is not zero, naming the argument and the rule")
  void nonZeroPaddingRow() {
    float[][] rows = randomEmbeddings(3, 2, 1);
    rows[0][1] = 0.5f;

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        EmbeddingSequenceExport.writePackage(dir, vocabulary(3), rows, 2, DECAY, 1, new JsonObject()));

    assertTrue(e.getMessage().contains("embeddingsWithPaddingRow: row 0"), e.getMessage());
  }

  @Nested
  @DisplayName("a package that breaks the contract fails to open with an IOException naming the file and rule")
  class BadPackages {
    private IOException openFails(Path pkg) {
      return assertThrows(IOException.class, () -> SequenceOnnxRecommender.open(pkg));
    }

    private static void assertMentions(IOException e, String... parts) {
      for (String part : parts) {
        assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
      }
    }

    @Test
    @DisplayName("kind other than sequence-onnx")
    void wrongKind() throws IOException {
      Path pkg = writePackage();
      Path json = pkg.resolve("model.json");
      Files.writeString(json, new JsonObject(Files.readString(json)).put("kind", "two-stage").encode());

      assertMentions(openFails(pkg), json.toString(), "kind must be 'sequence-onnx'", "'two-stage'");
    }

    @Test
    @DisplayName("no model.onnx")
    void missingOnnx() throws IOException {
      Path pkg = writePackage();
      Files.delete(pkg.resolve("model.onnx"));

      assertMentions(openFails(pkg), pkg.toString(), "has no model.onnx");
    }

    @Test
    @DisplayName("an ONNX input not named item_ids")
    void renamedInput() throws IOException {
      Path pkg = writePackage();
      Path onnx = pkg.resolve("model.onnx");
      Files.write(onnx, renameInput(OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx)), "item_ids", "tokens")
          .toByteArray());

      assertMentions(openFails(pkg), onnx.toString(), "must have an input named 'item_ids'", "[tokens]");
    }

    @Test
    @DisplayName("an output whose columns are not the vocabulary size + 1")
    void outputColumns() throws IOException {
      Path pkg = writePackage();
      Files.writeString(pkg.resolve("items.txt"), "item-13\n", StandardOpenOption.APPEND);

      assertMentions(openFails(pkg), pkg.resolve("model.onnx").toString(), "must have 14 columns",
          pkg.resolve("items.txt").toString(), "[-1, 13]");
    }

    @Test
    @DisplayName("an input length that differs from model.json's maxLength")
    void inputLength() throws IOException {
      Path pkg = writePackage();
      Path json = pkg.resolve("model.json");
      JsonObject metadata = new JsonObject(Files.readString(json));
      metadata.getJsonObject("input").put("maxLength", MAX_LENGTH + 1);
      Files.writeString(json, metadata.encode());

      assertMentions(openFails(pkg), pkg.resolve("model.onnx").toString(), "maxLength " + (MAX_LENGTH + 1), "[-1, 4]");
    }

    /** The model with graph input {@code from} (and every node reading it) renamed to {@code to}. */
    private static OnnxMl.ModelProto renameInput(OnnxMl.ModelProto model, String from, String to) {
      OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder();
      for (OnnxMl.ValueInfoProto.Builder input : graph.getInputBuilderList()) {
        if (input.getName().equals(from)) {
          input.setName(to);
        }
      }
      for (OnnxMl.NodeProto.Builder node : graph.getNodeBuilderList()) {
        for (int i = 0; i < node.getInputCount(); i++) {
          if (node.getInput(i).equals(from)) {
            node.setInput(i, to);
          }
        }
      }
      return model.toBuilder().setGraph(graph).build();
    }
  }
}
