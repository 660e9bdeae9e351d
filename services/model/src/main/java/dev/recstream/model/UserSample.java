package dev.recstream.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform, seeded sample of users, for the parts of training and evaluation whose cost grows
 * with every user but whose answer does not need them all: the rankers' examples and the users an
 * evaluation scores.
 */
public final class UserSample {
  private UserSample() {}

  /**
   * Which of {@code users} are chosen: all when they are at most {@code maxUsers}, else {@code
   * maxUsers} of them drawn without replacement (a partial shuffle on a random stream of its own,
   * so the other draws of a caller keep their values whether it samples or not). Equal arguments
   * give equal samples.
   *
   * @throws IllegalArgumentException when {@code maxUsers} is below 1
   */
  public static boolean[] choose(int users, int maxUsers, long seed) {
    if (maxUsers < 1) {
      throw new IllegalArgumentException("maxUsers: must be 1 or more, got " + maxUsers);
    }
    boolean[] chosen = new boolean[users];
    if (users <= maxUsers) {
      Arrays.fill(chosen, true);
      return chosen;
    }
    int[] order = new int[users];
    for (int i = 0; i < users; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < maxUsers; i++) {
      int j = i + random.nextInt(users - i);
      int picked = order[j];
      order[j] = order[i];
      order[i] = picked;
      chosen[picked] = true;
    }
    return chosen;
  }
}
