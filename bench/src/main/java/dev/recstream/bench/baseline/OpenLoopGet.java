package dev.recstream.bench.baseline;

import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * GET requests at a fixed rate, each timed from its <em>intended</em> send time (open loop, as
 * {@code LoadRun} does for events): request {@code i} is due at {@code start + i / rate} whatever
 * the server answers, so a stall shows up as latency rather than as a lower request rate
 * (coordinated omission). One class for the empty-server baseline and the gateway, so that both
 * figures are measured the same way.
 *
 * <p>Only 2xx answers are timed: a fast 503 must not improve the percentiles. Anything else is
 * counted by kind ({@code "http 503"}, or the exception of a transport failure).
 *
 * <p>One run per instance; the sender is the calling thread, the answers arrive on event loops.
 */
final class OpenLoopGet {
  /** Shortest pause between ticks: below this, sleeping costs more than sending a few at once. */
  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  /** A request unanswered this long is failed by the client, so a run always ends. */
  static final long REQUEST_TIMEOUT_MILLIS = 10_000;
  private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final WebClient client;
  private final String apiKey;
  private final Histogram latency = new SynchronizedHistogram(MAX_NANOS, 3);
  private final LongAdder answered = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final AtomicLong lastAnswerNanos = new AtomicLong();

  /** @param apiKey Bearer key sent with every request, or null */
  OpenLoopGet(WebClient client, String apiKey) {
    this.client = client;
    this.apiKey = apiKey;
  }

  /**
   * A run at the same rate whose figures are thrown away, so that connection set-up and JIT
   * compilation are not measured as the server's latency: a third of the run, 1 to 3 seconds.
   */
  static void warmUp(WebClient client, String apiKey, Supplier<String> urls, int rate, int seconds)
      throws InterruptedException {
    new OpenLoopGet(client, apiKey).run(urls, rate, Math.min(3, Math.max(1, seconds / 3)));
  }

  /**
   * Sends {@code rate × seconds} GETs to the URLs {@code urls} yields, then waits for the last
   * answers (at most the request timeout). Blocks the calling thread, which must not be an event loop.
   */
  GetLoadResult run(Supplier<String> urls, int rate, int seconds) throws InterruptedException {
    long total = (long) rate * seconds;
    double interval = 1e9 / rate;
    long start = System.nanoTime();
    long i = 0;
    while (i < total) {
      long due = Math.min(total, (long) ((System.nanoTime() - start) / interval) + 1);
      for (; i < due; i++) {
        send(urls.get(), start + (long) (i * interval));
      }
      long next = start + (long) (i * interval);
      LockSupport.parkNanos(Math.max(MIN_TICK_NANOS, next - System.nanoTime()));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEST_TIMEOUT_MILLIS + 1_000);
    while (answered.sum() < total && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    double answerSeconds = (Math.max(lastAnswerNanos.get(), start) - start) / 1e9;
    return new GetLoadResult(rate, seconds, total, answered.sum(), ok.sum(), errors(),
        answered.sum() / Math.max(answerSeconds, 1e-9), LatencySummary.of(latency.copy(), LatencySummary.MILLIS));
  }

  private void send(String url, long intendedNanos) {
    HttpRequest<Buffer> request = client.getAbs(url).timeout(REQUEST_TIMEOUT_MILLIS);
    if (apiKey != null) {
      request.bearerTokenAuthentication(apiKey);
    }
    request.send().onComplete(ar -> answered(ar, intendedNanos));
  }

  private void answered(AsyncResult<HttpResponse<Buffer>> ar, long intendedNanos) {
    long now = System.nanoTime();
    if (ar.failed()) {
      error(ar.cause().getClass().getSimpleName());
    } else if (ar.result().statusCode() / 100 != 2) {
      error("http " + ar.result().statusCode());
    } else {
      latency.recordValue(Math.min(Math.max(0, now - intendedNanos), MAX_NANOS));
      ok.increment();
    }
    lastAnswerNanos.accumulateAndGet(now, Math::max);
    // Last, so that once the sender sees every answer counted, the books above are complete.
    answered.increment();
  }

  private void error(String kind) {
    errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  private Map<String, Long> errors() {
    Map<String, Long> copy = new TreeMap<>();
    errors.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
