package dev.recstream.model.sequence;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.TopItems;
import dev.recstream.model.VocabularyFile;
import dev.recstream.model.rank.OrtEnvironmentHolder;
import dev.recstream.model.streaming.FrozenRecommender;
import dev.recstream.shared.bus.ScoredItem;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A "bring your own sequence model" package (CONTRACT §6) served behind the {@link FrozenRecommender}
 * seam: any ONNX graph that maps {@code item_ids} int64 {@code [batch, L]} (left-padded with 0,
 * 1-based vocabulary indices) to {@code scores} float {@code [batch, vocab+1]} — a SASRec or
 * GRU4Rec exported from PyTorch, or the trainer's own embedding export.
 *
 * <p>Layout: {@code model.json} ({@code kind} {@value #KIND}, {@code version} (digits), {@code
 * created}, {@code training}, {@code metrics}, and {@code input}: {@code onnx} the graph file,
 * {@code input}/{@code output} the tensor names — the contract's {@code item_ids}/{@code scores}
 * when absent — and {@code maxLength} L), the ONNX file, and {@code items.txt} (line n is the id
 * of item index n, read by {@link VocabularyFile}). The graph's signature is checked on open, so
 * a package that does not follow the contract fails at activation, not at the first request.
 *
 * <p>Input rows: the newest L known items (unknown ids are skipped before counting), oldest
 * first, left-padded with 0. A user with no known item gets the scores of the all-padding row:
 * whatever the model predicts with no history (a trained SASRec's prior; all zeros for the
 * trainer's embedding export, whose padding row is zero, so items then come in index order).
 * Index 0 and every known item of the history — also those older than L — are never
 * recommended.
 *
 * <p>Thread-safety: any number of threads may call {@link #recommend}, {@link #recommendAll}
 * and {@link #similar}: {@code OrtSession.run} is thread-safe and each call builds its own
 * tensors. A read-write lock lets runs proceed together while {@link #close} waits for them.
 */
public final class SequenceOnnxRecommender implements FrozenRecommender {
  public static final String KIND = "sequence-onnx";
  public static final String METADATA = "model.json";
  public static final String ITEMS = "items.txt";
  public static final String DEFAULT_ONNX = "model.onnx";
  public static final String DEFAULT_INPUT = "item_ids";
  public static final String DEFAULT_OUTPUT = "scores";

  private final String version;
  private final ItemVocabulary vocabulary;
  private final int maxLength;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final String source;
  private final String inputName;
  private final String outputName;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private SequenceOnnxRecommender(String version, ItemVocabulary vocabulary, int maxLength, OrtEnvironment env,
      OrtSession session, String source, String inputName, String outputName) {
    this.version = version;
    this.vocabulary = vocabulary;
    this.maxLength = maxLength;
    this.env = env;
    this.session = session;
    this.source = source;
    this.inputName = inputName;
    this.outputName = outputName;
  }

  /**
   * Opens a package directory and checks the graph against the contract; blocking (file reads,
   * ONNX Runtime session creation): call it off the event loop.
   *
   * @throws IOException naming the file and the rule it breaks: a missing file, a wrong {@code
   *     kind}, a bad {@code version} or {@code maxLength}, a graph ONNX Runtime cannot load, or an
   *     input/output that is not the contract's int64 {@code [batch, L]} / float {@code [batch,
   *     vocab+1]}
   */
  public static SequenceOnnxRecommender open(Path dir) throws IOException {
    Path metadataFile = require(dir, METADATA);
    JsonObject metadata = readJson(metadataFile);
    Object kind = metadata.getValue("kind");
    if (!KIND.equals(kind)) {
      throw new IOException(metadataFile + ": kind must be '" + KIND + "', got '" + kind + "'");
    }
    Object version = metadata.getValue("version");
    if (!(version instanceof String digits) || !digits.matches("[0-9]+")) {
      throw new IOException(metadataFile + ": version must be a string of digits, got " + describe(version));
    }
    Object inputValue = metadata.getValue("input");
    if (!(inputValue instanceof JsonObject input)) {
      throw new IOException(metadataFile + ": input must be an object with onnx, input, output and maxLength, got "
          + describe(inputValue));
    }
    Object maxLengthValue = input.getValue("maxLength");
    if (!(maxLengthValue instanceof Integer maxLength) || maxLength < 1) {
      throw new IOException(metadataFile + ": input.maxLength must be an integer of at least 1, got "
          + describe(maxLengthValue));
    }
    String onnxName = stringField(input, "onnx", DEFAULT_ONNX, metadataFile);
    if (onnxName.contains("/") || onnxName.contains("\\") || onnxName.equals("..")) {
      throw new IOException(metadataFile + ": input.onnx must name a file inside the package, got '" + onnxName + "'");
    }
    String inputName = stringField(input, "input", DEFAULT_INPUT, metadataFile);
    String outputName = stringField(input, "output", DEFAULT_OUTPUT, metadataFile);
    Path itemsFile = require(dir, ITEMS);
    ItemVocabulary vocabulary = VocabularyFile.read(itemsFile);
    if (vocabulary.size() == 0) {
      throw new IOException(itemsFile + ": must list at least one item id, one per line");
    }
    Path onnxFile = require(dir, onnxName);
    return of(Files.readAllBytes(onnxFile), onnxFile, itemsFile, vocabulary, digits, inputName, outputName, maxLength);
  }

  /**
   * Serves a graph held in memory — e.g. one just trained, for offline evaluation through the
   * serving code — with the contract's tensor names.
   *
   * @throws IOException when ONNX Runtime cannot load the graph or its signature breaks the contract
   */
  public static SequenceOnnxRecommender of(byte[] onnx, ItemVocabulary vocabulary, int maxLength, String version)
      throws IOException {
    Path source = Path.of("(in memory: " + version + ")");
    return of(onnx, source, source, vocabulary, version, DEFAULT_INPUT, DEFAULT_OUTPUT, maxLength);
  }

  /**
   * Serves a graph file of another package (a two-stage package's sequence model) over that
   * package's vocabulary, with the contract's tensor names; blocking.
   *
   * @throws IOException naming the file when it is missing, ONNX Runtime cannot load it, or its
   *     signature breaks the contract
   */
  public static SequenceOnnxRecommender open(Path onnxFile, Path itemsFile, ItemVocabulary vocabulary, int maxLength,
      String version) throws IOException {
    if (!Files.isRegularFile(onnxFile)) {
      throw new IOException("model package " + onnxFile.getParent() + " has no " + onnxFile.getFileName());
    }
    return of(Files.readAllBytes(onnxFile), onnxFile, itemsFile, vocabulary, version, DEFAULT_INPUT, DEFAULT_OUTPUT,
        maxLength);
  }

  private static SequenceOnnxRecommender of(byte[] onnx, Path onnxFile, Path itemsFile, ItemVocabulary vocabulary,
      String version, String inputName, String outputName, int maxLength) throws IOException {
    OrtEnvironment env = OrtEnvironmentHolder.environment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      session = env.createSession(onnx, options);
    } catch (OrtException e) {
      throw new IOException(onnxFile + ": ONNX Runtime could not load the graph: " + e.getMessage(), e);
    }
    try {
      checkSignature(session, onnxFile, itemsFile, inputName, outputName, maxLength, vocabulary.size());
    } catch (IOException | RuntimeException e) {
      try {
        session.close();
      } catch (OrtException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return new SequenceOnnxRecommender(version, vocabulary, maxLength, env, session, onnxFile.toString(), inputName,
        outputName);
  }

  /** {@code sequence-onnx-} followed by the package's version. */
  @Override
  public String version() {
    return KIND + "-" + version;
  }

  /** The number of items the package knows (indices 1..size). */
  public int vocabularySize() {
    return vocabulary.size();
  }

  /** L: how many of a user's newest items the graph sees. */
  public int maxLength() {
    return maxLength;
  }

  /** Scores every user of the batch in one ONNX Runtime call. */
  @Override
  public List<List<ScoredItem>> recommendAll(List<List<String>> recentItemsPerUser, int k) {
    int users = recentItemsPerUser.size();
    if (users == 0) {
      return List.of();
    }
    long[] rows = new long[users * maxLength];
    int[][] known = new int[users][];
    for (int u = 0; u < users; u++) {
      known[u] = knownNewestFirst(recentItemsPerUser.get(u));
      int kept = Math.min(known[u].length, maxLength);
      // Row u ends with the newest item; known[u] is newest first, so fill from the right.
      for (int i = 0; i < kept; i++) {
        rows[u * maxLength + maxLength - 1 - i] = known[u][i];
      }
    }
    float[] scores = run(rows, users);
    List<List<ScoredItem>> lists = new ArrayList<>(users);
    for (int u = 0; u < users; u++) {
      lists.add(top(scores, u, k, known[u]));
    }
    return lists;
  }

  /**
   * The best next items after the one-item history {@code [itemId]}, without the item itself;
   * empty for an item the package does not know.
   */
  @Override
  public List<ScoredItem> similar(String itemId, int k) {
    int item = vocabulary.indexOf(itemId);
    if (item == 0) {
      return List.of();
    }
    long[] row = new long[maxLength];
    row[maxLength - 1] = item;
    return top(run(row, 1), 0, k, new int[] {item});
  }

  /**
   * Every item's score {@code [vocab + 1]} for a history of item indices (oldest first, 1-based;
   * the newest L are seen), as the graph gives them: nothing excluded.
   *
   * @param scores length vocab + 1, overwritten
   */
  public void scores(int[] history, float[] scores) {
    System.arraycopy(scores(List.of(history)), 0, scores, 0, vocabulary.size() + 1);
  }

  /**
   * Every item's score for each history of item indices (oldest first) in one ONNX Runtime call:
   * row u of the result, {@code [u * (vocab + 1), (u + 1) * (vocab + 1))}, is history u's, as
   * {@link #scores(int[], float[])} gives it.
   */
  public float[] scores(List<int[]> histories) {
    int users = histories.size();
    long[] rows = new long[users * maxLength];
    for (int u = 0; u < users; u++) {
      int[] history = histories.get(u);
      int kept = Math.min(history.length, maxLength);
      int end = (u + 1) * maxLength;
      for (int i = 0; i < kept; i++) {
        rows[end - kept + i] = history[history.length - kept + i];
      }
    }
    return run(rows, users);
  }

  /** Closes the session once in-flight runs finish; later calls fail with IllegalStateException. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        session.close();
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to close the sequence model " + source + ".", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "SequenceOnnxRecommender[" + source + ", " + inputName + " int64[-1, " + maxLength + "] → " + outputName
        + " float[-1, " + (vocabulary.size() + 1) + "]]";
  }

  /** The known item indices of a newest-first history, still newest first; unknown ids dropped. */
  private int[] knownNewestFirst(List<String> recentItems) {
    int[] known = new int[recentItems.size()];
    int n = 0;
    for (String id : recentItems) {
      int index = vocabulary.indexOf(id);
      if (index > 0) {
        known[n++] = index;
      }
    }
    return Arrays.copyOf(known, n);
  }

  /** Runs the graph on {@code users} rows of L indices; returns users × (vocab + 1) scores, row-major. */
  private float[] run(long[] rows, int users) {
    int columns = vocabulary.size() + 1;
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("The sequence model " + source + " is closed.");
      }
      try (OnnxTensor tensor = OnnxTensor.createTensor(env, LongBuffer.wrap(rows), new long[] {users, maxLength});
          OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
        OnnxValue value = result.get(0);
        if (!(value instanceof OnnxTensor output)) {
          throw new IllegalStateException("The sequence model " + source + " returned a " + value.getType()
              + " instead of a tensor for " + outputName + ".");
        }
        long[] shape = output.getInfo().getShape();
        if (shape.length != 2 || shape[0] != users || shape[1] != columns) {
          throw new IllegalStateException("The sequence model " + source + " returned " + outputName + " of shape "
              + Arrays.toString(shape) + " for " + users + " rows; the contract needs [" + users + ", " + columns + "].");
        }
        FloatBuffer buffer = output.getFloatBuffer();
        float[] scores = new float[users * columns];
        buffer.get(scores);
        return scores;
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime failed to score " + users + " rows with the sequence model "
            + source + ": " + e.getMessage(), e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The top k items of row {@code user}, skipping index 0 and {@code exclude}; NaN ranks last. */
  private List<ScoredItem> top(float[] scores, int user, int k, int[] exclude) {
    int items = vocabulary.size();
    if (k <= 0) {
      return List.of();
    }
    boolean[] excluded = new boolean[items + 1];
    for (int item : exclude) {
      excluded[item] = true;
    }
    TopItems best = new TopItems(Math.min(k, items));
    int offset = user * (items + 1);
    for (int item = 1; item <= items; item++) {
      if (!excluded[item]) {
        float score = scores[offset + item];
        best.offer(item, Float.isNaN(score) ? Float.NEGATIVE_INFINITY : score);
      }
    }
    int[] order = best.drainBestFirst();
    List<ScoredItem> list = new ArrayList<>(order.length);
    for (int item : order) {
      list.add(new ScoredItem(vocabulary.idOf(item), scores[offset + item]));
    }
    return list;
  }

  private static void checkSignature(OrtSession session, Path onnxFile, Path itemsFile, String inputName,
      String outputName, int maxLength, int items) throws IOException {
    Map<String, NodeInfo> inputs;
    Map<String, NodeInfo> outputs;
    try {
      inputs = session.getInputInfo();
      outputs = session.getOutputInfo();
    } catch (OrtException e) {
      throw new IOException(onnxFile + ": ONNX Runtime could not read the graph's inputs and outputs: " + e.getMessage(), e);
    }
    NodeInfo input = inputs.get(inputName);
    if (input == null) {
      throw new IOException(onnxFile + ": the graph must have an input named '" + inputName + "' (CONTRACT §6), has "
          + inputs.keySet());
    }
    if (inputs.size() != 1) {
      throw new IOException(onnxFile + ": the graph must have exactly one input, '" + inputName
          + "', as nothing else is fed; has " + inputs.keySet());
    }
    long[] inputShape = tensorShape(input, OnnxJavaType.INT64, "int64", "input", onnxFile);
    if (inputShape[0] != -1) {
      throw new IOException(onnxFile + ": input '" + inputName + "' must have a free batch dimension (-1), has shape "
          + Arrays.toString(inputShape));
    }
    if (inputShape[1] != -1 && inputShape[1] != maxLength) {
      throw new IOException(onnxFile + ": input '" + inputName + "' must have length -1 or model.json's maxLength "
          + maxLength + ", has shape " + Arrays.toString(inputShape));
    }
    NodeInfo output = outputs.get(outputName);
    if (output == null) {
      throw new IOException(onnxFile + ": the graph must have an output named '" + outputName + "' (CONTRACT §6), has "
          + outputs.keySet());
    }
    long[] outputShape = tensorShape(output, OnnxJavaType.FLOAT, "float", "output", onnxFile);
    if (outputShape[1] != -1 && outputShape[1] != items + 1) {
      throw new IOException(onnxFile + ": output '" + outputName + "' must have " + (items + 1)
          + " columns (the " + items + " items of " + itemsFile + " plus padding index 0) or -1, has shape "
          + Arrays.toString(outputShape));
    }
  }

  /** Checks a rank-2 tensor of the given element type and returns its shape. */
  private static long[] tensorShape(NodeInfo node, OnnxJavaType type, String typeName, String role, Path onnxFile)
      throws IOException {
    if (!(node.getInfo() instanceof TensorInfo info) || info.type != type) {
      throw new IOException(onnxFile + ": " + role + " '" + node.getName() + "' must be a " + typeName
          + " tensor, is " + node.getInfo());
    }
    long[] shape = info.getShape();
    if (shape.length != 2) {
      throw new IOException(onnxFile + ": " + role + " '" + node.getName() + "' must have rank 2 [batch, n], has shape "
          + Arrays.toString(shape));
    }
    return shape;
  }

  private static Path require(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IOException("model package " + dir + " has no " + name);
    }
    return file;
  }

  private static JsonObject readJson(Path file) throws IOException {
    try {
      return new JsonObject(Files.readString(file));
    } catch (DecodeException e) {
      throw new IOException(file + ": must be a JSON object: " + e.getMessage(), e);
    }
  }

  private static String stringField(JsonObject input, String field, String fallback, Path metadataFile)
      throws IOException {
    Object value = input.getValue(field, fallback);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IOException(metadataFile + ": input." + field + " must be a non-empty string, got " + describe(value));
    }
    return text;
  }

  private static String describe(Object value) {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }
}
