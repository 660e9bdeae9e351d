package dev.recstream.model.eval;

import java.util.BitSet;
import java.util.Collection;

/**
 * Ranking metrics for one held-out target, from its 0-based rank r among the ranked candidates
 * (r = 0: the target came first). With a single relevant item per user, precision and recall
 * follow from the hit. Averaging over users is the caller's job.
 */
public final class Metrics {
  private static final double LN_2 = Math.log(2);

  private Metrics() {}

  /** Hit rate: HR@K = 1 if r &lt; K, else 0. */
  public static double hitRate(int rank, int k) {
    checkRank(rank);
    checkK(k);
    return rank < k ? 1.0 : 0.0;
  }

  /**
   * Normalized discounted cumulative gain: NDCG@K = 1 / log2(r + 2) if r &lt; K, else 0. The ideal
   * DCG is 1 (the one relevant item at rank 0), so DCG needs no further normalization.
   */
  public static double ndcg(int rank, int k) {
    checkRank(rank);
    checkK(k);
    return rank < k ? LN_2 / Math.log(rank + 2.0) : 0.0;
  }

  /** Reciprocal rank: RR = 1 / (r + 1), with no cutoff; its mean over users is MRR. */
  public static double reciprocalRank(int rank) {
    checkRank(rank);
    return 1.0 / (rank + 1.0);
  }

  /** Precision@K = HR@K / K: of the K items shown, the share that is relevant. */
  public static double precision(int rank, int k) {
    return hitRate(rank, k) / k;
  }

  /** Recall@K = HR@K: of the one relevant item, the share that is among the K shown. */
  public static double recall(int rank, int k) {
    return hitRate(rank, k);
  }

  /**
   * F1@K = 2·P·R / (P + R) with P = Precision@K and R = Recall@K; 0 when both are 0. On a hit
   * that is 2 / (K + 1).
   */
  public static double f1(int rank, int k) {
    double p = precision(rank, k);
    double r = recall(rank, k);
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }

  /** Catalog coverage = distinct recommended items / numItems. */
  public static double coverage(int distinctItems, int numItems) {
    if (numItems < 1) {
      throw new IllegalArgumentException("numItems: must be at least 1, was " + numItems);
    }
    return (double) distinctItems / numItems;
  }

  /**
   * Catalog coverage@K = |union of every user's top-K items| / numItems.
   *
   * @param topLists per user, recommended item indices (1..numItems), best first; only the first
   *     K of each count
   */
  public static double coverage(Collection<int[]> topLists, int k, int numItems) {
    checkK(k);
    BitSet seen = new BitSet(numItems + 1);
    for (int[] list : topLists) {
      for (int i = 0; i < Math.min(k, list.length); i++) {
        seen.set(list[i]);
      }
    }
    return coverage(seen.cardinality(), numItems);
  }

  private static void checkRank(int rank) {
    if (rank < 0) {
      throw new IllegalArgumentException("rank: must be 0 or more, was " + rank);
    }
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k: must be at least 1, was " + k);
    }
  }
}
