package dev.recstream.model.rank;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A binary ranker exported to ONNX (input {@code "input"} float {@code [-1, n]}, output {@code
 * "output"} class probabilities {@code [-1, classes]} of a logistic regression, or {@code [-1, 1]}
 * scores of boosted trees), scored with ONNX Runtime directly — no Tribuo or XGBoost on the
 * serving path.
 *
 * <p>Rows must already be z-scored with the training {@link FeatureScaler}, columns in the
 * model's feature order.
 *
 * <p>Thread-safety: {@link #score} may be called from any number of threads. {@code
 * OrtSession.run} is thread-safe; the one direct input buffer is not, so it is filled and run
 * under this object's lock. The lock is held for one ONNX Runtime call (median ~9 µs for 200
 * rows × 19 features), and the reuse beats allocating per call (a heap array makes ONNX Runtime
 * copy into a fresh direct buffer: ~12–16 µs for 200 rows, with a p99 several times worse, and
 * native memory released only by the garbage collector). Should contention ever show, open one
 * ranker per worker thread.
 *
 * <p>The session uses one intra-op thread: the graph is one Gemm and one Softmax, or one tree
 * ensemble over a few dozen rows, too small to split, and concurrency comes from the callers.
 */
public final class OnnxRanker implements AutoCloseable {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final String source;
  private final String inputName;
  private final String outputName;
  private final int featureCount;
  private final int classCount;
  private final int positiveIndex;
  private FloatBuffer input = FloatBuffer.allocate(0);

  private OnnxRanker(OrtEnvironment env, OrtSession session, String source, int positiveIndex) {
    this.env = env;
    this.session = session;
    this.source = source;
    this.positiveIndex = positiveIndex;
    ModelSignature signature = ModelSignature.read(session, source);
    this.inputName = signature.inputName();
    this.outputName = signature.outputName();
    this.featureCount = signature.featureCount();
    this.classCount = signature.classCount();
    if (positiveIndex < 0 || positiveIndex >= classCount) {
      throw new IllegalArgumentException(
          "The positive class index " + positiveIndex + " is outside the " + classCount
              + " classes that the ranker model " + source + " outputs.");
    }
  }

  /**
   * Opens an ONNX ranker file and checks its signature.
   *
   * @param onnxFile the {@code .onnx} file written by the trainer
   * @param positiveIndex the column of the positive class in the model's output, as reported by
   *     the trainer (Tribuo's {@code getOutputIDInfo().getID(positive label)})
   * @throws UncheckedIOException if the file does not exist or cannot be read
   * @throws IllegalArgumentException if ONNX Runtime cannot load it or its signature is not a
   *     float {@code [-1, n]} input and a float {@code [-1, classes]} output
   */
  public static OnnxRanker open(Path onnxFile, int positiveIndex) {
    String source = onnxFile.toAbsolutePath().toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(onnxFile);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("Cannot open the ranker model " + source + ": the file does not exist.", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the ranker model " + source + ": " + e.getMessage(), e);
    }
    return open(bytes, positiveIndex, source);
  }

  /**
   * Opens an ONNX ranker from its serialized bytes (e.g. read from a model package).
   *
   * @param model the ONNX protobuf bytes
   * @param positiveIndex the column of the positive class in the model's output
   * @param source a name for the model in error messages, such as the file or entry it came from
   * @throws IllegalArgumentException as for {@link #open(Path, int)}
   */
  public static OnnxRanker open(byte[] model, int positiveIndex, String source) {
    OrtEnvironment env = OrtEnvironmentHolder.environment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      session = env.createSession(model, options);
    } catch (OrtException e) {
      throw new IllegalArgumentException(
          "ONNX Runtime could not load the ranker model " + source + ": " + e.getMessage(), e);
    }
    try {
      return new OnnxRanker(env, session, source, positiveIndex);
    } catch (RuntimeException e) {
      closeQuietly(session, e);
      throw e;
    }
  }

  /** The number of features per row the model takes. */
  public int featureCount() {
    return featureCount;
  }

  /** The name of the model's input, read from the model. */
  public String inputName() {
    return inputName;
  }

  /** The name of the model's probability output, read from the model. */
  public String outputName() {
    return outputName;
  }

  /**
   * Scores a batch of z-scored rows.
   *
   * @param rowsFlat {@code rows × features} values, row-major; may be longer than needed
   * @param rows the number of rows to score
   * @param features the number of features per row; must equal {@link #featureCount()}
   * @return the positive-class probability of each row
   * @throws IllegalArgumentException if the shape does not match the model or the buffer
   * @throws IllegalStateException if ONNX Runtime fails to run the model
   */
  public float[] score(float[] rowsFlat, int rows, int features) {
    checkShape(rowsFlat, rows, features);
    if (rows == 0) {
      return new float[0];
    }
    return run(rowsFlat, rows, features, probabilities -> {
      float[] scores = new float[rows];
      for (int i = 0; i < rows; i++) {
        scores[i] = probabilities.get(i * classCount + positiveIndex);
      }
      return scores;
    });
  }

  /**
   * The log-odds {@code ln(P(positive) / P(other class))} of each z-scored row of a two-class
   * model, from both output columns: unlike the logit of {@link #score}'s single probability, it
   * stays exact where that probability rounds to 1 in float. A linear logistic model's log-odds
   * are linear in the row, which lets a caller recover the weights by probing.
   *
   * @throws IllegalArgumentException as for {@link #score}, or if the model does not output two classes
   */
  public double[] logOdds(float[] rowsFlat, int rows, int features) {
    if (classCount != 2) {
      throw new IllegalArgumentException(
          "Log-odds need a two-class model, but the ranker model " + source + " outputs " + classCount + " classes.");
    }
    checkShape(rowsFlat, rows, features);
    int other = 1 - positiveIndex;
    return run(rowsFlat, rows, features, probabilities -> {
      double[] odds = new double[rows];
      for (int i = 0; i < rows; i++) {
        odds[i] = Math.log(probabilities.get(i * 2 + positiveIndex)) - Math.log(probabilities.get(i * 2 + other));
      }
      return odds;
    });
  }

  /** Runs the model on the rows under the lock and reads its probability output. */
  private <T> T run(float[] rowsFlat, int rows, int features, Function<FloatBuffer, T> read) {
    long[] shape = {rows, features};
    synchronized (this) {
      FloatBuffer buffer = fill(rowsFlat, rows * features);
      try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape);
          OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
        return read.apply(probabilities(result));
      } catch (OrtException e) {
        throw new IllegalStateException(
            "ONNX Runtime failed to score " + rows + " rows with the ranker model " + source + ": " + e.getMessage(), e);
      }
    }
  }

  private void checkShape(float[] rowsFlat, int rows, int features) {
    if (features != featureCount) {
      throw new IllegalArgumentException(
          "Rows have " + features + " features but the ranker model " + source + " takes " + featureCount + ".");
    }
    if (rows < 0 || (long) rows * features > rowsFlat.length) {
      throw new IllegalArgumentException(
          "A buffer of " + rowsFlat.length + " floats cannot hold " + rows + " rows of " + features + " features.");
    }
  }

  /** Copies the rows into the reused direct buffer, growing it when a larger batch arrives. */
  private FloatBuffer fill(float[] rowsFlat, int length) {
    if (input.capacity() < length) {
      input = ByteBuffer.allocateDirect(Math.max(length, 2 * input.capacity()) * Float.BYTES)
          .order(ByteOrder.nativeOrder())
          .asFloatBuffer();
    }
    input.clear();
    input.put(rowsFlat, 0, length);
    input.flip();
    return input;
  }

  private FloatBuffer probabilities(OrtSession.Result result) {
    OnnxValue value = result.get(0);
    if (!(value instanceof OnnxTensor tensor)) {
      throw new IllegalStateException(
          "The ranker model " + source + " returned a " + value.getType() + " instead of a tensor for " + outputName + ".");
    }
    return tensor.getFloatBuffer();
  }

  /**
   * Closes the session once in-flight {@link #score} calls finish (same lock); the process-wide
   * ONNX Runtime environment stays open for other models.
   */
  @Override
  public synchronized void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to close the ranker model " + source + ".", e);
    }
  }

  @Override
  public String toString() {
    return "OnnxRanker[" + source + ", " + inputName + " float[-1, " + featureCount + "] → "
        + outputName + " float[-1, " + classCount + "], positive=" + positiveIndex + "]";
  }

  private static void closeQuietly(OrtSession session, RuntimeException cause) {
    try {
      session.close();
    } catch (OrtException e) {
      cause.addSuppressed(e);
    }
  }

  /** The single float input and float output the ranker must have, read from the session. */
  private record ModelSignature(String inputName, int featureCount, String outputName, int classCount) {
    static ModelSignature read(OrtSession session, String source) {
      try {
        NodeInfo input = single(session.getInputInfo(), "input", source);
        NodeInfo output = single(session.getOutputInfo(), "output", source);
        int features = matrixColumns(input, "input", source);
        int classes = matrixColumns(output, "output", source);
        return new ModelSignature(input.getName(), features, output.getName(), classes);
      } catch (OrtException e) {
        throw new IllegalArgumentException(
            "ONNX Runtime could not read the inputs and outputs of the ranker model " + source + ".", e);
      }
    }

    private static NodeInfo single(Map<String, NodeInfo> nodes, String kind, String source) {
      if (nodes.size() != 1) {
        throw new IllegalArgumentException(
            "The ranker model " + source + " must have one " + kind + " but has " + nodes.keySet() + ".");
      }
      return nodes.values().iterator().next();
    }

    /** Checks a float [-1, n] tensor (batch dimension free, n fixed) and returns n. */
    private static int matrixColumns(NodeInfo node, String kind, String source) {
      if (!(node.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
        throw new IllegalArgumentException(
            "The " + kind + " \"" + node.getName() + "\" of the ranker model " + source
                + " must be a float tensor but is " + node.getInfo() + ".");
      }
      long[] shape = info.getShape();
      if (shape.length != 2 || shape[0] != -1 || shape[1] < 1) {
        throw new IllegalArgumentException(
            "The " + kind + " \"" + node.getName() + "\" of the ranker model " + source
                + " must have shape [-1, n] but has " + Arrays.toString(shape) + ".");
      }
      return Math.toIntExact(shape[1]);
    }
  }
}
