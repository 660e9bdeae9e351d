package dev.recstream.model.eval;

import java.util.Objects;

/**
 * One evaluated user: the item held out and everything the user did before it.
 *
 * <p>The history array is shared, not copied: treat it as read-only. The evaluator hands models a
 * copy.
 *
 * @param userId the user's id, for logs and debugging
 * @param history the user's items before the held-out one, oldest first (never empty)
 * @param target the held-out item's vocabulary index
 */
public record HeldOutItem(String userId, int[] history, int target) {

  /** Checks that the user has a history and that the target is a vocabulary index. */
  public HeldOutItem {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(history, "history");
    if (history.length == 0) {
      throw new IllegalArgumentException("history: must hold at least one item");
    }
    if (target < 1) {
      throw new IllegalArgumentException("target: must be a vocabulary index ≥ 1, was " + target);
    }
  }
}
