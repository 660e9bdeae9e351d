package dev.recstream.bench.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What one phase of open-loop search measured: counted requests only (the warm-up left out), but for
 * the p99 of each 10 seconds of the whole phase.
 *
 * @param phase {@code empty} or {@code catalog}
 * @param sent requests counted ({@code targetRate × seconds})
 * @param answered requests that completed, successfully or not (all unless some outlived the wait)
 * @param ok 200 answers with an {@code items} array
 * @param timeouts requests given up after {@link OpenLoopSearch#REQUEST_TIMEOUT_MILLIS}
 * @param errors the other failures by kind: {@code "http 503"}, an exception's name, or a 200 without items
 * @param achievedRate answers per second, from the first counted due time to the last answer
 * @param meanResults mean length of {@code items} over the 200 answers
 * @param maxSenderLagMs how late the client sent its latest request: large values mean the client, not the server, fell behind
 * @param latency 200 answers and timeouts, from the due time
 * @param segments the same per query kind and per presence of a user
 * @param sliceP99s the p99 (ms, NaN when none) of the answers to the requests due in each {@link
 *     OpenLoopSearch#SLICE_SECONDS} s from the phase's start, warm-up included: how a cold server settled
 */
record PhaseResult(String phase, int targetRate, int warmupSeconds, int seconds, long sent, long answered, long ok,
    long timeouts, Map<String, Long> errors, double achievedRate, double meanResults, double maxSenderLagMs,
    Latency latency, Map<String, Latency> segments, List<Double> sliceP99s) {

  /** Answers with a status other than 200. */
  long non200() {
    return errors.entrySet().stream().filter(e -> e.getKey().startsWith("http ")).mapToLong(Map.Entry::getValue).sum();
  }

  /** Failures that are neither another status nor a timeout: refused connections, unreadable bodies. */
  long otherFailures() {
    return errors.values().stream().mapToLong(Long::longValue).sum() - non200();
  }

  JsonObject toJson() {
    JsonObject segmentsJson = new JsonObject();
    segments.forEach((name, l) -> segmentsJson.put(name, l.toJson()));
    return new JsonObject().put("targetRate", targetRate).put("warmupSeconds", warmupSeconds).put("seconds", seconds)
        .put("sent", sent).put("answered", answered).put("ok", ok).put("non200", non200()).put("timeouts", timeouts)
        .put("otherFailures", otherFailures()).put("errors", new JsonObject(Map.copyOf(errors)))
        .put("achievedRate", Latency.json(SearchReport.round(achievedRate))).put("meanResults", Latency.json(SearchReport.round(meanResults)))
        .put("maxSenderLagMs", maxSenderLagMs).put("latencyMs", latency.toJson()).put("latencyMsBySegment", segmentsJson)
        .put("p99MsPer10s", new JsonArray(sliceP99s.stream().map(Latency::json).toList()));
  }
}
