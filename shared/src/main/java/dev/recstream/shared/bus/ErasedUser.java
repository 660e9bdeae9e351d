package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/** The store's answer to an erase: how many stored events of the user were deleted. */
public record ErasedUser(String userId, int erasedEvents) {
  public static final Wire<ErasedUser> WIRE = Wire.shared(ErasedUser.class, ErasedUser::toJson, ErasedUser::fromJson);

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("erasedEvents", erasedEvents);
  }

  public static ErasedUser fromJson(JsonObject json) {
    return new ErasedUser(json.getString("userId"), json.getInteger("erasedEvents"));
  }
}
