package dev.recstream.bench.search;

import dev.recstream.bench.search.QueryMix.QueryKind;
import dev.recstream.bench.search.SearchRequests.SearchRequest;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * One phase of search requests at a fixed rate (open loop): request {@code i} is due at {@code
 * start + i / rate} whatever the server answers, and is timed from that due time to its complete
 * answer, so a stall shows up as latency rather than as fewer requests (no coordinated omission).
 * The first {@code warmup} seconds are sent on the same clock but not counted; every request,
 * warm-up included, also goes into the p99 of its 10 seconds of sending ({@link #SLICE_SECONDS}), so
 * the report shows how long a cold server took to settle and whether the counted part was steady.
 *
 * <p>Timed: 200 answers, and timeouts at the moment they were given up (a lower bound of their
 * latency), so that neither a hung request nor a fast error improves the percentiles. Other
 * statuses and transport failures are counted by kind, not timed.
 *
 * <p>One run per instance; the sender is the calling thread, the answers arrive on event loops.
 */
final class OpenLoopSearch {
  /** A request unanswered this long is given up and counted as a timeout. */
  static final long REQUEST_TIMEOUT_MILLIS = 10_000;
  /** Shortest pause between ticks: below this, sleeping costs more than sending two at once. */
  private static final long MIN_TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
  private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(10);
  /** The width of the slices of sending time whose p99 the report lists. */
  static final int SLICE_SECONDS = 10;

  private final WebClient client;
  private final String baseUrl;
  private final int k;
  private final Histogram all = histogram();
  private final Map<QueryKind, Histogram> byKind = new EnumMap<>(QueryKind.class);
  private final Histogram withUser = histogram();
  private final Histogram withoutUser = histogram();
  private final LongAdder answered = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder resultItems = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final AtomicLong lastAnswerNanos = new AtomicLong();
  /** By due time, from the phase's start, warm-up included: each {@link #SLICE_SECONDS} seconds' answers. */
  private Histogram[] slices = new Histogram[0];
  private long startNanos;
  private long maxLagNanos;

  /** @param baseUrl the server, without a trailing slash */
  OpenLoopSearch(WebClient client, String baseUrl, int k) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.k = k;
    for (QueryKind kind : QueryKind.values()) {
      byKind.put(kind, histogram());
    }
  }

  /**
   * Sends {@code rate × (warmup + seconds)} requests, then waits for the last counted answers (at
   * most the request timeout). Blocks the calling thread, which must not be an event loop.
   */
  PhaseResult run(String phase, SearchRequests requests, int rate, int warmup, int seconds) throws InterruptedException {
    long counted = (long) rate * seconds;
    long first = (long) rate * warmup;
    long total = first + counted;
    double interval = 1e9 / rate;
    slices = new Histogram[(warmup + seconds + SLICE_SECONDS - 1) / SLICE_SECONDS];
    Arrays.setAll(slices, x -> histogram());
    long start = System.nanoTime();
    startNanos = start;
    long i = 0;
    while (i < total) {
      long now = System.nanoTime();
      long due = Math.min(total, (long) ((now - start) / interval) + 1);
      for (; i < due; i++) {
        long intended = start + (long) (i * interval);
        if (i >= first) {
          maxLagNanos = Math.max(maxLagNanos, System.nanoTime() - intended);
        }
        send(requests.next(), intended, i >= first);
      }
      long next = start + (long) (i * interval);
      LockSupport.parkNanos(Math.max(MIN_TICK_NANOS, next - System.nanoTime()));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEST_TIMEOUT_MILLIS + 2_000);
    while (answered.sum() < counted && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long countedFrom = start + (long) (first * interval);
    double answerSeconds = (Math.max(lastAnswerNanos.get(), countedFrom) - countedFrom) / 1e9;
    return new PhaseResult(phase, rate, warmup, seconds, counted, answered.sum(), ok.sum(), timeouts.sum(), errors(),
        answered.sum() / Math.max(answerSeconds, 1e-9), ok.sum() == 0 ? Double.NaN : (double) resultItems.sum() / ok.sum(),
        Math.round(maxLagNanos / 1e3) / 1e3, Latency.of(all.copy()), segments(), sliceP99s());
  }

  private void send(SearchRequest request, long intendedNanos, boolean counted) {
    client.getAbs(request.url(baseUrl, k)).timeout(REQUEST_TIMEOUT_MILLIS).send()
        .onComplete(ar -> {
          if (counted) {
            answered(ar, request, intendedNanos);
          } else if (ar.succeeded() ? ar.result().statusCode() == 200 : ar.cause() instanceof TimeoutException) {
            slice(intendedNanos, System.nanoTime() - intendedNanos);
          }
        });
  }

  private void answered(AsyncResult<HttpResponse<Buffer>> ar, SearchRequest request, long intendedNanos) {
    long now = System.nanoTime();
    if (ar.failed()) {
      if (ar.cause() instanceof TimeoutException) {
        timeouts.increment();
        record(request, intendedNanos, now - intendedNanos);
      } else {
        error(ar.cause().getClass().getSimpleName());
      }
    } else if (ar.result().statusCode() != 200) {
      error("http " + ar.result().statusCode());
    } else {
      JsonArray items = itemsOf(ar.result());
      if (items == null) {
        error("200 without an items array");
      } else {
        record(request, intendedNanos, now - intendedNanos);
        ok.increment();
        resultItems.add(items.size());
      }
    }
    lastAnswerNanos.accumulateAndGet(now, Math::max);
    // Last, so that once the sender sees every answer counted, the books above are complete.
    answered.increment();
  }

  private void record(SearchRequest request, long intendedNanos, long nanos) {
    long value = slice(intendedNanos, nanos);
    all.recordValue(value);
    byKind.get(request.kind()).recordValue(value);
    (request.userId() == null ? withoutUser : withUser).recordValue(value);
  }

  /** Records a latency in the slice of its due time; returns it clamped to what the histograms hold. */
  private long slice(long intendedNanos, long nanos) {
    long value = Math.min(Math.max(0, nanos), MAX_NANOS);
    int at = (int) ((intendedNanos - startNanos) / TimeUnit.SECONDS.toNanos(SLICE_SECONDS));
    slices[Math.min(Math.max(at, 0), slices.length - 1)].recordValue(value);
    return value;
  }

  /** The p99 of each slice in milliseconds, NaN for one without answers. */
  private List<Double> sliceP99s() {
    List<Double> p99s = new ArrayList<>(slices.length);
    for (Histogram h : slices) {
      p99s.add(Latency.of(h.copy()).p99());
    }
    return p99s;
  }

  private static JsonArray itemsOf(HttpResponse<Buffer> response) {
    try {
      return response.bodyAsJsonObject().getJsonArray("items");
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void error(String kind) {
    errors.computeIfAbsent(kind, x -> new LongAdder()).increment();
  }

  private Map<String, Long> errors() {
    Map<String, Long> copy = new TreeMap<>();
    errors.forEach((kind, n) -> copy.put(kind, n.sum()));
    return copy;
  }

  /** The latency of each kind of query and of requests with and without a user, in that order. */
  private Map<String, Latency> segments() {
    Map<String, Latency> out = new LinkedHashMap<>();
    byKind.forEach((kind, h) -> out.put(kind.label, Latency.of(h.copy())));
    out.put("with a user with history", Latency.of(withUser.copy()));
    out.put("without a user", Latency.of(withoutUser.copy()));
    return out;
  }

  private static Histogram histogram() {
    return new SynchronizedHistogram(MAX_NANOS, 3);
  }
}
