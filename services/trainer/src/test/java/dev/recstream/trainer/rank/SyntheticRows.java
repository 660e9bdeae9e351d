package dev.recstream.trainer.rank;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded, nearly linearly separable ranking problem: feature j is {@code 10·j + (j+1)·z_j}
 * with z standard normal (so z-scoring matters), and a row is positive when {@code
 * sigmoid(w·z − 1 + noise) > 0.5}, about a third of the rows.
 */
record SyntheticRows(float[][] rows, boolean[] positive) {

  static SyntheticRows generate(int count, int features, double noise, long seed) {
    Random random = new Random(seed);
    double[] w = new double[features];
    for (int j = 0; j < features; j++) {
      w[j] = random.nextGaussian();
    }
    float[][] rows = new float[count][features];
    boolean[] positive = new boolean[count];
    for (int i = 0; i < count; i++) {
      double logit = -1;
      for (int j = 0; j < features; j++) {
        double z = random.nextGaussian();
        rows[i][j] = (float) (10 * j + (j + 1) * z);
        logit += w[j] * z;
      }
      positive[i] = 1 / (1 + Math.exp(-(logit + noise * random.nextGaussian()))) > 0.5;
    }
    return new SyntheticRows(rows, positive);
  }

  SyntheticRows slice(int from, int to) {
    return new SyntheticRows(Arrays.copyOfRange(rows, from, to), Arrays.copyOfRange(positive, from, to));
  }

  /** The area under the ROC curve: P(score of a positive > score of a negative), ties counting ½. */
  static double auc(double[] scores, boolean[] positive) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double positiveRankSum = 0;
    long positives = 0;
    for (int start = 0; start < order.length; ) {
      int end = start;
      while (end < order.length && scores[order[end]] == scores[order[start]]) {
        end++;
      }
      double averageRank = (start + 1 + end) / 2.0; // 1-based ranks start+1 … end
      for (int k = start; k < end; k++) {
        if (positive[order[k]]) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      start = end;
    }
    long negatives = scores.length - positives;
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
