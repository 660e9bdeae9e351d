package dev.recstream.bench.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an open-loop GET run measured. Latencies (ms, 2xx answers only) run from each request's
 * intended send time; {@code answeredPerSecond} is every answer, errors included, over the time
 * from the first intended send to the last answer.
 *
 * @param targetRate requests per second asked for
 * @param seconds how long requests were sent
 * @param sent requests sent ({@code targetRate × seconds})
 * @param answered requests that completed, successfully or not (all of them unless some hung past the timeout)
 * @param ok 2xx answers
 * @param errors failed requests by kind: {@code "http 503"}, or the exception of a transport failure
 */
public record GetLoadResult(int targetRate, int seconds, long sent, long answered, long ok,
    Map<String, Long> errors, double answeredPerSecond, LatencySummary latencyMs) implements BaselineResult {

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String name() {
    return "gateway-get";
  }

  @Override
  public List<Figure> figures() {
    return figures("");
  }

  /** The figures with each name prefixed, for a baseline that reports an open-loop run among others. */
  List<Figure> figures(String prefix) {
    List<Figure> figures = new ArrayList<>(List.of(
        new Figure(prefix + "target rate", targetRate, "req/s"),
        new Figure(prefix + "answered rate", answeredPerSecond, "req/s"),
        new Figure(prefix + "requests sent", sent, "requests"),
        new Figure(prefix + "2xx answers", ok, "requests"),
        new Figure(prefix + "errors", errorCount(), "requests"),
        new Figure(prefix + "latency p50", latencyMs.p50(), "ms"),
        new Figure(prefix + "latency p95", latencyMs.p95(), "ms"),
        new Figure(prefix + "latency p99", latencyMs.p99(), "ms"),
        new Figure(prefix + "latency p99.9", latencyMs.p999(), "ms"),
        new Figure(prefix + "latency max", latencyMs.max(), "ms")));
    errors.forEach((kind, n) -> figures.add(new Figure(prefix + "errors " + kind, n, "requests")));
    return figures;
  }
}
