package dev.recstream.model.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): an item's fused score is the
 * sum over the rankings that hold it of {@code 1 / (K + rank)}, rank counted from 1. It needs no
 * calibration between a text rank and a cosine similarity, which live on unrelated scales, and an
 * item both rankings agree on beats one that tops only one of them.
 */
public final class RankFusion {
  /** The constant of the original paper: it damps the lead of the very first ranks. */
  public static final int K = 60;

  private RankFusion() {}

  /**
   * The fused scores of every item in {@code rankings} (each best first), in the order items were
   * first met: ranking by ranking, rank by rank.
   */
  public static Map<String, Double> fuse(List<List<String>> rankings) {
    Map<String, Double> fused = new LinkedHashMap<>();
    for (List<String> ranking : rankings) {
      for (int rank = 0; rank < ranking.size(); rank++) {
        fused.merge(ranking.get(rank), 1.0 / (K + rank + 1), Double::sum);
      }
    }
    return fused;
  }
}
