package dev.recstream.model.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.recstream.model.rank.OrtEnvironmentHolder;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (sentence-transformers, 384 dimensions, mean pooling, unit length) run
 * in-process on ONNX Runtime, from the model and tokenizer langchain4j ships in a Maven artifact.
 * Loading takes a few seconds and about 90 MB; one short query costs one model call of about
 * 2.5 ms on two cores (bench/RESULTS.md, "Search").
 */
public final class MiniLmEmbedder implements TextEmbedder {
  public static final String NAME = "all-minilm-l6-v2";
  public static final int DIMENSIONS = 384;

  private final AllMiniLmL6V2EmbeddingModel model;

  public MiniLmEmbedder() {
    // The library takes ONNX Runtime's process-wide environment; it must be created through the
    // holder first, or a JVM with a long command line dies creating it (see the holder).
    OrtEnvironmentHolder.environment();
    model = new AllMiniLmL6V2EmbeddingModel();
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
