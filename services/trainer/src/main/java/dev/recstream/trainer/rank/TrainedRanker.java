package dev.recstream.trainer.rank;

import ai.onnx.proto.OnnxMl;
import dev.recstream.model.rank.FeatureScaler;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;

/**
 * A fitted ranker — a Tribuo logistic regression or {@link BoostedTrees} — with the scaler its
 * inputs need, the feature names in column order, and the column of the positive class in the
 * ONNX graph's output (0 for the trees' single score column).
 */
public final class TrainedRanker {
  /** The ONNX domain of exported rankers. */
  public static final String ONNX_DOMAIN = "dev.recstream";

  /** The Tribuo model, or null for boosted trees. */
  private final Model<Label> model;
  /** The boosted trees, or null for a Tribuo model. */
  private final BoostedTrees trees;
  private final FeatureScaler scaler;
  private final List<String> featureNames;
  private final String[] names;
  private final int positiveIndex;

  TrainedRanker(Model<Label> model, FeatureScaler scaler, List<String> featureNames) {
    this.model = model;
    this.trees = null;
    this.scaler = scaler;
    this.featureNames = List.copyOf(featureNames);
    this.names = featureNames.toArray(String[]::new);
    this.positiveIndex = model.getOutputIDInfo().getID(RankerTraining.POSITIVE);
    checkColumns(model.getFeatureIDMap());
  }

  TrainedRanker(BoostedTrees trees, FeatureScaler scaler, List<String> featureNames) {
    if (trees.featureCount() != featureNames.size()) {
      throw new IllegalStateException(
          "The trees read " + trees.featureCount() + " features but " + featureNames.size() + " names were given.");
    }
    this.model = null;
    this.trees = trees;
    this.scaler = scaler;
    this.featureNames = List.copyOf(featureNames);
    this.names = featureNames.toArray(String[]::new);
    this.positiveIndex = 0;
  }

  /** The boosted trees, or null for a Tribuo model. */
  BoostedTrees trees() {
    return trees;
  }

  /** What model.json says of the ranker: its kind and settings. */
  public JsonObject describe() {
    return trees != null ? trees.describe() : new JsonObject()
        .put("kind", "logistic-regression")
        .put("trainer", model.getClass().getSimpleName());
  }

  /** The z-scoring fitted on the training rows; apply it before {@code OnnxRanker.score}. */
  public FeatureScaler scaler() {
    return scaler;
  }

  /** The feature names, in column order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The column of P(positive) in the model's probability output. */
  public int positiveIndex() {
    return positiveIndex;
  }

  /**
   * Writes the model as ONNX: input {@code "input"} float {@code [-1, features]} of z-scored rows,
   * output {@code "output"} float {@code [-1, 2]} probabilities (a logistic regression) or {@code
   * [-1, 1]} scores in (0, 1) (boosted trees), the positive's in column {@link #positiveIndex()}.
   *
   * @param file the {@code .onnx} file to write (replaced if it exists)
   * @param modelVersion the ONNX {@code model_version} (an int64 in the format)
   * @throws UncheckedIOException if the file cannot be written
   */
  public void exportOnnx(Path file, long modelVersion) {
    try (OutputStream out = Files.newOutputStream(file)) {
      onnx(modelVersion).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the ranker's ONNX model to " + file.toAbsolutePath() + ".", e);
    }
  }

  /** The same ONNX model as {@link #exportOnnx(Path, long)} writes, as bytes (for a session in this process). */
  public byte[] onnxBytes(long modelVersion) {
    return onnx(modelVersion).toByteArray();
  }

  private OnnxMl.ModelProto onnx(long modelVersion) {
    // LibLinear models get our graph: Tribuo's own doubles the binary logit (BinaryLogisticOnnx).
    if (trees != null) {
      return trees.onnx(modelVersion);
    } else if (model instanceof LibLinearClassificationModel libLinear) {
      return BinaryLogisticOnnx.export(libLinear, ONNX_DOMAIN, modelVersion);
    }
    return ((ONNXExportable) model).exportONNXModel(ONNX_DOMAIN, modelVersion);
  }

  /**
   * Scores one raw row with Tribuo itself (scaler applied here), for comparison with ONNX.
   *
   * @param rawRow the unscaled features, in column order; not modified
   * @return P(positive)
   * @throws IllegalStateException for boosted trees, which Tribuo did not train
   */
  public double predictWithTribuo(float[] rawRow) {
    if (model == null) {
      throw new IllegalStateException("boosted trees have no Tribuo model");
    }
    float[] scaled = new float[rawRow.length];
    scaler.apply(rawRow, scaled);
    return model.predict(RankerTraining.example(RankerTraining.NEGATIVE, names, scaled))
        .getOutputScores()
        .get(RankerTraining.POSITIVE.getLabel())
        .getScore();
  }

  /**
   * Tribuo only numbers features it saw, and numbers them by sorted name; check that column j is
   * feature j, or ONNX inputs would be silently misaligned.
   */
  private void checkColumns(ImmutableFeatureMap features) {
    for (int j = 0; j < names.length; j++) {
      int id = features.getID(names[j]);
      if (id != j) {
        throw new IllegalStateException(
            "Tribuo numbered feature \"" + names[j] + "\" as column " + id + " instead of " + j
                + "; a feature that never appears in the training rows has no column.");
      }
    }
    if (features.size() != names.length) {
      throw new IllegalStateException(
          "Tribuo's model has " + features.size() + " features but " + names.length + " names were given.");
    }
  }
}
