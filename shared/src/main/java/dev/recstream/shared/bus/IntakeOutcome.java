package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What ingestion made of one {@code POST /v1/events} body, in the domain's terms; the gateway
 * alone turns it into an HTTP status.
 *
 * @param accepted events stored (durable) for {@link Kind#ACCEPTED}, else 0
 * @param rejected {@code [{"index", "eventId", "reason"}…]} for the invalid elements; empty when
 *     the body could not be read at all
 * @param error a short code for a body that was refused whole ({@code invalid_json}, …), else null
 * @param message a sentence for a body refused whole, else null
 */
public record IntakeOutcome(Kind kind, int accepted, JsonArray rejected, String error, String message) {
  public static final Wire<IntakeOutcome> WIRE = Wire.copied(IntakeOutcome.class, IntakeOutcome::toJson, IntakeOutcome::fromJson);

  /** The outcomes a body can have. */
  public enum Kind {
    /** The valid events are stored; {@code rejected} lists the others. */
    ACCEPTED,
    /** The body was read but no event in it is valid. */
    NOTHING_VALID,
    /** The body cannot be read as events (not JSON, not NDJSON, wrong shape). */
    UNREADABLE,
    /** The body is over the size or count limit. */
    TOO_LARGE,
    /** The content type is not one intake reads. */
    UNSUPPORTED_TYPE,
    /** The events are valid but could not be stored now; nothing was stored, retry. */
    NOT_STORED
  }

  public IntakeOutcome {
    rejected = rejected == null ? new JsonArray() : rejected;
  }

  public static IntakeOutcome accepted(int accepted, JsonArray rejected) {
    return new IntakeOutcome(Kind.ACCEPTED, accepted, rejected, null, null);
  }

  public static IntakeOutcome refused(Kind kind, String error, String message) {
    return new IntakeOutcome(kind, 0, null, error, message);
  }

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind.name()).put("accepted", accepted).put("rejected", rejected)
        .put("error", error).put("message", message);
  }

  public static IntakeOutcome fromJson(JsonObject json) {
    return new IntakeOutcome(Kind.valueOf(json.getString("kind")), json.getInteger("accepted"), json.getJsonArray("rejected"),
        json.getString("error"), json.getString("message"));
  }
}
