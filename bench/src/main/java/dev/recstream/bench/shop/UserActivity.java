package dev.recstream.bench.shop;

import java.util.Random;

/**
 * How many events each user has: {@value ShopOptions#MIN_EVENTS_PER_USER} each, so that
 * leave-one-out keeps everyone, and the rest shared out in proportion to a log-normal activity
 * (σ = {@value #SIGMA}): most users have a few events, a few have hundreds or thousands, as in
 * shop logs. The shares are rounded systematically (each user gets the growth of the rounded
 * running total), so that the counts add up to the requested total exactly with no sort.
 */
final class UserActivity {
  /** Spread of log activity: mean/median 3.1, the busiest of a million users ~1,500× the median. */
  static final double SIGMA = 1.5;

  private UserActivity() {}

  /** Events per user (index 0 = user 1), summing to {@code events}. */
  static int[] eventsPerUser(int users, long events, Random random) {
    double[] weight = new double[users];
    double total = 0;
    for (int u = 0; u < users; u++) {
      weight[u] = Math.exp(SIGMA * random.nextGaussian());
      total += weight[u];
    }
    long extra = events - (long) ShopOptions.MIN_EVENTS_PER_USER * users;
    int[] counts = new int[users];
    double running = 0;
    long given = 0;
    for (int u = 0; u < users; u++) {
      running += weight[u];
      long upTo = u == users - 1 ? extra : Math.min(extra, (long) Math.floor(extra * (running / total)));
      counts[u] = Math.toIntExact(ShopOptions.MIN_EVENTS_PER_USER + upTo - given);
      given = upTo;
    }
    return counts;
  }
}
