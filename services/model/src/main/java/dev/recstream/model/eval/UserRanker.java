package dev.recstream.model.eval;

import dev.recstream.model.TopItems;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ranks one user's target under both protocols from one score vector. Call {@link #begin} for
 * each user, then {@link #fullRank}, {@link #topItems}, {@link #sampleNegatives} and {@link
 * #sampledRank} in any order.
 *
 * <p>Ties: the rank is the number of candidates scoring strictly higher than the target plus a
 * uniform draw from 0..(number of other candidates with the target's score). A model that gives
 * many items the same score — e.g. 0 for everything it knows nothing about — would otherwise be
 * ranked first (optimistic) or last (pessimistic) among them depending on a convention; the draw
 * makes every metric's expectation equal the average over all orders of the tied items. NaN
 * scores count as -infinity.
 *
 * <p>The target is always a candidate, even when it is also in the history (repeat
 * consumption), as in the SASRec code where the test item is candidate 0 regardless.
 *
 * <p>Excluded items are marked in an int array with a per-user stamp, so nothing of size
 * numItems is cleared or allocated per user.
 */
final class UserRanker {
  private final int numItems;
  private final int[] marks;
  private final TopItems top;
  private int stamp;
  private int target;
  private int excluded;
  private int[] pool;

  UserRanker(int numItems, int topCapacity) {
    this.numItems = numItems;
    this.marks = new int[numItems + 1];
    this.top = new TopItems(topCapacity);
  }

  /** Starts a user: {@code history} is excluded from the candidates, {@code target} never is. */
  void begin(int[] history, int target) {
    stamp++;
    excluded = 0;
    for (int item : history) {
      if (marks[item] != stamp) {
        marks[item] = stamp;
        excluded++;
      }
    }
    if (marks[target] == stamp) {
      marks[target] = 0;
      excluded--;
    }
    this.target = target;
  }

  /**
   * The target's 0-based rank among every item 1..numItems outside the history; also collects
   * the top items for {@link #topItems()}.
   */
  int fullRank(float[] scores, SplittableRandom rng) {
    float targetScore = key(scores[target]);
    int higher = 0;
    int equal = 0;
    top.clear();
    for (int item = 1; item <= numItems; item++) {
      if (marks[item] == stamp) {
        continue;
      }
      float score = key(scores[item]);
      if (score > targetScore) {
        higher++;
      } else if (score == targetScore) {
        equal++;
      }
      top.offer(item, score);
    }
    return higher + drawTie(equal - 1, rng); // equal counted the target itself
  }

  /** The best items of the last {@link #fullRank} call, best first (ties: lower index first). */
  int[] topItems() {
    return top.drainBestFirst();
  }

  /**
   * Draws {@code count} distinct negatives uniformly from the items outside the history and other
   * than the target. When fewer items qualify, all of them are returned (in index order), so the
   * target is then ranked among fewer than count + 1 candidates.
   */
  int[] sampleNegatives(int count, SplittableRandom rng) {
    int eligible = numItems - excluded - 1;
    if (eligible <= count) {
      return eligibleItems();
    }
    if (2L * (eligible - count) < numItems) {
      return shuffledPrefix(count, rng);
    }
    return rejectionSample(count, rng);
  }

  /** The target's 0-based rank among itself and {@code negatives}, ties drawn as in fullRank. */
  int sampledRank(float[] scores, int[] negatives, SplittableRandom rng) {
    float targetScore = key(scores[target]);
    int higher = 0;
    int equal = 0;
    for (int item : negatives) {
      float score = key(scores[item]);
      if (score > targetScore) {
        higher++;
      } else if (score == targetScore) {
        equal++;
      }
    }
    return higher + drawTie(equal, rng);
  }

  private boolean isEligible(int item) {
    return marks[item] != stamp && item != target;
  }

  private int[] eligibleItems() {
    int[] items = new int[Math.max(0, numItems - excluded - 1)];
    int n = 0;
    for (int item = 1; item <= numItems; item++) {
      if (isEligible(item)) {
        items[n++] = item;
      }
    }
    return items;
  }

  /** Rejection would be slow: list the qualifying items and draw a partial Fisher–Yates shuffle. */
  private int[] shuffledPrefix(int count, SplittableRandom rng) {
    if (pool == null) {
      pool = new int[numItems];
    }
    int n = 0;
    for (int item = 1; item <= numItems; item++) {
      if (isEligible(item)) {
        pool[n++] = item;
      }
    }
    for (int i = 0; i < count; i++) {
      int j = rng.nextInt(i, n);
      int swap = pool[i];
      pool[i] = pool[j];
      pool[j] = swap;
    }
    return Arrays.copyOf(pool, count);
  }

  /**
   * Most items qualify: draw until count distinct ones are found. {@link #sampleNegatives} only
   * comes here when at least half of all draws are accepted, so this is O(count).
   */
  private int[] rejectionSample(int count, SplittableRandom rng) {
    int[] negatives = new int[count];
    int n = 0;
    while (n < count) {
      int item = rng.nextInt(1, numItems + 1);
      if (isEligible(item) && marks[item] != -stamp) {
        marks[item] = -stamp; // chosen: not drawn twice; still a candidate for fullRank
        negatives[n++] = item;
      }
    }
    return negatives;
  }

  private static int drawTie(int otherTied, SplittableRandom rng) {
    return otherTied == 0 ? 0 : rng.nextInt(otherTied + 1);
  }

  private static float key(float score) {
    return Float.isNaN(score) ? Float.NEGATIVE_INFINITY : score;
  }
}
