package dev.recstream.model.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model's offline evaluation. The metric maps are keyed as in CONTRACT §7's report
 * ({@code "HR@10"}, {@code "NDCG@10"}, {@code "MRR"}, {@code "Precision@10"}, {@code
 * "Recall@10"}, {@code "F1@10"}, {@code "Coverage@10"}, then the same for the next K; MRR once,
 * coverage in full ranking only) and keep that order.
 *
 * @param modelName the model's {@link dev.recstream.model.NextItemModel#name()}
 * @param trainSeconds wall time of {@code fit}
 * @param scoreMicrosPerUser mean wall time of one {@code score} call, in microseconds
 * @param users how many users were evaluated
 * @param full means under full ranking (every item outside the user's history is a candidate)
 * @param sampled means under the sampled-negatives protocol; empty when it was not run
 */
public record EvaluationResult(
    String modelName, double trainSeconds, double scoreMicrosPerUser, int users, Map<String, Double> full, Map<String, Double> sampled) {

  /** Keeps unmodifiable copies of the maps in their given order. */
  public EvaluationResult {
    full = Collections.unmodifiableMap(new LinkedHashMap<>(full));
    sampled = Collections.unmodifiableMap(new LinkedHashMap<>(sampled));
  }

  /**
   * This result as one entry of the report's {@code "models"} object: {@code trainSeconds},
   * {@code scoreMicrosPerUser}, {@code users}, {@code full} and — when the sampled protocol ran —
   * {@code sampled}, in that order, ready for any JSON mapper.
   */
  public Map<String, Object> asReportEntry() {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("trainSeconds", trainSeconds);
    entry.put("scoreMicrosPerUser", scoreMicrosPerUser);
    entry.put("users", users);
    entry.put("full", full);
    if (!sampled.isEmpty()) {
      entry.put("sampled", sampled);
    }
    return Collections.unmodifiableMap(entry);
  }
}
