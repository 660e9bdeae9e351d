package dev.recstream.bench.load;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The synthetic shopper population: users chosen uniformly, each browsing in sessions of geometric
 * length (mean 8 events) over a Zipf(1.0) catalog, mostly views with some clicks, carts and
 * purchases. User ids carry a per-run prefix so that runs against the same system never mix.
 *
 * <p>Not thread-safe: one sender thread owns it.
 */
final class Workload {
  private static final double SESSION_MEAN = 8.0;

  private final String prefix;
  private final Random random;
  private final Zipf zipf;
  private final int[] sessionLeft;
  private final int[] sessionNo;
  private long eventNo;

  Workload(String runId, int users, int items, long seed) {
    this.prefix = "load-" + runId + "-";
    this.random = new Random(seed);
    this.zipf = new Zipf(items, 1.0);
    this.sessionLeft = new int[users];
    this.sessionNo = new int[users];
  }

  String userId(int i) {
    return prefix + "u" + i;
  }

  List<String> userIds() {
    return IntStream.range(0, sessionLeft.length).mapToObj(this::userId).toList();
  }

  /** The next event, with a run-unique {@code eventId} the meter matches pushes against. */
  JsonObject next() {
    int u = random.nextInt(sessionLeft.length);
    if (sessionLeft[u] == 0) {
      sessionNo[u]++;
      sessionLeft[u] = geometric();
    }
    sessionLeft[u]--;
    String type = type();
    JsonObject event = new JsonObject()
        .put("eventId", prefix + "e" + (eventNo++))
        .put("userId", userId(u))
        .put("itemId", "item-" + zipf.next(random))
        .put("type", type)
        .put("sessionId", userId(u) + "-s" + sessionNo[u]);
    if (type.equals("purchase")) {
      event.put("value", 5 + random.nextInt(95));
    }
    return event;
  }

  /** Session length >= 1 with mean {@link #SESSION_MEAN} (geometric, p = 1/mean). */
  private int geometric() {
    double p = 1.0 / SESSION_MEAN;
    return 1 + (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p));
  }

  private String type() {
    double x = random.nextDouble();
    return x < 0.70 ? "view" : x < 0.90 ? "click" : x < 0.97 ? "add_to_cart" : "purchase";
  }
}
