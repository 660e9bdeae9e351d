package dev.recstream.trainer.rank;

import dev.recstream.model.rank.FeatureScaler;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits the candidate ranker: z-scores the rows, builds a Tribuo dataset and trains a logistic
 * regression with the solver of {@link RankerOptions}; and the reranker of its best candidates,
 * {@link BoostedTrees} over the same z-scored rows ({@link #trainTrees}).
 *
 * <p>Tribuo numbers features by sorting their names as strings, and the exported ONNX graph takes
 * its columns in that order; training therefore refuses names that do not already sort in the
 * order given, so that column {@code j} of a scoring row is always {@code featureNames.get(j)}.
 * {@link #numberedNames(String, int)} makes such names.
 */
public final class RankerTraining {
  private static final Logger LOG = LoggerFactory.getLogger(RankerTraining.class);
  static final Label POSITIVE = new Label("positive");
  static final Label NEGATIVE = new Label("negative");

  private RankerTraining() {}

  /**
   * Trains a ranker.
   *
   * @param rows the raw feature rows, one per candidate; not modified
   * @param positive whether each row is the positive (the user's next item)
   * @param featureNames one name per column, strictly increasing as strings
   * @param options the solver and its settings
   * @return the model, its scaler and the positive class's output index
   * @throws IllegalArgumentException if the sizes disagree, a class is missing, or the names do
   *     not sort in the given order
   */
  public static TrainedRanker train(
      float[][] rows, boolean[] positive, List<String> featureNames, RankerOptions options) {
    checkInputs(rows, positive, featureNames);
    long start = System.nanoTime();
    FeatureScaler scaler = FeatureScaler.fit(rows);
    String[] names = featureNames.toArray(String[]::new);
    MutableDataset<Label> dataset = dataset(rows, positive, names, scaler);
    long built = System.nanoTime();
    Model<Label> model = QuietTribuoLogging.during(() -> trainer(options).train(dataset));
    long fitted = System.nanoTime();
    LOG.info("ranker trained solver={} rows={} features={} datasetMs={} fitMs={}",
        options.solver(), rows.length, names.length, (built - start) / 1_000_000, (fitted - built) / 1_000_000);
    return new TrainedRanker(model, scaler, featureNames);
  }

  /**
   * Trains boosted trees that order each user's rows.
   *
   * @param rows the raw feature rows, each user's together; not modified
   * @param positive whether each row is its user's next item
   * @param groups the number of rows of each user, in row order
   * @param featureNames one name per column, strictly increasing as strings
   * @param scaler the z-scoring the trees read their rows through — the linear ranker's, so that
   *     a serving path scales each row once for both
   * @throws IllegalArgumentException as for {@link #train}, or if the groups do not add up to the rows
   * @throws BoostedTrees.UnavailableException if XGBoost's native library cannot be loaded
   */
  public static TrainedRanker trainTrees(float[][] rows, boolean[] positive, int[] groups, List<String> featureNames,
      FeatureScaler scaler, BoostedTreeOptions options) {
    checkInputs(rows, positive, featureNames);
    BoostedTrees trees = BoostedTrees.train(BoostedTrees.flatten(rows, scaler), featureNames.size(), positive, groups,
        options);
    return new TrainedRanker(trees, scaler, featureNames);
  }

  /**
   * Names {@code prefix00, prefix01, …} zero-padded to the width of {@code count − 1}, so that
   * they sort as strings in numeric order.
   */
  public static List<String> numberedNames(String prefix, int count) {
    int width = String.valueOf(Math.max(count - 1, 0)).length();
    List<String> names = new ArrayList<>(count);
    for (int j = 0; j < count; j++) {
      names.add(prefix + String.format("%0" + width + "d", j));
    }
    return List.copyOf(names);
  }

  /**
   * Checks that {@code featureNames} are strictly increasing as strings, naming the first pair
   * that is not.
   */
  static void checkSortedNames(List<String> featureNames) {
    for (int j = 1; j < featureNames.size(); j++) {
      String before = featureNames.get(j - 1);
      String name = featureNames.get(j);
      if (before.compareTo(name) >= 0) {
        throw new IllegalArgumentException(
            "Feature names must sort as strings in the order given, because Tribuo and the ONNX export "
                + "number columns by sorted name: \"" + name + "\" (column " + j + ") does not sort after \""
                + before + "\" (column " + (j - 1) + "). Zero-pad numbered names, e.g. f02 before f10.");
      }
    }
  }

  private static void checkInputs(float[][] rows, boolean[] positive, List<String> featureNames) {
    if (rows.length != positive.length) {
      throw new IllegalArgumentException(
          "There are " + rows.length + " rows but " + positive.length + " labels.");
    }
    if (rows.length > 0 && rows[0].length != featureNames.size()) {
      throw new IllegalArgumentException(
          "Rows have " + rows[0].length + " features but " + featureNames.size() + " feature names were given.");
    }
    checkSortedNames(featureNames);
    int positives = 0;
    for (boolean p : positive) {
      positives += p ? 1 : 0;
    }
    if (positives == 0 || positives == rows.length) {
      throw new IllegalArgumentException(
          "Training needs both classes but " + positives + " of " + rows.length + " rows are positive.");
    }
  }

  private static MutableDataset<Label> dataset(
      float[][] rows, boolean[] positive, String[] names, FeatureScaler scaler) {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> dataset =
        new MutableDataset<>(new SimpleDataSourceProvenance("recstream ranker rows", factory), factory);
    float[] scaled = new float[names.length];
    for (int i = 0; i < rows.length; i++) {
      scaler.apply(rows[i], scaled);
      dataset.add(example(positive[i] ? POSITIVE : NEGATIVE, names, scaled));
    }
    return dataset;
  }

  /** One Tribuo example from an already z-scored row; training and prediction share it. */
  static ArrayExample<Label> example(Label label, String[] names, float[] scaledRow) {
    double[] values = new double[scaledRow.length];
    for (int j = 0; j < values.length; j++) {
      values[j] = scaledRow[j];
    }
    return new ArrayExample<>(label, names, values);
  }

  private static Trainer<Label> trainer(RankerOptions options) {
    return switch (options.solver()) {
      case LIBLINEAR -> new LibLinearClassificationTrainer(
          new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR),
          options.cost(), options.maxIterations(), options.epsilon(), options.seed());
      case SGD -> new LinearSGDTrainer(
          new LogMulticlass(), new AdaGrad(options.sgdLearningRate(), 1e-6),
          options.sgdEpochs(), Integer.MAX_VALUE, options.sgdMinibatchSize(), options.seed());
    };
  }
}
