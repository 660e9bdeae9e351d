package dev.recstream.trainer.rank;

import ai.onnx.proto.OnnxMl;
import dev.recstream.model.rank.FeatureScaler;
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
 * A fitted ranker: the Tribuo model, the scaler its inputs need, the feature names in column
 * order, and the column of the positive class in the model's (and the ONNX graph's) output.
 */
public final class TrainedRanker {
  /** The ONNX domain of exported rankers. */
  public static final String ONNX_DOMAIN = "dev.recstream";

  private final Model<Label> model;
  private final FeatureScaler scaler;
  private final List<String> featureNames;
  private final String[] names;
  private final int positiveIndex;

  TrainedRanker(Model<Label> model, FeatureScaler scaler, List<String> featureNames) {
    this.model = model;
    this.scaler = scaler;
    this.featureNames = List.copyOf(featureNames);
    this.names = featureNames.toArray(String[]::new);
    this.positiveIndex = model.getOutputIDInfo().getID(RankerTraining.POSITIVE);
    checkColumns(model.getFeatureIDMap());
  }

  /** The Tribuo model, e.g. for its provenance or top features. */
  public Model<Label> model() {
    return model;
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
   * output {@code "output"} float {@code [-1, 2]} probabilities, P(positive) in column {@link
   * #positiveIndex()}.
   *
   * @param file the {@code .onnx} file to write (replaced if it exists)
   * @param modelVersion the ONNX {@code model_version} (an int64 in the format)
   * @throws UncheckedIOException if the file cannot be written
   */
  public void exportOnnx(Path file, long modelVersion) {
    // LibLinear models get our graph: Tribuo's own doubles the binary logit (BinaryLogisticOnnx).
    OnnxMl.ModelProto onnx = model instanceof LibLinearClassificationModel libLinear
        ? BinaryLogisticOnnx.export(libLinear, ONNX_DOMAIN, modelVersion)
        : ((ONNXExportable) model).exportONNXModel(ONNX_DOMAIN, modelVersion);
    try (OutputStream out = Files.newOutputStream(file)) {
      onnx.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the ranker's ONNX model to " + file.toAbsolutePath() + ".", e);
    }
  }

  /**
   * Scores one raw row with Tribuo itself (scaler applied here), for comparison with ONNX.
   *
   * @param rawRow the unscaled features, in column order; not modified
   * @return P(positive)
   */
  public double predictWithTribuo(float[] rawRow) {
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
