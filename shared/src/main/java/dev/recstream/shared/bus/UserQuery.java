package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/** Names one user: a history read, an erase, and the notice that a user was erased. */
public record UserQuery(String userId) {
  public static final Wire<UserQuery> WIRE = Wire.shared(UserQuery.class, UserQuery::toJson, UserQuery::fromJson);

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId);
  }

  public static UserQuery fromJson(JsonObject json) {
    return new UserQuery(json.getString("userId"));
  }
}
