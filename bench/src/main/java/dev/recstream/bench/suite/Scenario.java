package dev.recstream.bench.suite;

import dev.recstream.bench.baseline.GetLoadResult;
import dev.recstream.bench.load.LoadResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured scenario of a performance run: an event load (Kafka or HTTP, latency to the push)
 * or a GET load (latency to the answer), with what the system used meanwhile.
 *
 * @param kind which of the suite's scenarios
 * @param load the event load's result, or null for a GET scenario
 * @param get the GET load's result, or null for an event scenario
 * @param usage heap and RSS peaks, and the CPU the JVM spent
 */
public record Scenario(Kind kind, LoadResult load, GetLoadResult get, SystemProbe.Usage usage) {

  /** The scenarios of one workload, in the order they run: lightest first. */
  public enum Kind {
    LOW_KAFKA("low rate (Kafka)"),
    LOW_HTTP("low rate (HTTP)"),
    GET("GET recommendations"),
    HIGH_KAFKA("high rate (Kafka)"),
    SUSTAINED("sustained (Kafka)");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** The keys of {@link #figures}, in table order, and the table's header cells. */
  static final Map<String, String> COLUMNS = columns();

  private static Map<String, String> columns() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("offered", "offered /s");
    c.put("done", "done /s");
    c.put("p50", "p50 ms");
    c.put("p95", "p95 ms");
    c.put("p99", "p99 ms");
    c.put("p999", "p99.9 ms");
    c.put("max", "max ms");
    c.put("noPush", "no push");
    c.put("errors", "errors");
    c.put("heapMaxMiB", "heap max MiB");
    c.put("rssMaxMiB", "JVM RSS max MiB");
    c.put("cores", "JVM cores");
    c.put("cpuMicros", "JVM CPU µs per event");
    return Collections.unmodifiableMap(c);
  }

  public String name() {
    return kind.label;
  }

  public int offeredRate() {
    return load != null ? load.options().rate() : get.targetRate();
  }

  /** Pushes per second (events) or answers per second (GET). */
  public double doneRate() {
    return load != null ? load.pushesPerSecond() : get.answeredPerSecond();
  }

  public double p50() {
    return load != null ? load.p50Ms() : get.latencyMs().p50();
  }

  public double p95() {
    return load != null ? load.p95Ms() : get.latencyMs().p95();
  }

  public double p99() {
    return load != null ? load.p99Ms() : get.latencyMs().p99();
  }

  public double p999() {
    return load != null ? load.p999Ms() : get.latencyMs().p999();
  }

  public double max() {
    return load != null ? load.maxMs() : get.latencyMs().max();
  }

  /** Events without a push after the grace period; 0 for a GET scenario. */
  public long missing() {
    return load != null ? load.missing() : 0;
  }

  public long errors() {
    return load != null ? load.errorCount() : get.errorCount();
  }

  /** p99 of the events sent in each 10 s of the schedule (empty for a GET scenario). */
  public List<Double> windowP99Ms() {
    return load != null ? load.windowP99Ms() : List.of();
  }

  /**
   * JVM CPU time per event sent, or per GET request, in µs (NaN when unknown). For events, the CPU
   * seconds of the whole scenario over the events: its idle tail (waiting for the last pushes) must
   * not dilute the figure. For GETs, the cores used over the offered rate, since the GET warm-up
   * inside the probe's window sends at that same rate.
   */
  public double cpuMicrosPerUnit() {
    if (usage.cpuSeconds() < 0) {
      return Double.NaN;
    }
    return load != null ? (load.sent() == 0 ? Double.NaN : usage.cpuSeconds() * 1e6 / load.sent())
        : usage.cores() * 1e6 / get.targetRate();
  }

  /** The numbers of the scenarios table, under the keys of {@link #COLUMNS}; NaN when unknown. */
  public Map<String, Double> figures() {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("offered", (double) offeredRate());
    f.put("done", doneRate());
    f.put("p50", p50());
    f.put("p95", p95());
    f.put("p99", p99());
    f.put("p999", p999());
    f.put("max", max());
    f.put("noPush", (double) missing());
    f.put("errors", (double) errors());
    f.put("heapMaxMiB", known(usage.heapMaxMiB()));
    f.put("rssMaxMiB", known(usage.rssMaxMiB()));
    f.put("cores", known(usage.cores()));
    f.put("cpuMicros", cpuMicrosPerUnit());
    return f;
  }

  private static double known(double v) {
    return v < 0 ? Double.NaN : v;
  }

  /** The figures (NaN as null) and the window p99s, then the load's or the GET's own full result. */
  public JsonObject toJson() {
    JsonObject figures = new JsonObject();
    figures().forEach((k, v) -> figures.put(k, v.isNaN() ? null : v));
    JsonObject json = new JsonObject().put("scenario", name()).put("kind", kind.name()).put("figures", figures)
        .put("p99ByWindowMs", new JsonArray(windowP99Ms().stream().map(v -> v.isNaN() ? null : v).toList()));
    return load != null ? json.put("load", load.toJson()) : json.put("get", get.toJson());
  }
}
