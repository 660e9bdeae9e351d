package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What users did after their newest stored searches: for each search, the user's item events in
 * the 30 minutes after it and before their next search. A scoring node that starts rebuilds its
 * query–item evidence from it. On the wire each is an array {@code [query, itemId, type]}.
 */
public record SearchFollowUps(List<FollowUp> followUps) {
  public static final Wire<SearchFollowUps> WIRE = Wire.shared(SearchFollowUps.class, SearchFollowUps::toJson, SearchFollowUps::fromJson);

  /** One item event after a search: its type says how much it counts. */
  public record FollowUp(String query, String itemId, String type) {}

  /** The follow-ups of the newest {@code searches} searches. */
  public record Query(int searches) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put("searches", searches);
    }

    public static Query fromJson(JsonObject json) {
      return new Query(json.getInteger("searches"));
    }
  }

  public SearchFollowUps {
    followUps = List.copyOf(followUps);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    followUps.forEach(f -> array.add(new JsonArray().add(f.query()).add(f.itemId()).add(f.type())));
    return new JsonObject().put("followUps", array);
  }

  public static SearchFollowUps fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("followUps");
    List<FollowUp> followUps = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonArray f = array.getJsonArray(i);
      followUps.add(new FollowUp(f.getString(0), f.getString(1), f.getString(2)));
    }
    return new SearchFollowUps(followUps);
  }
}
