package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Persisted per-minute snapshots of the online metrics, oldest first: what the dashboard's charts
 * and {@code GET /v1/metrics/history} show, and what survives a restart.
 */
public record MetricsHistory(List<Snapshot> snapshots) {
  public static final Wire<MetricsHistory> WIRE = Wire.copied(MetricsHistory.class, MetricsHistory::toJson, MetricsHistory::fromJson);

  /** How long snapshots are kept: a week of minutes, about 10,000 rows. */
  public static final Duration KEPT = Duration.ofDays(7);

  /** The most minutes one query may ask for: all that is kept. */
  public static final int MAX_MINUTES = (int) KEPT.toMinutes();

  /**
   * The figures of one minute.
   *
   * @param minute the minute's start
   * @param figures the metrics service's one-minute window ending at the minute's end
   */
  public record Snapshot(Instant minute, JsonObject figures) {
    public static final Wire<Snapshot> WIRE = Wire.copied(Snapshot.class, Snapshot::toJson, Snapshot::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put("minute", minute.toString()).put("figures", figures);
    }

    public static Snapshot fromJson(JsonObject json) {
      return new Snapshot(Instant.parse(json.getString("minute")), json.getJsonObject("figures"));
    }
  }

  /** The snapshots of the last {@code minutes} minutes. */
  public record Query(int minutes) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put("minutes", minutes);
    }

    public static Query fromJson(JsonObject json) {
      return new Query(json.getInteger("minutes"));
    }
  }

  public MetricsHistory {
    snapshots = List.copyOf(snapshots);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    snapshots.forEach(s -> array.add(s.toJson()));
    return new JsonObject().put("snapshots", array);
  }

  public static MetricsHistory fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("snapshots");
    List<Snapshot> snapshots = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      snapshots.add(Snapshot.fromJson(array.getJsonObject(i)));
    }
    return new MetricsHistory(snapshots);
  }
}
