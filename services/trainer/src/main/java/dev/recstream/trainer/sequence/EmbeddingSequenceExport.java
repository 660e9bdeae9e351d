package dev.recstream.trainer.sequence;

import ai.onnx.proto.OnnxMl;
import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.embed.ItemEmbeddings;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * Writes item embeddings as a "bring your own sequence model" package (CONTRACT §6, read by
 * {@link SequenceOnnxRecommender}): the simplest sequence model that honours the contract, built
 * in Java, so the external-model path is exercised end to end without PyTorch.
 *
 * <p>The graph: {@code E} the embedding matrix {@code [vocab+1, d]} with row 0 (padding) zero,
 * {@code w_l = decay^(L-1-l)} recency weights (the newest position, last, weighs 1), then
 *
 * <pre>
 *   u      = ReduceSum(Gather(E, item_ids) · w[1, L, 1], axis 1)   [batch, d]
 *   scores = Gemm(u, E, transB = 1)                                [batch, vocab+1]
 * </pre>
 *
 * <p>Padding contributes nothing because row 0 is zero. Tribuo 4.3.2's operator set has no
 * MatMul, and Gemm with {@code transB} reads the same initializer as Gather, so E is stored once.
 * ReduceSum is opset 13, where {@code axes} is an input, not an attribute. Tribuo's builder only
 * declares float inputs, so the {@code item_ids} input is retyped to int64 in the built graph.
 */
public final class EmbeddingSequenceExport {
  /** A recency decay that keeps the last few items dominant without ignoring older ones. */
  public static final double DEFAULT_DECAY = 0.8;
  /** ONNX IR version 7 is the one that goes with opset 13. */
  private static final long IR_VERSION = 7;

  private EmbeddingSequenceExport() {}

  /**
   * Writes {@code model.onnx}, {@code items.txt} and, last, {@code model.json} into {@code dir}
   * (created if needed): a reader that finds model.json finds a complete package.
   *
   * @param embeddingsWithPaddingRow {@code vocab+1} rows of equal length; row 0 must be zero
   * @param maxLength L, the number of newest items the graph sees
   * @param decay the recency decay, in (0, 1]: 1 weighs every position alike
   * @param version the package version (digits in model.json)
   * @param training a summary of the training data for model.json
   * @throws IllegalArgumentException naming the argument and the rule it breaks
   */
  public static void writePackage(Path dir, ItemVocabulary vocabulary, float[][] embeddingsWithPaddingRow,
      int maxLength, double decay, long version, JsonObject training) throws IOException {
    Objects.requireNonNull(training, "training");
    if (version < 0) {
      throw new IllegalArgumentException("version: must be 0 or more (model.json holds it as digits), was " + version);
    }
    int dimension = checkEmbeddings(vocabulary, embeddingsWithPaddingRow);
    OnnxMl.ModelProto model = graph(embeddingsWithPaddingRow, maxLength, decay, version);
    JsonObject architecture = new JsonObject()
        .put("name", "recency-weighted-embedding-sum")
        .put("dimension", dimension)
        .put("decay", decay);
    SequencePackage.write(dir, vocabulary, model, maxLength, architecture, version, training, new JsonObject());
  }

  /** As {@link #writePackage(Path, ItemVocabulary, float[][], int, double, long, JsonObject)}, from trained embeddings. */
  public static void writePackage(Path dir, ItemVocabulary vocabulary, ItemEmbeddings embeddings, int maxLength,
      double decay, long version, JsonObject training) throws IOException {
    float[][] rows = new float[embeddings.numItems() + 1][];
    for (int item = 0; item < rows.length; item++) {
      rows[item] = embeddings.vector(item);
    }
    writePackage(dir, vocabulary, rows, maxLength, decay, version, training);
  }

  /** {@code w_l = decay^(L-1-l)} for l = 0..L-1: position L-1 holds the newest item and weighs 1. */
  public static float[] recencyWeights(int maxLength, double decay) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength: must be at least 1, was " + maxLength);
    }
    if (!(decay > 0 && decay <= 1)) {
      throw new IllegalArgumentException("decay: must be in (0, 1], was " + decay);
    }
    float[] weights = new float[maxLength];
    for (int l = 0; l < maxLength; l++) {
      weights[l] = (float) Math.pow(decay, maxLength - 1 - l);
    }
    return weights;
  }

  /** The ONNX model: input {@code item_ids} int64 [-1, L], output {@code scores} float [-1, vocab+1]. */
  static OnnxMl.ModelProto graph(float[][] embeddings, int maxLength, double decay, long version) {
    float[] weights = recencyWeights(maxLength, decay);
    int rows = embeddings.length;
    int dimension = embeddings[0].length;

    ONNXContext onnx = new ONNXContext();
    onnx.setName("recstream-recency-weighted-embedding-sum");
    ONNXPlaceholder itemIds = onnx.floatInput(SequenceOnnxRecommender.DEFAULT_INPUT, maxLength);
    ONNXPlaceholder scores = onnx.floatOutput(SequenceOnnxRecommender.DEFAULT_OUTPUT, rows);
    ONNXInitializer table = onnx.floatTensor("item_embeddings", List.of(rows, dimension), fb -> {
      for (float[] row : embeddings) {
        fb.put(row);
      }
    });
    ONNXInitializer recency = onnx.floatTensor("recency_weights", List.of(1, maxLength, 1), fb -> fb.put(weights));
    ONNXInitializer sequenceAxis = onnx.array("sequence_axis", new long[] {1});

    ONNXNode gathered = table.apply(ONNXOperators.GATHER, itemIds, Map.of("axis", 0));
    ONNXNode user = gathered.apply(ONNXOperators.MUL, recency)
        .apply(ONNXOperators.REDUCE_SUM, sequenceAxis, Map.of("keepdims", 0));
    user.apply(ONNXOperators.GEMM, table, Map.of("transB", 1)).assignTo(scores);

    return OnnxMl.ModelProto.newBuilder()
        .setGraph(withInt64Input(onnx.buildGraph(), SequenceOnnxRecommender.DEFAULT_INPUT))
        .setIrVersion(IR_VERSION)
        .addOpsetImport(ONNXOperators.getOpsetProto())
        .setProducerName("recstream")
        .setDomain("dev.recstream")
        .setModelVersion(version)
        .setDocString("scores = (sum_l decay^(L-1-l) * E[item_ids[:, l]]) . E^T, decay=" + decay + ", L=" + maxLength)
        .build();
  }

  /** The graph with input {@code name} declared int64 (Tribuo's builder declares inputs float). */
  private static OnnxMl.GraphProto withInt64Input(OnnxMl.GraphProto graph, String name) {
    OnnxMl.GraphProto.Builder builder = graph.toBuilder();
    for (OnnxMl.ValueInfoProto.Builder input : builder.getInputBuilderList()) {
      if (input.getName().equals(name)) {
        input.getTypeBuilder().getTensorTypeBuilder().setElemType(OnnxMl.TensorProto.DataType.INT64.getNumber());
        return builder.build();
      }
    }
    throw new IllegalStateException("the built graph has no input named " + name + ": " + graph.getInputList());
  }

  /** Checks the matrix against the vocabulary and returns d. */
  private static int checkEmbeddings(ItemVocabulary vocabulary, float[][] rows) {
    if (vocabulary.size() < 1) {
      throw new IllegalArgumentException("vocabulary: must hold at least one item");
    }
    if (rows.length != vocabulary.size() + 1) {
      throw new IllegalArgumentException("embeddingsWithPaddingRow: needs vocabulary size + 1 = "
          + (vocabulary.size() + 1) + " rows (row 0 is padding), has " + rows.length);
    }
    int dimension = rows[0].length;
    if (dimension < 1) {
      throw new IllegalArgumentException("embeddingsWithPaddingRow: rows must have at least one column");
    }
    for (int item = 0; item < rows.length; item++) {
      if (rows[item].length != dimension) {
        throw new IllegalArgumentException("embeddingsWithPaddingRow: row " + item + " has " + rows[item].length
            + " columns, row 0 has " + dimension + "; all rows need the same length");
      }
    }
    for (float value : rows[0]) {
      if (value != 0f) {
        throw new IllegalArgumentException(
            "embeddingsWithPaddingRow: row 0 is the padding row and must be all zeros, so padding adds nothing");
      }
    }
    return dimension;
  }
}
