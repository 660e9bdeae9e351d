package dev.recstream.shared.bus;

import dev.recstream.shared.event.BehaviorEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Validated events to store, in arrival order.
 *
 * @param receivedAtMicros when intake received them (epoch microseconds): the start of the
 *     event→push latency that the live feed reports
 */
public record EventBatch(List<BehaviorEvent> events, long receivedAtMicros) {

  public EventBatch {
    events = List.copyOf(events);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    events.forEach(e -> array.add(e.toJson()));
    return new JsonObject().put("receivedAtMicros", receivedAtMicros).put("events", array);
  }

  public static EventBatch fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("events");
    List<BehaviorEvent> events = new java.util.ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      events.add(BehaviorEvent.fromJson(array.getJsonObject(i)));
    }
    return new EventBatch(events, json.getLong("receivedAtMicros"));
  }
}
