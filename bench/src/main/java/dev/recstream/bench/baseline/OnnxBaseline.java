package dev.recstream.bench.baseline;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.recstream.model.rank.OrtEnvironmentHolder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The ceiling of ranking on this box: ONNX Runtime alone running a package's {@code ranker.onnx}
 * on random rows — no feature extraction, no copying into the input buffer, just {@code
 * session.run}. Once with the 200 rows of one event's candidates, once with 64 events' worth in
 * one call (what batching could buy).
 *
 * <p>The session is opened as {@code OnnxRanker} opens it — the process-wide environment, one
 * intra-op thread — so that the figure is the one the scoring service could reach.
 */
public final class OnnxBaseline {
  /** Candidates ranked per event. */
  static final int CANDIDATES = 200;
  /** Events per call in the batched measurement. */
  static final int EVENTS_PER_BATCH = 64;
  private static final int WARM_UP_CALLS = 500;
  private static final int TIMED_CALLS = 5_000;
  private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(10);

  private OnnxBaseline() {}

  /**
   * @param model the ranker file
   * @param inputName the model's input, read from it
   * @param features columns per row, read from the input's shape
   * @param oneEventMicros µs per call of {@code 200 × features}
   * @param batchMicros µs per call of {@code 64 × 200 × features}
   */
  public record Result(Path model, String inputName, int features, LatencySummary oneEventMicros,
      LatencySummary batchMicros) implements BaselineResult {
    @Override
    public String name() {
      return "onnx";
    }

    /** The median cost of one event's candidates inside a batch of 64, in µs. */
    public double perEventMicros() {
      return batchMicros.p50() / EVENTS_PER_BATCH;
    }

    @Override
    public List<Figure> figures() {
      String one = CANDIDATES + "×" + features;
      String batch = EVENTS_PER_BATCH + "×" + CANDIDATES + "×" + features;
      return List.of(
          new Figure("features", features, "columns"),
          new Figure("run " + one + " p50", oneEventMicros.p50(), "µs/call"),
          new Figure("run " + one + " p99", oneEventMicros.p99(), "µs/call"),
          new Figure("run " + batch + " p50", batchMicros.p50(), "µs/call"),
          new Figure("run " + batch + " p99", batchMicros.p99(), "µs/call"),
          new Figure("run " + batch + " p50 per event", perEvent(batchMicros.p50()), "µs/event"),
          new Figure("run " + batch + " p99 per event", perEvent(batchMicros.p99()), "µs/event"));
    }

    private static double perEvent(double micros) {
      return Math.round(micros * 1000.0 / EVENTS_PER_BATCH) / 1000.0;
    }
  }

  /**
   * Opens {@code packageDir/ranker.onnx} and times it. Blocks the calling thread for some seconds.
   *
   * @throws IllegalArgumentException if there is no ranker file, ONNX Runtime cannot load it, or
   *     its input is not one float {@code [batch, features]} tensor
   */
  public static Result run(Path packageDir) {
    Path model = packageDir.resolve("ranker.onnx").toAbsolutePath();
    if (!Files.isRegularFile(model)) {
      throw new IllegalArgumentException("--package: " + packageDir + " has no ranker.onnx");
    }
    OrtEnvironment env = OrtEnvironmentHolder.environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(model.toString(), options)) {
        NodeInfo input = input(session, model);
        int features = features(input, model);
        LatencySummary one = time(env, session, input.getName(), CANDIDATES, features);
        LatencySummary batch = time(env, session, input.getName(), EVENTS_PER_BATCH * CANDIDATES, features);
        return new Result(model, input.getName(), features, one, batch);
      }
    } catch (OrtException e) {
      throw new IllegalArgumentException("ONNX Runtime could not load or run the ranker model " + model + ": "
          + e.getMessage(), e);
    }
  }

  /** Warm-up calls, then timed calls, on one tensor of random rows filled once. */
  private static LatencySummary time(OrtEnvironment env, OrtSession session, String inputName, int rows, int features)
      throws OrtException {
    FloatBuffer values = ByteBuffer.allocateDirect(rows * features * Float.BYTES).order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    Random random = new Random(42);
    while (values.hasRemaining()) {
      // Features are z-scored before ranking: standard normal is the right range.
      values.put((float) random.nextGaussian());
    }
    values.flip();
    Histogram nanos = new Histogram(MAX_NANOS, 3);
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, values, new long[] {rows, features})) {
      Map<String, OnnxTensor> inputs = Map.of(inputName, tensor);
      for (int i = 0; i < WARM_UP_CALLS; i++) {
        session.run(inputs).close();
      }
      for (int i = 0; i < TIMED_CALLS; i++) {
        long start = System.nanoTime();
        session.run(inputs).close();
        nanos.recordValue(Math.min(System.nanoTime() - start, MAX_NANOS));
      }
    }
    return LatencySummary.of(nanos, LatencySummary.MICROS);
  }

  private static NodeInfo input(OrtSession session, Path model) throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    if (inputs.size() != 1) {
      throw new IllegalArgumentException("The ranker model " + model + " must have one input but has " + inputs.keySet());
    }
    return inputs.values().iterator().next();
  }

  /** The {@code F} of a float {@code [batch, F]} input. */
  private static int features(NodeInfo input, Path model) {
    if (!(input.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT
        || info.getShape().length != 2 || info.getShape()[1] < 1) {
      throw new IllegalArgumentException("The input \"" + input.getName() + "\" of the ranker model " + model
          + " must be a float [batch, features] tensor but is " + input.getInfo());
    }
    return Math.toIntExact(info.getShape()[1]);
  }
}
