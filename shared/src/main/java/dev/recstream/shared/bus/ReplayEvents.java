package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest stored item events in storage order, for a streaming model to replay when its node
 * starts. On the wire each event is a pair {@code [userId, itemId]}: a replay holds up to a few
 * hundred thousand of them.
 */
public record ReplayEvents(List<UserItem> events) {
  public static final Wire<ReplayEvents> WIRE = Wire.shared(ReplayEvents.class, ReplayEvents::toJson, ReplayEvents::fromJson);

  /** One stored item event: who touched which item. */
  public record UserItem(String userId, String itemId) {}

  /** Asks for the newest {@code limit} item events. */
  public record Query(int limit) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put("limit", limit);
    }

    public static Query fromJson(JsonObject json) {
      return new Query(json.getInteger("limit", 0));
    }
  }

  public ReplayEvents {
    events = List.copyOf(events);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    events.forEach(e -> array.add(new JsonArray().add(e.userId()).add(e.itemId())));
    return new JsonObject().put("events", array);
  }

  public static ReplayEvents fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("events");
    List<UserItem> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonArray pair = array.getJsonArray(i);
      events.add(new UserItem(pair.getString(0), pair.getString(1)));
    }
    return new ReplayEvents(events);
  }
}
