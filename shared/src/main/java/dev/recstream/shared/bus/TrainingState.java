package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * The continuous trainer's state, as {@code GET /v1/models} shows it.
 *
 * @param enabled whether retrains run on a schedule (a model directory and an interval are set)
 * @param phase {@code idle} or what a running retrain is doing
 * @param nextRunAt ISO-8601, null when no retrain is scheduled
 * @param lastRun the outcome of the last retrain, null before the first
 */
public record TrainingState(boolean enabled, long intervalMinutes, String phase, long runs, String nextRunAt,
    JsonObject lastRun) {
  public static final Wire<TrainingState> WIRE = Wire.copied(TrainingState.class, TrainingState::toJson, TrainingState::fromJson);

  public JsonObject toJson() {
    return new JsonObject().put("enabled", enabled).put("intervalMinutes", intervalMinutes).put("phase", phase)
        .put("runs", runs).put("nextRunAt", nextRunAt).put("lastRun", lastRun);
  }

  public static TrainingState fromJson(JsonObject json) {
    return new TrainingState(json.getBoolean("enabled"), json.getLong("intervalMinutes"), json.getString("phase"),
        json.getLong("runs"), json.getString("nextRunAt"), json.getJsonObject("lastRun"));
  }
}
