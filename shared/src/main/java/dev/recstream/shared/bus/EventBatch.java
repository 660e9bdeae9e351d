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
 * @param deadlineMillis epoch milliseconds after which the sender no longer waits for the answer
 *     (an HTTP client got its 503): the store must not start writing the batch too close to it;
 *     0 = no deadline (Kafka: a failure only means a retry)
 */
public record EventBatch(List<BehaviorEvent> events, long receivedAtMicros, long deadlineMillis) {
  public static final Wire<EventBatch> WIRE = Wire.shared(EventBatch.class, EventBatch::toJson, EventBatch::fromJson);


  public EventBatch {
    events = List.copyOf(events);
  }

  /**
   * How long before its deadline a batch's write must start: far more than one write takes, so
   * that the sender never gives up on a write that then commits.
   */
  public static final long WRITE_MARGIN_MILLIS = 5_000;

  public EventBatch(List<BehaviorEvent> events, long receivedAtMicros) {
    this(events, receivedAtMicros, 0);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    events.forEach(e -> array.add(e.toJson()));
    return new JsonObject().put("receivedAtMicros", receivedAtMicros).put("deadlineMillis", deadlineMillis).put("events", array);
  }

  public static EventBatch fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("events");
    List<BehaviorEvent> events = new java.util.ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      events.add(BehaviorEvent.fromJson(array.getJsonObject(i)));
    }
    return new EventBatch(events, json.getLong("receivedAtMicros"), json.getLong("deadlineMillis", 0L));
  }
}
