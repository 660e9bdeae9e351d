package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A user's sequence right after one event of theirs was stored. It carries the recent items so
 * that any scoring node can answer for any user without a database round trip.
 *
 * @param itemId the trigger event's item, null for searches
 * @param type the trigger event's wire type name
 * @param recentItems the user's most recent item ids, newest first, including the trigger's item
 * @param purchasedItems items the user purchased (the newest {@value #PURCHASES} purchases),
 *     newest first, which business rules keep out of their recommendations
 * @param receivedAtMicros when intake received the trigger event (epoch microseconds)
 * @param recId the trigger event's {@code context.recId}: the served list the client credits it
 *     to; null when absent
 * @param value the trigger event's {@code value} (a purchase's price, a rating); null when absent
 * @param query a {@code search} trigger's query; null for other events
 */
public record SequenceUpdate(
    String userId,
    String triggerEventId,
    String itemId,
    String type,
    List<String> recentItems,
    List<String> purchasedItems,
    long receivedAtMicros,
    String recId,
    Double value,
    String query) {

  /** How many recent items an update carries: what the store sends and what models replay with. */
  public static final int RECENT_ITEMS = 20;

  /** How many of a user's newest purchases an update names. */
  public static final int PURCHASES = 100;

  public SequenceUpdate {
    recentItems = List.copyOf(recentItems);
    purchasedItems = List.copyOf(purchasedItems);
  }

  /** An update of an event that is not a search. */
  public SequenceUpdate(String userId, String triggerEventId, String itemId, String type, List<String> recentItems,
      List<String> purchasedItems, long receivedAtMicros, String recId, Double value) {
    this(userId, triggerEventId, itemId, type, recentItems, purchasedItems, receivedAtMicros, recId, value, null);
  }

  /** An update without attribution context (replays, tests). */
  public SequenceUpdate(String userId, String triggerEventId, String itemId, String type, List<String> recentItems,
      List<String> purchasedItems, long receivedAtMicros) {
    this(userId, triggerEventId, itemId, type, recentItems, purchasedItems, receivedAtMicros, null, null);
  }

  /** An update that names no purchases (replays, tests). */
  public SequenceUpdate(String userId, String triggerEventId, String itemId, String type, List<String> recentItems,
      long receivedAtMicros) {
    this(userId, triggerEventId, itemId, type, recentItems, List.of(), receivedAtMicros);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("userId", userId)
        .put("triggerEventId", triggerEventId)
        .put("itemId", itemId)
        .put("type", type)
        .put("recentItems", new JsonArray(List.copyOf(recentItems)))
        .put("purchasedItems", new JsonArray(List.copyOf(purchasedItems)))
        .put("receivedAtMicros", receivedAtMicros)
        .put("recId", recId)
        .put("value", value)
        .put("query", query);
  }

  public static SequenceUpdate fromJson(JsonObject json) {
    return new SequenceUpdate(
        json.getString("userId"),
        json.getString("triggerEventId"),
        json.getString("itemId"),
        json.getString("type"),
        Jsons.strings(json.getJsonArray("recentItems")),
        json.containsKey("purchasedItems") ? Jsons.strings(json.getJsonArray("purchasedItems")) : List.of(),
        json.getLong("receivedAtMicros"),
        json.getString("recId"),
        json.getDouble("value"),
        json.getString("query"));
  }
}
