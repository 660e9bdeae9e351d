package dev.recstream.bench.load;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The shopper population: users chosen uniformly, each browsing in sessions of geometric length
 * (mean 8 events), mostly views with some clicks, carts and purchases. Items come either from a
 * Zipf(1.0) catalog or, when replaying a dataset, from real users' sequences in their order (driven
 * user {@code u} walks dataset user {@code u mod n}, starting over at its end), so that a model
 * trained on that dataset sees histories it knows. User ids carry a per-run prefix so that runs
 * against the same system never mix.
 *
 * <p>Not thread-safe: one sender thread owns it.
 */
final class Workload {
  private static final double SESSION_MEAN = 8.0;

  private final String prefix;
  private final Random random;
  private final IntFunction<String> items;
  private final int[] sessionLeft;
  private final int[] sessionNo;
  private long eventNo;

  /** Synthetic items {@code item-0 … item-(items-1)}, Zipf-distributed. */
  Workload(String runId, int users, int items, long seed) {
    this(runId, users, seed, zipf(items));
  }

  /** Items replayed from {@code dataset}'s user sequences. */
  Workload(String runId, int users, SequenceDataset dataset, long seed) {
    this(runId, users, seed, replay(dataset, users));
  }

  private Workload(String runId, int users, long seed, Function<Random, IntFunction<String>> items) {
    this.prefix = "load-" + runId + "-";
    this.random = new Random(seed);
    this.items = items.apply(random);
    this.sessionLeft = new int[users];
    this.sessionNo = new int[users];
  }

  private static Function<Random, IntFunction<String>> zipf(int items) {
    Zipf zipf = new Zipf(items, 1.0);
    return random -> user -> "item-" + zipf.next(random);
  }

  private static Function<Random, IntFunction<String>> replay(SequenceDataset dataset, int users) {
    if (dataset.users().isEmpty()) {
      throw new IllegalArgumentException("--replay: the dataset " + dataset.name() + " has no users");
    }
    int[] position = new int[users];
    return random -> user -> {
      UserSequence sequence = dataset.users().get(user % dataset.users().size());
      int item = sequence.items()[position[user]];
      position[user] = (position[user] + 1) % sequence.length();
      return dataset.items().idOf(item);
    };
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
        .put("itemId", items.apply(u))
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
