package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of {@code GET /v1/search} (CONTRACT §2): the items matching a query, ordered for the
 * user, best first.
 *
 * @param userId null for a search without a user
 * @param model the model whose personal scores reranked the results
 * @param retrieved how many candidates each retriever gave before the rerank
 * @param personalized whether the user's history reranked the results (false for a cold user)
 */
public record SearchResults(String query, String userId, List<ScoredItem> items, String model, Instant generatedAt,
    Retrieved retrieved, boolean personalized) {
  public static final Wire<SearchResults> WIRE = Wire.shared(SearchResults.class, SearchResults::toJson, SearchResults::fromJson);

  /** Candidates by retriever: full-text and typo matches, vector neighbours, query–item evidence. */
  public record Retrieved(int text, int vector, int evidence) {
    JsonObject toJson() {
      return new JsonObject().put("text", text).put("vector", vector).put("evidence", evidence);
    }

    static Retrieved fromJson(JsonObject json) {
      return new Retrieved(json.getInteger("text"), json.getInteger("vector"), json.getInteger("evidence"));
    }
  }

  /** {@code GET /v1/search?q=&userId=&k=}; userId null for an anonymous search. */
  public record Query(String query, String userId, int k) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put("query", query).put("userId", userId).put("k", k);
    }

    public static Query fromJson(JsonObject json) {
      return new Query(json.getString("query"), json.getString("userId"), json.getInteger("k"));
    }
  }

  public SearchResults {
    items = List.copyOf(items);
  }

  /** The bus form; also the REST body. */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(i -> array.add(i.toJson()));
    return new JsonObject()
        .put("query", query)
        .put("userId", userId)
        .put("items", array)
        .put("model", model)
        .put("personalized", personalized)
        .put("retrieved", retrieved.toJson())
        .put("generatedAt", generatedAt.toString());
  }

  public static SearchResults fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("items");
    List<ScoredItem> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      items.add(ScoredItem.fromJson(array.getJsonObject(i)));
    }
    return new SearchResults(json.getString("query"), json.getString("userId"), items, json.getString("model"),
        Instant.parse(json.getString("generatedAt")), Retrieved.fromJson(json.getJsonObject("retrieved")),
        json.getBoolean("personalized"));
  }
}
