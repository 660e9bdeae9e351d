package dev.recstream.bench.search;

import dev.recstream.bench.load.Zipf;
import dev.recstream.bench.search.BeautyCatalog.Product;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the users with history did before searching, as {@code POST /v1/events} bodies: 4 to 12
 * events each (mean 8) on items of Zipf(1.0) popularity (over a seeded permutation, so that the
 * popular items are spread over kinds and brands), in the load generator's type mix (70 % view,
 * 20 % click, 7 % add_to_cart, 3 % purchase). Before {@value #SEARCH_SHARE} of the items the user
 * searched for it first, so the server also learns which items follow which queries.
 * User and event ids carry the run's id, so that runs against the same server never mix.
 */
final class Histories {
  static final double SEARCH_SHARE = 0.12;
  private static final int MIN_EVENTS = 4;
  private static final int MAX_EVENTS = 12;

  /** The users, their events in order, and how many of those are searches. */
  record History(List<String> userIds, List<JsonObject> events, int searches) {}

  private Histories() {}

  static History generate(List<Product> catalog, int users, String runId, long seed) {
    Random random = new Random(seed);
    int[] itemAtRank = permutation(catalog.size(), random);
    Zipf popularity = new Zipf(catalog.size(), 1.0);
    String prefix = "search-" + runId + "-";
    List<String> userIds = new ArrayList<>(users);
    List<JsonObject> events = new ArrayList<>(users * (MIN_EVENTS + MAX_EVENTS) / 2);
    int searches = 0;
    for (int u = 0; u < users; u++) {
      String userId = prefix + "u" + u;
      userIds.add(userId);
      int budget = MIN_EVENTS + random.nextInt(MAX_EVENTS - MIN_EVENTS + 1);
      while (budget > 0) {
        Product item = catalog.get(itemAtRank[popularity.next(random)]);
        if (budget > 1 && random.nextDouble() < SEARCH_SHARE) {
          String query = QueryMix.queryFor(item, 1 + random.nextInt(2), random);
          events.add(event(prefix, events.size(), userId).put("type", "search").put("query", query));
          searches++;
          budget--;
        }
        events.add(itemEvent(event(prefix, events.size(), userId).put("itemId", item.itemId()), random));
        budget--;
      }
    }
    return new History(List.copyOf(userIds), List.copyOf(events), searches);
  }

  private static JsonObject event(String prefix, int n, String userId) {
    return new JsonObject().put("eventId", prefix + "e" + n).put("userId", userId).put("sessionId", userId + "-s1");
  }

  private static JsonObject itemEvent(JsonObject event, Random random) {
    double x = random.nextDouble();
    String type = x < 0.70 ? "view" : x < 0.90 ? "click" : x < 0.97 ? "add_to_cart" : "purchase";
    event.put("type", type);
    if (type.equals("purchase")) {
      event.put("value", 5 + random.nextInt(95));
    }
    return event;
  }

  /** 0..n−1 in a seeded random order (Fisher–Yates). */
  static int[] permutation(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
