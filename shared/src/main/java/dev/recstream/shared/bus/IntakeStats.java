package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Counts of one intake call (HTTP) or poll (Kafka), for the metrics service.
 *
 * @param sourceLagMicros for a Kafka poll, how long its oldest record waited between the
 *     producer's send (the record timestamp) and the poll: the Kafka leg of the event→push
 *     latency, which the server's own latency span does not see; -1 when unknown (HTTP)
 */
public record IntakeStats(String source, int accepted, int rejected, long sourceLagMicros) {
  public static final Wire<IntakeStats> WIRE = Wire.shared(IntakeStats.class, IntakeStats::toJson, IntakeStats::fromJson);

  public static final String HTTP = "http";
  public static final String KAFKA = "kafka";

  /** Counts with no source lag (HTTP intake). */
  public IntakeStats(String source, int accepted, int rejected) {
    this(source, accepted, rejected, -1);
  }

  public JsonObject toJson() {
    return new JsonObject().put("source", source).put("accepted", accepted).put("rejected", rejected)
        .put("sourceLagMicros", sourceLagMicros);
  }

  public static IntakeStats fromJson(JsonObject json) {
    return new IntakeStats(json.getString("source"), json.getInteger("accepted"), json.getInteger("rejected"),
        json.getLong("sourceLagMicros", -1L));
  }
}
