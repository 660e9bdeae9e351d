package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's text matches for a query, best first, available items only. On the wire each hit is
 * an array {@code [itemId, rank]}.
 *
 * @param corrected the query as matched: lower case, misspelt words replaced by the catalog's
 *     nearest ({@code "lipstik"} → {@code "lipstick"}); null when nothing matched
 */
public record TextSearch(List<Hit> hits, String corrected) {
  public static final Wire<TextSearch> WIRE = Wire.shared(TextSearch.class, TextSearch::toJson, TextSearch::fromJson);

  /**
   * One matching item.
   *
   * @param rank 1 when the item holds every word of the (corrected) query, plus PostgreSQL's
   *     {@code ts_rank} of the words it holds (title words weigh most, length-normalised)
   */
  public record Hit(String itemId, double rank) {}

  /** The best {@code limit} matches of {@code query}. */
  public record Query(String query, int limit) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put("query", query).put("limit", limit);
    }

    public static Query fromJson(JsonObject json) {
      return new Query(json.getString("query"), json.getInteger("limit"));
    }
  }

  public TextSearch {
    hits = List.copyOf(hits);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    hits.forEach(h -> array.add(new JsonArray().add(h.itemId()).add(h.rank())));
    return new JsonObject().put("hits", array).put("corrected", corrected);
  }

  public static TextSearch fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("hits");
    List<Hit> hits = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonArray h = array.getJsonArray(i);
      hits.add(new Hit(h.getString(0), h.getDouble(1)));
    }
    return new TextSearch(hits, json.getString("corrected"));
  }
}
