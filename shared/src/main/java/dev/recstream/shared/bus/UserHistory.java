package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What scoring needs to answer for one user, read from the store.
 *
 * @param recentItems the newest item ids, newest first (at most {@link SequenceUpdate#RECENT_ITEMS})
 * @param purchasedItems the newest purchases, newest first (at most {@link SequenceUpdate#PURCHASES})
 */
public record UserHistory(String userId, List<String> recentItems, List<String> purchasedItems) {
  public static final Wire<UserHistory> WIRE = Wire.shared(UserHistory.class, UserHistory::toJson, UserHistory::fromJson);

  public UserHistory {
    recentItems = List.copyOf(recentItems);
    purchasedItems = List.copyOf(purchasedItems);
  }

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId)
        .put("recentItems", new JsonArray(recentItems))
        .put("purchasedItems", new JsonArray(purchasedItems));
  }

  public static UserHistory fromJson(JsonObject json) {
    return new UserHistory(json.getString("userId"), Jsons.strings(json.getJsonArray("recentItems")),
        Jsons.strings(json.getJsonArray("purchasedItems")));
  }
}
