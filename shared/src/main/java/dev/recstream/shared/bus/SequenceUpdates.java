package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequence updates of one committed store batch, in storage order. One message per batch
 * rather than per event keeps the bus cheap and the per-user order intact.
 */
public record SequenceUpdates(List<SequenceUpdate> updates) {
  public static final Wire<SequenceUpdates> WIRE = Wire.shared(SequenceUpdates.class, SequenceUpdates::toJson, SequenceUpdates::fromJson);


  public SequenceUpdates {
    updates = List.copyOf(updates);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    updates.forEach(u -> array.add(u.toJson()));
    return new JsonObject().put("updates", array);
  }

  public static SequenceUpdates fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("updates");
    List<SequenceUpdate> updates = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      updates.add(SequenceUpdate.fromJson(array.getJsonObject(i)));
    }
    return new SequenceUpdates(updates);
  }
}
