package dev.recstream.bench.suite;

import dev.recstream.bench.baseline.BaselineResults;
import dev.recstream.bench.baseline.HttpBaseline;
import dev.recstream.bench.baseline.KafkaBaseline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live path's targets, each judged on the scenarios of one workload under one configuration.
 * What a target is judged on is a map of named numbers, the same keys in every run, so that one run
 * and the medians of several are described and judged alike. Besides its stated bounds, a target is
 * met only at its rate (and length), with every event pushed and no errors: a percentile of the
 * pushes that came says nothing about those that did not.
 */
public enum Target {
  LOW_KAFKA("event→push at 1,000 events/s, Kafka: p50 ≤ 3 ms, p99 ≤ 10 ms", ""),
  LOW_HTTP("event→push at 1,000 events/s, HTTP: p50 ≤ 3 ms, p99 ≤ 10 ms", ""),
  HIGH_KAFKA("event→push at 5,000 events/s: p99 ≤ 20 ms, p99.9 ≤ 50 ms, every event pushed", ""),
  SUSTAINED("sustained 10,000 events/s for 60 s: p99 ≤ 100 ms, no backlog", "pushes/s ÷ Kafka produce→consume"),
  GET("GET …/recommendations at 2,000 req/s: p99 ≤ 5 ms and ≤ 2× the empty server's p99, no errors",
      "p99 ÷ empty server's p99"),
  CPU("JVM CPU per event at 5,000 events/s: ≤ 100 µs, model included", "");

  /** How each number reads in the measured column, in the order {@link #measure} puts them. */
  private static final Map<String, String> PHRASES = Map.ofEntries(
      Map.entry("p50", "p50 %s ms"), Map.entry("p99", "p99 %s ms"), Map.entry("p999", "p99.9 %s ms"),
      Map.entry("worstWindowP99", "worst 10 s window's p99 %s ms"), Map.entry("lastWindowP99", "last window's p99 %s ms"),
      Map.entry("emptyP99", "empty server's p99 %s ms"), Map.entry("cpuMicros", "%s µs per event"),
      Map.entry("cores", "%s JVM cores"), Map.entry("done", "%s pushes/s"), Map.entry("offered", "at %s/s"),
      Map.entry("seconds", "for %s s"), Map.entry("noPush", "%s without push"), Map.entry("errors", "%s errors"));

  /** What the target says, as the table's first column. */
  public final String title;
  /** What the ratio column divides, or "" when no baseline of the run applies. */
  public final String ratioOf;

  Target(String title, String ratioOf) {
    this.title = title;
    this.ratioOf = ratioOf;
  }

  /** The numbers this target is judged on; {@code ratio} among them when {@link #ratioOf} is set (NaN if unknown). */
  Map<String, Double> measure(WorkloadResult result, BaselineResults baselines) {
    Map<String, Double> v = new LinkedHashMap<>();
    switch (this) {
      case LOW_KAFKA, LOW_HTTP -> latency(v, result.scenario(this == LOW_KAFKA ? Scenario.Kind.LOW_KAFKA
          : Scenario.Kind.LOW_HTTP), "p50", "p99");
      case HIGH_KAFKA -> latency(v, result.scenario(Scenario.Kind.HIGH_KAFKA), "p99", "p999");
      case SUSTAINED -> sustained(v, result.scenario(Scenario.Kind.SUSTAINED), baselines);
      case GET -> get(v, result.scenario(Scenario.Kind.GET), baselines);
      case CPU -> {
        Scenario s = result.scenario(Scenario.Kind.HIGH_KAFKA);
        v.put("cpuMicros", s.cpuMicrosPerUnit());
        v.put("cores", s.figures().get("cores"));
        v.put("offered", (double) s.offeredRate());
      }
    }
    return v;
  }

  private static void latency(Map<String, Double> v, Scenario s, String... percentiles) {
    for (String p : percentiles) {
      v.put(p, s.figures().get(p));
    }
    v.put("offered", (double) s.offeredRate());
    v.put("noPush", (double) s.missing());
    v.put("errors", (double) s.errors());
  }

  private static void sustained(Map<String, Double> v, Scenario s, BaselineResults baselines) {
    List<Double> windows = s.windowP99Ms().stream().filter(w -> !w.isNaN()).toList();
    v.put("p99", s.p99());
    v.put("worstWindowP99", windows.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    v.put("lastWindowP99", windows.isEmpty() ? Double.NaN : windows.get(windows.size() - 1));
    v.put("done", s.doneRate());
    v.put("offered", (double) s.offeredRate());
    v.put("seconds", (double) s.load().options().seconds());
    v.put("noPush", (double) s.missing());
    v.put("errors", (double) s.errors());
    KafkaBaseline.Result kafka = baseline(baselines, KafkaBaseline.Result.class);
    v.put("ratio", kafka == null ? Double.NaN : s.doneRate() / kafka.endToEndPerSecond());
  }

  private static void get(Map<String, Double> v, Scenario s, BaselineResults baselines) {
    HttpBaseline.Result http = baseline(baselines, HttpBaseline.Result.class);
    double empty = http == null ? Double.NaN : http.openLoop().latencyMs().p99();
    v.put("p50", s.p50());
    v.put("p99", s.p99());
    v.put("emptyP99", empty);
    v.put("offered", (double) s.offeredRate());
    v.put("errors", (double) s.errors());
    v.put("ratio", s.p99() / empty);
  }

  private static <T> T baseline(BaselineResults baselines, Class<T> type) {
    return baselines.results().stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
  }

  /** Whether numbers measured by {@link #measure} (or their medians) meet this target; an unknown number never does. */
  public boolean met(Map<String, Double> v) {
    return switch (this) {
      case LOW_KAFKA, LOW_HTTP -> at(v, 1000) && le(v, "p50", 3) && le(v, "p99", 10) && clean(v);
      case HIGH_KAFKA -> at(v, 5000) && le(v, "p99", 20) && le(v, "p999", 50) && clean(v);
      case SUSTAINED -> at(v, 10_000) && ge(v, "seconds", 60) && le(v, "p99", 100)
          && le(v, "worstWindowP99", 100) && clean(v);
      case GET -> at(v, 2000) && le(v, "p99", 5) && le(v, "ratio", 2) && le(v, "errors", 0);
      case CPU -> at(v, 5000) && le(v, "cpuMicros", 100);
    };
  }

  private static boolean at(Map<String, Double> v, double rate) {
    return ge(v, "offered", rate);
  }

  private static boolean clean(Map<String, Double> v) {
    return le(v, "noPush", 0) && le(v, "errors", 0);
  }

  /** {@code v[key] ≤ bound}; false when the number is missing or unknown (NaN). */
  private static boolean le(Map<String, Double> v, String key, double bound) {
    Double x = v.get(key);
    return x != null && x <= bound;
  }

  /** {@code v[key] ≥ bound}; false when the number is missing or unknown (NaN). */
  private static boolean ge(Map<String, Double> v, String key, double bound) {
    Double x = v.get(key);
    return x != null && x >= bound;
  }

  /**
   * The measured column from numbers already formatted (one run's, or medians with their range),
   * in the order {@link #measure} put them; the ratio has a column of its own.
   */
  public static String describe(Map<String, String> formatted) {
    StringBuilder b = new StringBuilder();
    formatted.forEach((key, text) -> {
      if (PHRASES.containsKey(key)) {
        b.append(b.length() == 0 ? "" : ", ").append(String.format(PHRASES.get(key), text));
      }
    });
    return b.toString();
  }
}
