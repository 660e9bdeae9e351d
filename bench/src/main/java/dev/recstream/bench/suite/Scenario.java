package dev.recstream.bench.suite;

import dev.recstream.bench.baseline.GetLoadResult;
import dev.recstream.bench.load.LoadResult;
import io.vertx.core.json.JsonObject;

/**
 * One measured scenario of a performance run: an event load (Kafka or HTTP, latency to the push)
 * or a GET load (latency to the answer), with what the system used meanwhile.
 *
 * @param name e.g. {@code "sustained"}
 * @param load the event load's result, or null for a GET scenario
 * @param get the GET load's result, or null for an event scenario
 * @param usage heap and RSS peaks and the cores the JVM used
 */
public record Scenario(String name, LoadResult load, GetLoadResult get, SystemProbe.Usage usage) {

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

  /** JVM CPU time per event pushed or request answered, in µs (-1 when unknown). */
  public double cpuMicrosPerUnit() {
    return usage.cores() < 0 || doneRate() <= 0 ? -1 : usage.cores() * 1e6 / doneRate();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("scenario", name)
        .put("heapMaxMiB", usage.heapMaxMiB()).put("rssMaxMiB", usage.rssMaxMiB()).put("jvmCores", usage.cores())
        .put("cpuMicrosPerUnit", cpuMicrosPerUnit());
    return load != null ? json.put("load", load.toJson()) : json.put("get", get.toJson());
  }
}
