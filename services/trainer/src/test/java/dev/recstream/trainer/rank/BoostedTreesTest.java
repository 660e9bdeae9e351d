package dev.recstream.trainer.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.rank.OnnxRanker;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BoostedTrees: XGBoost's LambdaMART read back exactly and exported to ONNX")
class BoostedTreesTest {
  private static final int FEATURES = 4;
  private static final int ROWS_PER_USER = 20;
  private static final List<String> NAMES = RankerTraining.numberedNames("f", FEATURES);
  private static final BoostedTreeOptions OPTIONS = BoostedTreeOptions.defaults().withTrees(40).withMaxDepth(4);

  /**
   * Users with 20 candidates each; the one that is next is the candidate whose first two features
   * have the same sign and the largest product — an XOR-like rule no linear score can follow.
   * Feature 2 is noise; feature 3 too, and NaN in every tenth row when {@code missing}, so that
   * missing values take XGBoost's default directions.
   */
  private record Grouped(float[][] rows, boolean[] positive, int[] groups) {
    static Grouped generate(int users, boolean missing, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      float[][] rows = new float[users * ROWS_PER_USER][];
      boolean[] positive = new boolean[rows.length];
      int[] groups = new int[users];
      Arrays.fill(groups, ROWS_PER_USER);
      for (int u = 0; u < users; u++) {
        int best = -1;
        float bestProduct = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < ROWS_PER_USER; i++) {
          int r = u * ROWS_PER_USER + i;
          float a = (float) random.nextGaussian();
          float b = (float) random.nextGaussian();
          rows[r] = new float[] {a, b, (float) random.nextGaussian(), missing && r % 10 == 0 ? Float.NaN : (float) random.nextGaussian()};
          if (a * b > bestProduct) {
            bestProduct = a * b;
            best = r;
          }
        }
        positive[best] = true;
      }
      return new Grouped(rows, positive, groups);
    }

    /** Share of users whose positive scores highest among their rows. */
    double firstPlace(float[] scores) {
      int first = 0;
      for (int u = 0; u < groups.length; u++) {
        int best = u * ROWS_PER_USER;
        for (int r = best + 1; r < (u + 1) * ROWS_PER_USER; r++) {
          if (scores[r] > scores[best]) {
            best = r;
          }
        }
        first += positive[best] ? 1 : 0;
      }
      return (double) first / groups.length;
    }

    float[] flat() {
      return BoostedTrees.flatten(rows, null);
    }
  }

  private static final Grouped TRAIN = Grouped.generate(300, true, 1);
  private static final Grouped HELD_OUT = Grouped.generate(100, true, 2);

  @Test
  @DisplayName("the trees read from XGBoost's JSON give XGBoost's own margins, NaNs included")
  void readBackEqualsXgboost() throws XGBoostError {
    DMatrix train = BoostedTrees.matrix(TRAIN.rows());
    DMatrix heldOut = BoostedTrees.matrix(HELD_OUT.rows());
    Booster booster = null;
    try {
      float[] labels = new float[TRAIN.positive().length];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = TRAIN.positive()[i] ? 1 : 0;
      }
      train.setLabel(labels);
      train.setGroup(TRAIN.groups());
      booster = XGBoost.train(train, BoostedTrees.parameters(OPTIONS), OPTIONS.trees(), Map.of(), null, null);
      BoostedTrees trees = BoostedTrees.fromJson(booster.toByteArray("json"), OPTIONS);
      float[][] margins = booster.predict(heldOut, true);

      assertEquals(OPTIONS.trees(), trees.treeCount());
      double maxDiff = 0;
      for (int i = 0; i < margins.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(margins[i][0] - trees.margin(HELD_OUT.rows()[i])));
      }
      assertTrue(maxDiff <= 1e-5, "max |XGBoost − read back| = " + maxDiff);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      train.dispose();
      heldOut.dispose();
    }
  }

  @Test
  @DisplayName("ONNX Runtime scores the exported graph as the logistic of the margin, on every held-out row")
  void onnxEqualsMargins() {
    BoostedTrees trees = BoostedTrees.train(TRAIN.flat(), FEATURES, TRAIN.positive(), TRAIN.groups(), OPTIONS);
    try (OnnxRanker onnx = OnnxRanker.open(trees.onnx(7).toByteArray(), 0, "boosted trees")) {
      assertEquals(FEATURES, onnx.featureCount());
      float[] scores = onnx.score(HELD_OUT.flat(), HELD_OUT.rows().length, FEATURES);
      double maxDiff = 0;
      for (int i = 0; i < scores.length; i++) {
        double expected = 1 / (1 + Math.exp(-trees.margin(HELD_OUT.rows()[i])));
        maxDiff = Math.max(maxDiff, Math.abs(scores[i] - expected));
      }
      assertTrue(maxDiff <= 1e-6, "max |ONNX − logistic(margin)| = " + maxDiff);
    }
  }

  @Test
  @DisplayName("the trees learn the non-linear rule that a logistic regression on the same rows cannot")
  void learnsWhatLinearCannot() {
    Grouped train = Grouped.generate(1_000, false, 3);
    Grouped heldOut = Grouped.generate(200, false, 4);
    TrainedRanker linear = RankerTraining.train(train.rows(), train.positive(), NAMES, RankerOptions.defaults());
    TrainedRanker trees = RankerTraining.trainTrees(train.rows(), train.positive(), train.groups(), NAMES,
        linear.scaler(), OPTIONS.withTrees(100));
    float[] treeScores = new float[heldOut.rows().length];
    float[] linearScores = new float[heldOut.rows().length];
    float[] scaled = new float[FEATURES];
    for (int i = 0; i < treeScores.length; i++) {
      trees.scaler().apply(heldOut.rows()[i], scaled);
      treeScores[i] = trees.trees().margin(scaled);
      linearScores[i] = (float) linear.predictWithTribuo(heldOut.rows()[i]);
    }

    double treeFirst = heldOut.firstPlace(treeScores);
    double linearFirst = heldOut.firstPlace(linearScores);
    assertTrue(treeFirst >= 0.8, "trees rank the positive first for " + treeFirst + " of users");
    assertTrue(linearFirst <= 0.5, "the linear ranker ranks it first for " + linearFirst + " of users");
    assertEquals(0, trees.positiveIndex());
    assertEquals("gradient-boosted-trees", trees.describe().getString("kind"));
  }

  @Test
  @DisplayName("two trainings with one seed give the same trees")
  void deterministic() {
    BoostedTrees first = BoostedTrees.train(TRAIN.flat(), FEATURES, TRAIN.positive(), TRAIN.groups(), OPTIONS);
    BoostedTrees second = BoostedTrees.train(TRAIN.flat(), FEATURES, TRAIN.positive(), TRAIN.groups(), OPTIONS);
    assertArrayEquals(first.onnx(1).toByteArray(), second.onnx(1).toByteArray());
  }

  @Test
  @DisplayName("groups that do not add up to the rows, or none at all, are refused with a sentence")
  void refusesBadGroups() {
    IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
        () -> BoostedTrees.train(TRAIN.flat(), FEATURES, TRAIN.positive(), new int[] {ROWS_PER_USER}, OPTIONS));
    assertEquals("the groups hold 20 rows but there are 6000", sum.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> BoostedTrees.train(TRAIN.flat(), FEATURES, TRAIN.positive(), null, OPTIONS));
    assertEquals("boosted trees rank each user's rows against each other: give the rows' groups", none.getMessage());
  }

  @Test
  @DisplayName("options out of range are refused, naming the field")
  void refusesBadOptions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OPTIONS.withMaxDepth(0));
    assertEquals("BoostedTreeOptions.maxDepth must be between 1 and 12, not 0.", e.getMessage());
  }
}
