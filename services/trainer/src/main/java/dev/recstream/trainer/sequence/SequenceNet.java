package dev.recstream.trainer.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl;
import dev.recstream.trainer.onnx.OnnxGraphBuilder;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A next-item network over a user's newest items, trained with DJL and exported as the ONNX
 * graph CONTRACT §6 describes. Its parameters live in one {@link NDManager}; the forward pass
 * gives a hidden state per position, scored against the item embeddings it shares with its input
 * (row 0 is padding): {@code scores = hidden · E^T}.
 *
 * <p>Ids come left-padded with 0 in windows of T ≤ L positions that end at the newest item: the
 * window's last position is always L-1, so a batch of short sequences runs on a short window and
 * computes for its real positions exactly what a window of L would.
 */
abstract class SequenceNet implements AutoCloseable {
  final NDManager manager;
  final SequenceNetOptions options;
  final int numItems;
  private final Map<String, NDArray> parameters = new LinkedHashMap<>();

  SequenceNet(NDManager manager, SequenceNetOptions options, int numItems) {
    this.manager = manager;
    this.options = options;
    this.numItems = numItems;
  }

  /** The architecture's name in model.json and reports, e.g. {@code sasrec}. */
  abstract String architecture();

  /**
   * Hidden states {@code [B, T, d]} for ids {@code [B, T]} (int64, left-padded), with dropout
   * when {@code training}.
   */
  abstract NDArray hidden(NDArray ids, boolean training);

  /**
   * The inference graph: {@code item_ids} int64 {@code [batch, L]} → {@code scores} float {@code
   * [batch, numItems + 1]}, computing in eval mode what {@link #hidden} and {@link #scores} do.
   */
  abstract OnnxMl.ModelProto export(long version);

  /** What model.json says of the architecture: name, sizes, options. */
  JsonObject describe() {
    return new JsonObject()
        .put("name", architecture())
        .put("maxLength", options.maxLength())
        .put("dimension", options.dimension())
        .put("dropout", options.dropout());
  }

  /** The item embeddings {@code [numItems + 1, d]}, input and output alike. */
  NDArray items() {
    return parameter("items");
  }

  /** Scores of every item {@code [B, numItems + 1]} from the newest position's hidden state. */
  NDArray scores(NDArray ids) {
    NDArray hidden = hidden(ids, false);
    long t = hidden.getShape().get(1);
    return hidden.get(":, " + (t - 1) + ", :").matMul(items().transpose());
  }

  /**
   * {@link #scores} for {@code rows} rows of {@code width} left-padded ids, computed in a
   * scratch manager that is closed before returning: {@code rows × (numItems + 1)} values.
   */
  float[] scores(long[] ids, int rows, int width) {
    try (NDManager scratch = manager.newSubManager()) {
      attachParametersTo(scratch);
      return scores(scratch.create(ids, new Shape(rows, width))).toFloatArray();
    }
  }

  /**
   * Lends the parameters to {@code scratch} until it closes, so that what is computed from them
   * lives in it and is freed with it; the parameters themselves return here.
   */
  void attachParametersTo(NDManager scratch) {
    parameters.values().forEach(parameter -> parameter.tempAttach(scratch));
  }

  Map<String, NDArray> parameters() {
    return parameters;
  }

  NDArray parameter(String name) {
    return parameters.get(name);
  }

  /** Copies of every parameter's values, to restore the best epoch's. */
  Map<String, float[]> snapshot() {
    Map<String, float[]> copy = new LinkedHashMap<>();
    parameters.forEach((name, array) -> copy.put(name, array.toFloatArray()));
    return copy;
  }

  void restore(Map<String, float[]> snapshot) {
    parameters.forEach((name, array) -> array.set(snapshot.get(name)));
  }

  /** A parameter drawn uniformly from ±sqrt(6 / (fanIn + fanOut)) (Glorot), trainable. */
  NDArray glorot(String name, SplittableRandom random, long rows, long columns) {
    return uniform(name, random, Math.sqrt(6.0 / (rows + columns)), rows, columns);
  }

  /** A parameter drawn uniformly from ±bound, trainable. */
  NDArray uniform(String name, SplittableRandom random, double bound, long... shape) {
    float[] values = new float[Math.toIntExact(new Shape(shape).size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return add(name, values, new Shape(shape));
  }

  /** A trainable parameter filled with {@code value}. */
  NDArray constant(String name, float value, long... shape) {
    float[] values = new float[Math.toIntExact(new Shape(shape).size())];
    Arrays.fill(values, value);
    return add(name, values, new Shape(shape));
  }

  /**
   * The values copied into memory PyTorch allocates (64-byte aligned): an array made from Java
   * data lives in a direct buffer of Java's alignment, and MKL's matrix products take
   * alignment-dependent paths, so trainings from one seed drifted apart from the first step.
   */
  private NDArray add(String name, float[] values, Shape shape) {
    NDArray array;
    try (NDArray staged = manager.create(values, shape)) {
      array = staged.duplicate();
    }
    array.setName(name);
    array.setRequiresGradient(true);
    parameters.put(name, array);
    return array;
  }

  /** The parameter's values for an ONNX initializer, with its shape. */
  String initializer(OnnxGraphBuilder graph, String name) {
    NDArray array = parameter(name);
    return graph.floats(name, array.toFloatArray(), array.getShape().getShape());
  }

  @Override
  public void close() {
    manager.close();
  }
}
