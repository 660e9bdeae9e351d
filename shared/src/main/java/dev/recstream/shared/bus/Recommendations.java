package dev.recstream.shared.bus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's recommendation list, as served by {@code GET /v1/users/{id}/recommendations} and, with
 * a trigger, pushed on the live feed (CONTRACT §2–3).
 *
 * @param recId this list's id, new for every list served or pushed: clients send it back as the
 *     event's {@code context.recId} to attribute a click or purchase to the list
 * @param triggerEventId the stored event that caused this list; null when asked for over REST
 * @param latencyMs time from intake of the trigger to this list; for a GET, from the gateway's
 *     request to the scoring node's answer, once the gateway has measured it; null otherwise
 * @param arm the running experiment and the user's variant in it, whose model made the list;
 *     null outside experiments
 */
public record Recommendations(
    String userId,
    List<ScoredItem> items,
    String model,
    Instant generatedAt,
    String recId,
    String triggerEventId,
    Double latencyMs,
    Arm arm) {
  public static final Wire<Recommendations> WIRE = Wire.shared(Recommendations.class, Recommendations::toJson, Recommendations::fromJson);


  /** An experiment and one of its variants. */
  public record Arm(String experiment, String variant) {}

  public Recommendations {
    items = List.copyOf(items);
  }

  /** A list made outside any experiment. */
  public Recommendations(String userId, List<ScoredItem> items, String model, Instant generatedAt, String recId,
      String triggerEventId, Double latencyMs) {
    this(userId, items, model, generatedAt, recId, triggerEventId, latencyMs, null);
  }

  /** The same list with {@code latencyMs} set (a gateway's measure of a GET). */
  public Recommendations withLatencyMs(double latencyMs) {
    return new Recommendations(userId, items, model, generatedAt, recId, triggerEventId, latencyMs, arm);
  }

  /** The bus form; also the REST body (trigger fields left out when absent). */
  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(i -> array.add(i.toJson()));
    JsonObject json = new JsonObject()
        .put("userId", userId)
        .put("items", array)
        .put("model", model)
        .put("generatedAt", generatedAt.toString())
        .put("recId", recId);
    if (arm != null) {
      json.put("experiment", arm.experiment()).put("variant", arm.variant());
    }
    if (triggerEventId != null) {
      json.put("triggerEventId", triggerEventId).put("latencyMs", latencyMs);
    }
    return json;
  }

  /** The live-feed message of CONTRACT §3. */
  public JsonObject toFeedMessage() {
    return new JsonObject().put("type", "recommendations").mergeIn(toJson());
  }

  /**
   * {@link #toFeedMessage()} as JSON text, written straight from the record: one message per
   * stored event, so the tree of maps the JsonObject form builds (a map per item) is skipped.
   */
  public String toFeedText() {
    StringWriter text = new StringWriter(256 + 96 * items.size());
    try (JsonGenerator json = FEED_JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("type", "recommendations");
      json.writeStringField("userId", userId);
      json.writeArrayFieldStart("items");
      for (ScoredItem item : items) {
        json.writeStartObject();
        json.writeStringField("itemId", item.itemId());
        json.writeNumberField("score", item.score());
        if (item.reason() != null) {
          json.writeStringField("reason", item.reason());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("model", model);
      json.writeStringField("generatedAt", generatedAt.toString());
      json.writeStringField("recId", recId);
      if (arm != null) {
        json.writeStringField("experiment", arm.experiment());
        json.writeStringField("variant", arm.variant());
      }
      if (triggerEventId != null) {
        json.writeStringField("triggerEventId", triggerEventId);
        if (latencyMs == null) {
          json.writeNullField("latencyMs");
        } else {
          json.writeNumberField("latencyMs", latencyMs);
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return text.toString();
  }

  private static final JsonFactory FEED_JSON = new JsonFactory();

  public static Recommendations fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("items");
    List<ScoredItem> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      items.add(ScoredItem.fromJson(array.getJsonObject(i)));
    }
    return new Recommendations(
        json.getString("userId"),
        items,
        json.getString("model"),
        Instant.parse(json.getString("generatedAt")),
        json.getString("recId"),
        json.getString("triggerEventId"),
        json.getDouble("latencyMs"),
        json.containsKey("experiment") ? new Arm(json.getString("experiment"), json.getString("variant")) : null);
  }
}
