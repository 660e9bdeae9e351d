package dev.recstream.model.twostage;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.VocabularyFile;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import dev.recstream.model.rank.FeatureScaler;
import dev.recstream.model.rank.OnnxRanker;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import dev.recstream.shared.bus.ScoredItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * A two-stage model package on disk (CONTRACT §6) and the model it holds, ready to score.
 *
 * <p>Layout: {@code model.json} (kind, version, created, training data summary, offline metrics,
 * input contract), {@code ranker.onnx} (the ranker; input {@code input} float [-1, features]),
 * {@code scaler.bin} (the features' z-scoring), {@code items.txt} (the vocabulary: line n is
 * the id of item index n), {@code sequences.txt} (the training sequences as item indices),
 * when the data had them, {@code item-attributes.txt}, and optionally the {@link TailModel}:
 * {@code tail.onnx} and {@code tail-scaler.bin}, announced by a {@code "tail"} object in {@code
 * model.json} (packages written before it existed, or trained without it, have neither; their
 * dense scores then order the items outside the candidates by embedding similarity), and
 * optionally a sequence model whose best items join the candidates and whose scores the ranker
 * reads: {@code sequence.onnx} (the sequence package's graph contract, {@code item_ids} int64
 * {@code [batch, L]} → {@code scores} float {@code [batch, items + 1]}), announced by a {@code
 * "sequence"} object in {@code model.json} with its {@code maxLength} L, and optionally the
 * {@link Reranker}'s boosted trees: {@code reranker.onnx} (input {@code input} float [-1,
 * features], the ranker's z-scored rows; output {@code output} float [-1, 1]), announced by a
 * {@code "rerank"} object with its {@code top}. Statistics and embeddings are rebuilt from
 * the sequences when the package is opened — deterministically (fixed seed), in about two seconds
 * for 200,000 actions — which keeps the package small and its contents inspectable. So are the
 * per-item candidate lists ({@link ItemLists}, about one more second): what serving reads per
 * event is derived once here, by the code that built the training examples, for a package of any
 * age, and nothing a package holds had to change for it.
 */
public final class TwoStagePackage implements AutoCloseable {
  public static final String KIND = "two-stage";
  public static final String METADATA = "model.json";
  public static final String RANKER = "ranker.onnx";
  public static final String SCALER = "scaler.bin";
  public static final String ITEMS = "items.txt";
  public static final String SEQUENCES = "sequences.txt";
  public static final String ATTRIBUTES = "item-attributes.txt";
  public static final String TAIL = "tail.onnx";
  public static final String TAIL_SCALER = "tail-scaler.bin";
  public static final String SEQUENCE = "sequence.onnx";
  public static final String RERANKER = "reranker.onnx";

  private final JsonObject metadata;
  private final ItemVocabulary vocabulary;
  private final OnnxRanker ranker;
  /** Idle scorers: one per thread scoring at the same time, made on demand from the first. */
  private final Deque<TwoStageScorer> scorers = new ConcurrentLinkedDeque<>();
  private final TwoStageScorer prototype;
  private final ItemEmbeddings embeddings;
  private final TailModel tail;
  private final SequenceOnnxRecommender sequence;
  /** The reranker's trees, or null. */
  private final OnnxRanker rerankerTrees;

  private TwoStagePackage(JsonObject metadata, ItemVocabulary vocabulary, OnnxRanker ranker, TwoStageScorer scorer,
      ItemEmbeddings embeddings, TailModel tail, SequenceOnnxRecommender sequence, OnnxRanker rerankerTrees) {
    this.metadata = metadata;
    this.rerankerTrees = rerankerTrees;
    this.vocabulary = vocabulary;
    this.ranker = ranker;
    this.prototype = scorer;
    this.scorers.push(scorer);
    this.embeddings = embeddings;
    this.tail = tail;
    this.sequence = sequence;
  }

  /**
   * Opens a package directory; blocking (file reads, embedding training): call it off the event
   * loop.
   *
   * @throws IOException naming the file that is missing or malformed
   */
  public static TwoStagePackage open(Path dir) throws IOException {
    JsonObject metadata = new JsonObject(Files.readString(require(dir, METADATA)));
    if (!KIND.equals(metadata.getString("kind"))) {
      throw new IOException(dir.resolve(METADATA) + ": kind must be '" + KIND + "', got '" + metadata.getString("kind") + "'");
    }
    ItemVocabulary vocabulary = VocabularyFile.read(require(dir, ITEMS));
    List<int[]> sequences = readSequences(require(dir, SEQUENCES), vocabulary.size());
    Map<Integer, int[]> attributes = Files.exists(dir.resolve(ATTRIBUTES)) ? readAttributes(dir.resolve(ATTRIBUTES)) : Map.of();
    FeatureScaler scaler;
    try (InputStream in = Files.newInputStream(require(dir, SCALER))) {
      scaler = FeatureScaler.read(new DataInputStream(in));
    }
    JsonObject input = metadata.getJsonObject("input");
    OnnxRanker ranker = OnnxRanker.open(require(dir, RANKER), input.getInteger("positiveIndex"));
    SequenceOnnxRecommender sequence = null;
    OnnxRanker rerankerTrees = null;
    try {
      TailModel tail = openTail(dir, metadata.getJsonObject("tail"));
      sequence = openSequence(dir, metadata, vocabulary);
      JsonArray features = input.getJsonArray("features");
      int expected = TrainingExamples.featureNames(sequence != null).size();
      if (features != null && features.size() != expected) {
        throw new IOException(dir.resolve(METADATA) + ": input.features must list the " + expected + " features "
            + (sequence != null ? "with" : "without") + " a sequence model, lists " + features.size());
      }
      JsonObject rerank = metadata.getJsonObject("rerank");
      rerankerTrees = rerank == null ? null : OnnxRanker.open(require(dir, RERANKER), 0);
      ItemEmbeddings embeddings = ItemEmbeddings.train(sequences, vocabulary.size(),
          EmbeddingOptions.defaults().withDimension(metadata.getJsonObject("embeddings", new JsonObject()).getInteger("dimension", 64)));
      TwoStageScorer scorer = TwoStageScorer.build(sequences, vocabulary.size(), attributes, embeddings, ranker, scaler,
          tail, sequence, Set.of());
      if (rerankerTrees != null) {
        try {
          scorer = scorer.withReranker(new Reranker(rerankerTrees, rerank.getInteger("top", Reranker.DEFAULT_TOP)));
        } catch (IllegalArgumentException e) {
          throw new IOException(dir.resolve(RERANKER) + ": " + e.getMessage(), e);
        }
      }
      return new TwoStagePackage(metadata, vocabulary, ranker, scorer, embeddings, tail, sequence, rerankerTrees);
    } catch (IOException | RuntimeException e) {
      ranker.close();
      if (sequence != null) {
        sequence.close();
      }
      if (rerankerTrees != null) {
        rerankerTrees.close();
      }
      throw e;
    }
  }

  /** The sequence model the metadata announces, or null when it announces none. */
  private static SequenceOnnxRecommender openSequence(Path dir, JsonObject metadata, ItemVocabulary vocabulary)
      throws IOException {
    JsonObject entry = metadata.getJsonObject("sequence");
    if (entry == null) {
      return null;
    }
    Object maxLength = entry.getValue("maxLength");
    if (!(maxLength instanceof Integer length) || length < 1) {
      throw new IOException(dir.resolve(METADATA) + ": sequence.maxLength must be an integer of at least 1, got "
          + maxLength);
    }
    return SequenceOnnxRecommender.open(dir.resolve(SEQUENCE), dir.resolve(ITEMS), vocabulary, length,
        metadata.getString("version"));
  }

  /** The tail model the metadata announces, or null when it announces none. */
  private static TailModel openTail(Path dir, JsonObject entry) throws IOException {
    if (entry == null) {
      return null;
    }
    FeatureScaler scaler;
    try (InputStream in = Files.newInputStream(require(dir, TAIL_SCALER))) {
      scaler = FeatureScaler.read(new DataInputStream(in));
    }
    Integer positiveIndex = entry.getInteger("positiveIndex");
    if (positiveIndex == null) {
      throw new IOException(dir.resolve(METADATA) + ": \"tail\" has no positiveIndex");
    }
    try (OnnxRanker ranker = OnnxRanker.open(require(dir, TAIL), positiveIndex)) {
      return TailModel.read(ranker, scaler);
    } catch (IllegalArgumentException e) {
      throw new IOException(dir.resolve(TAIL) + ": " + e.getMessage(), e);
    }
  }

  /** Whether the package holds a tail model for {@link #score}. */
  public boolean hasTail() {
    return tail != null;
  }

  public JsonObject metadata() {
    return metadata.copy();
  }

  public String version() {
    return metadata.getString("version");
  }

  public ItemVocabulary vocabulary() {
    return vocabulary;
  }

  /**
   * Top-k item ids for each user's recent item ids (oldest first); unknown items are skipped.
   * Thread-safe: callers on different threads score in parallel, each with its own scorer.
   */
  public List<List<Map.Entry<String, Float>>> recommend(List<List<String>> recentItemIds, int k) {
    List<List<Map.Entry<String, Float>>> result = new ArrayList<>();
    for (TwoStageScorer.Ranked ranked : withScorer(scorer -> scorer.recommend(histories(recentItemIds), k))) {
      List<Map.Entry<String, Float>> items = new ArrayList<>(ranked.items().length);
      for (int i = 0; i < ranked.items().length; i++) {
        items.add(Map.entry(vocabulary.idOf(ranked.items()[i]), ranked.scores()[i]));
      }
      result.add(items);
    }
    return result;
  }

  /**
   * Like {@link #recommend}, each item with its reason ({@link TwoStageScorer#explain}): same
   * items, same scores, explained after ranking so only the final k items cost anything.
   */
  public List<List<ScoredItem>> recommendExplained(List<List<String>> recentItemIds, int k) {
    List<int[]> histories = histories(recentItemIds);
    return withScorer(scorer -> explained(scorer, histories, k));
  }

  private List<List<ScoredItem>> explained(TwoStageScorer scorer, List<int[]> histories, int k) {
    List<TwoStageScorer.Ranked> rankedLists = scorer.recommend(histories, k);
    List<List<ScoredItem>> result = new ArrayList<>(rankedLists.size());
    for (int u = 0; u < rankedLists.size(); u++) {
      TwoStageScorer.Ranked ranked = rankedLists.get(u);
      TwoStageScorer.Explanation[] reasons = scorer.explain(histories.get(u), ranked.items());
      List<ScoredItem> items = new ArrayList<>(ranked.items().length);
      for (int i = 0; i < ranked.items().length; i++) {
        items.add(new ScoredItem(vocabulary.idOf(ranked.items()[i]), ranked.scores()[i],
            reasons[i].text(vocabulary::idOf)));
      }
      result.add(items);
    }
    return result;
  }

  /** Runs {@code work} with a scorer no other thread is using, and gives it back afterwards. */
  private <T> T withScorer(Function<TwoStageScorer, T> work) {
    TwoStageScorer scorer = scorers.poll();
    if (scorer == null) {
      scorer = prototype.sharing();
    }
    try {
      return work.apply(scorer);
    } finally {
      scorers.push(scorer);
    }
  }

  private List<int[]> histories(List<List<String>> recentItemIds) {
    List<int[]> histories = new ArrayList<>(recentItemIds.size());
    for (List<String> ids : recentItemIds) {
      int[] history = new int[ids.size()];
      int known = 0;
      for (String id : ids) {
        int index = vocabulary.indexOf(id);
        if (index > 0) {
          history[known++] = index;
        }
      }
      histories.add(known == history.length ? history : Arrays.copyOf(history, known));
    }
    return histories;
  }

  /**
   * Dense scores of every item index for a user's items so far (indices, oldest first), as the
   * offline evaluation reads them: candidates above every other item, those ordered by the tail
   * model when the package has one. Thread-safe, like {@link #recommend}.
   *
   * @param scores length vocabulary size + 1; index 0 is ignored
   */
  public void score(int[] history, float[] scores) {
    withScorer(scorer -> {
      scorer.score(history, scores);
      return null;
    });
  }

  /** The item's nearest neighbours in the embedding space with their cosine; empty for an unknown item. */
  public List<Map.Entry<String, Float>> similar(String itemId, int k) {
    int item = vocabulary.indexOf(itemId);
    if (item == 0) {
      return List.of();
    }
    float[] vector = embeddings.vector(item);
    List<Map.Entry<String, Float>> result = new ArrayList<>(k);
    for (int neighbour : embeddings.nearest(vector, k, other -> other == item)) {
      result.add(Map.entry(vocabulary.idOf(neighbour), embeddings.cosine(item, neighbour)));
    }
    return result;
  }

  @Override
  public void close() {
    ranker.close();
    if (sequence != null) {
      sequence.close();
    }
    if (rerankerTrees != null) {
      rerankerTrees.close();
    }
  }

  private static Path require(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IOException("model package " + dir + " has no " + name);
    }
    return file;
  }

  private static List<int[]> readSequences(Path file, int numItems) throws IOException {
    List<int[]> sequences = new ArrayList<>();
    int lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        sequences.add(parseIndices(line, 1, numItems, file, lineNumber));
      }
    }
    return sequences;
  }

  private static Map<Integer, int[]> readAttributes(Path file) throws IOException {
    Map<Integer, int[]> attributes = new HashMap<>();
    int lineNumber = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNumber++;
      int[] values = parseIndices(line, 0, Integer.MAX_VALUE, file, lineNumber);
      if (values.length > 0) {
        attributes.put(values[0], Arrays.copyOfRange(values, 1, values.length));
      }
    }
    return attributes;
  }

  private static int[] parseIndices(String line, int min, int max, Path file, int lineNumber) throws IOException {
    String trimmed = line.trim();
    if (trimmed.isEmpty()) {
      return new int[0];
    }
    String[] parts = trimmed.split(" ");
    int[] values = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        throw new IOException(file + " line " + lineNumber + ": '" + parts[i] + "' is not an item index");
      }
      if (values[i] < min || values[i] > max) {
        throw new IOException(file + " line " + lineNumber + ": " + values[i] + " is outside " + min + ".." + max);
      }
    }
    return values;
  }
}
