package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/** The store's answer to an {@link EventBatch}: every event is durable, {@code stored} of them new. */
public record AppendResult(int stored, int duplicates) {
  public static final Wire<AppendResult> WIRE = Wire.shared(AppendResult.class, AppendResult::toJson, AppendResult::fromJson);


  public JsonObject toJson() {
    return new JsonObject().put("stored", stored).put("duplicates", duplicates);
  }

  public static AppendResult fromJson(JsonObject json) {
    return new AppendResult(json.getInteger("stored"), json.getInteger("duplicates"));
  }
}
