package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Names an experiment: to read it, or to move it to {@code status} ({@link Experiment#RUNNING} or
 * {@link Experiment#STOPPED}); {@code status} is null for a read.
 */
public record ExperimentId(String id, String status) {
  public static final Wire<ExperimentId> WIRE = Wire.shared(ExperimentId.class, ExperimentId::toJson, ExperimentId::fromJson);

  public ExperimentId(String id) {
    this(id, null);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("status", status);
  }

  public static ExperimentId fromJson(JsonObject json) {
    return new ExperimentId(json.getString("id"), json.getString("status"));
  }
}
