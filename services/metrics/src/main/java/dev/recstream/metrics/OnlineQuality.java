package dev.recstream.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How good the served lists are, online: a user's next item event is a <em>hit</em> when its item
 * was in the last list served to that user before it (the online counterpart of HR@k), counted per
 * model; and the catalog coverage of the lists — distinct items recommended over distinct items
 * seen in events.
 *
 * <p>Memory is bounded: the last list of at most {@code maxUsers} users (least recently active
 * dropped first) and at most {@code maxItems} distinct items per coverage set. Not thread-safe:
 * one verticle owns it.
 */
final class OnlineQuality {
  /** Hits and evaluated events of one model. */
  static final class Tally {
    long evaluated;
    long hits;

    double hitRate() {
      return evaluated == 0 ? 0 : (double) hits / evaluated;
    }
  }

  private record Served(Set<String> items, String model) {}

  private final int maxItems;
  private final LinkedHashMap<String, Served> lastServed;
  private final Map<String, Tally> byModel = new HashMap<>();
  private final Set<String> recommended = new HashSet<>();
  private final Set<String> seen = new HashSet<>();
  private String lastModel;

  OnlineQuality(int maxUsers, int maxItems) {
    this.maxItems = maxItems;
    this.lastServed = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Served> eldest) {
        return size() > maxUsers;
      }
    };
  }

  /** A list was served (pushed or requested) to {@code userId}. */
  void served(String userId, List<String> items, String model) {
    lastServed.put(userId, new Served(Set.copyOf(items), model));
    lastModel = model;
    for (String item : items) {
      if (recommended.size() < maxItems) {
        recommended.add(item);
      }
    }
  }

  /** A stored item event of {@code userId}; searches (null item) are ignored. */
  void event(String userId, String itemId) {
    if (itemId == null) {
      return;
    }
    if (seen.size() < maxItems) {
      seen.add(itemId);
    }
    Served served = lastServed.get(userId);
    if (served == null) {
      return;
    }
    Tally tally = byModel.computeIfAbsent(served.model(), m -> new Tally());
    tally.evaluated++;
    if (served.items().contains(itemId)) {
      tally.hits++;
    }
  }

  /** Everything kept about a user (GDPR erase). */
  void forget(String userId) {
    lastServed.remove(userId);
  }

  Map<String, Tally> byModel() {
    return byModel;
  }

  long evaluated() {
    return byModel.values().stream().mapToLong(t -> t.evaluated).sum();
  }

  long hits() {
    return byModel.values().stream().mapToLong(t -> t.hits).sum();
  }

  double hitRate() {
    long evaluated = evaluated();
    return evaluated == 0 ? 0 : (double) hits() / evaluated;
  }

  /** Distinct items recommended over distinct items seen in events (0 before any event). */
  double coverage() {
    return seen.isEmpty() ? 0 : Math.min(1.0, (double) recommended.size() / seen.size());
  }

  int recommendedItems() {
    return recommended.size();
  }

  /** The model of the latest served list, null before the first. */
  String lastModel() {
    return lastModel;
  }
}
