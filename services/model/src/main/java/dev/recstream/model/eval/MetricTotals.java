package dev.recstream.model.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums of every metric over users for one protocol, turned into means keyed as in CONTRACT §7. */
final class MetricTotals {
  private final int[] ks;
  private final double[] hitRate;
  private final double[] ndcg;
  private final double[] precision;
  private final double[] recall;
  private final double[] f1;
  private final boolean[][] recommended;
  private final int[] distinct;
  private final int numItems;
  private double reciprocalRank;
  private int users;

  /** {@code numItems} &gt; 0 also tracks catalog coverage; 0 leaves it out. */
  MetricTotals(List<Integer> ks, int numItems) {
    this.ks = ks.stream().mapToInt(Integer::intValue).toArray();
    this.hitRate = new double[this.ks.length];
    this.ndcg = new double[this.ks.length];
    this.precision = new double[this.ks.length];
    this.recall = new double[this.ks.length];
    this.f1 = new double[this.ks.length];
    this.numItems = numItems;
    this.recommended = numItems > 0 ? new boolean[this.ks.length][numItems + 1] : null;
    this.distinct = new int[this.ks.length];
  }

  void addRank(int rank) {
    users++;
    reciprocalRank += Metrics.reciprocalRank(rank);
    for (int i = 0; i < ks.length; i++) {
      hitRate[i] += Metrics.hitRate(rank, ks[i]);
      ndcg[i] += Metrics.ndcg(rank, ks[i]);
      precision[i] += Metrics.precision(rank, ks[i]);
      recall[i] += Metrics.recall(rank, ks[i]);
      f1[i] += Metrics.f1(rank, ks[i]);
    }
  }

  /** Records a user's top items, best first, for coverage@K. */
  void addTopItems(int[] best) {
    for (int i = 0; i < ks.length; i++) {
      for (int j = 0; j < Math.min(ks[i], best.length); j++) {
        if (!recommended[i][best[j]]) {
          recommended[i][best[j]] = true;
          distinct[i]++;
        }
      }
    }
  }

  /** Adds the items {@code other} recorded with {@link #addTopItems} to this one's coverage sets. */
  void addCoverage(MetricTotals other) {
    for (int i = 0; i < ks.length; i++) {
      for (int item = 1; item <= numItems; item++) {
        if (other.recommended[i][item] && !recommended[i][item]) {
          recommended[i][item] = true;
          distinct[i]++;
        }
      }
    }
  }

  /** Mean of every metric over the users added; MRR follows the first K's NDCG. */
  Map<String, Double> means() {
    Map<String, Double> means = new LinkedHashMap<>();
    for (int i = 0; i < ks.length; i++) {
      int k = ks[i];
      means.put("HR@" + k, mean(hitRate[i]));
      means.put("NDCG@" + k, mean(ndcg[i]));
      if (i == 0) {
        means.put("MRR", mean(reciprocalRank));
      }
      means.put("Precision@" + k, mean(precision[i]));
      means.put("Recall@" + k, mean(recall[i]));
      means.put("F1@" + k, mean(f1[i]));
      if (recommended != null) {
        means.put("Coverage@" + k, Metrics.coverage(distinct[i], numItems));
      }
    }
    return means;
  }

  private double mean(double sum) {
    return sum / users;
  }
}
