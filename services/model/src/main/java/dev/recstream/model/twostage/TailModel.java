package dev.recstream.model.twostage;

import dev.recstream.model.rank.FeatureScaler;
import dev.recstream.model.rank.OnnxRanker;
import java.util.List;
import java.util.Objects;

/**
 * The "tail" model of the two-stage recipe (MODEL-NOTES, steps 5–6): a logistic regression of a
 * user's next item against uniformly random items outside their candidates, over features cheap
 * enough to compute for the whole catalog ({@link TailFeatures}). It orders the items outside the
 * candidates, which the ranker never sees; it is only needed where every item must have a score
 * (the dense {@link TwoStageScorer#score}, e.g. the sampled evaluation protocol), never for
 * serving top-k lists, which come from the candidates alone.
 *
 * <p>The model is stored and exported as ONNX like the ranker, but the dense pass does not run it
 * through ONNX Runtime: on Amazon Beauty (12,101 items), writing and z-scoring every item's row
 * and scoring them with ONNX Runtime made the dense scores cost 2,087 µs per user, against 742
 * without a tail model and 1,226 this way (validation split, same machine). A logistic regression's
 * log-odds are linear in its input, so its weights are read back from the ONNX graph by probing
 * it with the zero row and the unit rows, checked against the graph on further rows, and folded
 * with the z-scoring into weights on the raw features: {@link TailScorer} then needs one
 * multiply-add per feature and item, and one embedding pass for both embedding features. A graph
 * that is not logistic-linear in its input is refused.
 *
 * <p>Immutable; it keeps no reference to the ONNX session it was read from.
 */
public final class TailModel {
  private final double[] means;
  private final double[] stds;
  /** Intercept and weights of the log-odds on z-scored rows. */
  private final double bias;
  private final double[] weights;

  /**
   * Reads the linear form of an exported logistic regression.
   *
   * @param ranker the exported model, taking z-scored rows of {@link #featureNames()}; only read
   *     here, the caller keeps and closes it
   * @param scaler the z-scoring fitted on the tail's training rows
   * @throws IllegalArgumentException if either does not take {@link #featureNames()}' columns, or
   *     the model's log-odds are not linear in its input
   */
  public static TailModel read(OnnxRanker ranker, FeatureScaler scaler) {
    Objects.requireNonNull(ranker, "ranker");
    Objects.requireNonNull(scaler, "scaler");
    int f = ranker.featureCount();
    if ((f != TailFeatures.COUNT && f != TailFeatures.COUNT + 1) || scaler.featureCount() != f) {
      throw new IllegalArgumentException("the tail model takes " + TailFeatures.COUNT + " features (" + (TailFeatures.COUNT + 1)
          + " with a sequence model), but its ranker takes " + f + " and its scaler " + scaler.featureCount());
    }
    double[] form = LogisticProbe.read(ranker, f);
    return new TailModel(form[0], java.util.Arrays.copyOfRange(form, 1, f + 1), scaler);
  }

  /** A model from its log-odds on z-scored rows: {@code bias + weights · z}. */
  TailModel(double bias, double[] weights, FeatureScaler scaler) {
    if ((weights.length != TailFeatures.COUNT && weights.length != TailFeatures.COUNT + 1)
        || scaler.featureCount() != weights.length) {
      throw new IllegalArgumentException("the tail model takes " + TailFeatures.COUNT + " features ("
          + (TailFeatures.COUNT + 1) + " with a sequence model)");
    }
    this.bias = bias;
    this.weights = weights.clone();
    this.means = scaler.means();
    this.stds = scaler.stds();
  }

  /** The tail's feature names, in column order (they sort as strings, as the ONNX export requires). */
  public static List<String> featureNames() {
    return TailFeatures.NAMES;
  }

  /** The tail's feature names with a sequence model or without. */
  public static List<String> featureNames(boolean withSequenceModel) {
    return withSequenceModel ? TailFeatures.NAMES_WITH_SEQUENCE : TailFeatures.NAMES;
  }

  /** Whether the model reads the sequence column (it was trained with a sequence model). */
  public boolean readsSequence() {
    return weights.length > TailFeatures.COUNT;
  }

  /** The weight of raw (unscaled) column {@code j}: the z-space weight over the deviation. */
  double rawWeight(int j) {
    return weights[j] / stds[j];
  }

  /** The intercept on raw columns: the z-space one minus what the means contribute. */
  double rawBias() {
    double b = bias;
    for (int j = 0; j < weights.length; j++) {
      b -= weights[j] * means[j] / stds[j];
    }
    return b;
  }

  /** P(next item) for a raw row, in double: the reference the dense pass is tested against. */
  double probability(float[] rawRow) {
    double s = bias;
    for (int j = 0; j < weights.length; j++) {
      s += weights[j] * ((rawRow[j] - means[j]) / stds[j]);
    }
    return 1 / (1 + Math.exp(-s));
  }

}
