package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/** Counts of one intake call (HTTP) or poll (Kafka), for the metrics service. */
public record IntakeStats(String source, int accepted, int rejected) {
  public static final Wire<IntakeStats> WIRE = Wire.shared(IntakeStats.class, IntakeStats::toJson, IntakeStats::fromJson);


  public static final String HTTP = "http";
  public static final String KAFKA = "kafka";

  public JsonObject toJson() {
    return new JsonObject().put("source", source).put("accepted", accepted).put("rejected", rejected);
  }

  public static IntakeStats fromJson(JsonObject json) {
    return new IntakeStats(json.getString("source"), json.getInteger("accepted"), json.getInteger("rejected"));
  }
}
