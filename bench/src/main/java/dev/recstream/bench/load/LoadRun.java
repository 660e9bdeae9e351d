package dev.recstream.bench.load;

import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import dev.recstream.trainer.data.ReaderOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Drives a running recstream at a fixed event rate and measures event-to-push latency (issue #5).
 *
 * <p>Open loop: event {@code i} is due at {@code start + i / rate} whatever the system answers, and
 * its latency is measured from that due time, so a slow intake shows up as latency instead of as a
 * lower send rate (coordinated omission). Sends happen in ticks of a few milliseconds; each tick
 * sends every event that fell due, as one HTTP batch or as Kafka records.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Send behavior events to a running recstream at a fixed rate and measure event-to-push latency.")
public final class LoadRun implements Callable<Integer> {
  /** Shortest pause between ticks: below this, sleeping costs more than batching. */
  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  @Option(names = "--http", required = true, description = "gateway base URL, e.g. http://127.0.0.1:8080")
  String http;
  @Option(names = "--kafka", description = "host:port: send events through Kafka (topic recstream.events) instead of HTTP")
  String kafka;
  @Option(names = "--rate", defaultValue = "500", description = "events per second (default ${DEFAULT-VALUE})")
  int rate;
  @Option(names = "--seconds", defaultValue = "30", description = "how long to send (default ${DEFAULT-VALUE})")
  int seconds;
  @Option(names = "--users", defaultValue = "1000", description = "distinct users (default ${DEFAULT-VALUE})")
  int users;
  @Option(names = "--items", defaultValue = "10000", description = "catalog size, Zipf popularity (default ${DEFAULT-VALUE})")
  int items;
  @Option(names = "--api-key", description = "Bearer key when the system requires one")
  String apiKey;
  @Option(names = "--grace", defaultValue = "10", description = "seconds to wait for late pushes (default ${DEFAULT-VALUE})")
  int grace;
  @Option(names = "--seed", defaultValue = "42", description = "workload random seed (default ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--out", description = "directory for results.json and results.md")
  Path out;
  @Option(names = "--replay", description = "dataset in the sequences format (e.g. amazon-beauty/sequences.txt) whose "
      + "users' item sequences are replayed instead of synthetic items")
  Path replay;
  @Option(names = "--per-connection", defaultValue = "" + LoadOptions.DEFAULT_PER_CONNECTION,
      description = "users followed per WebSocket connection (default ${DEFAULT-VALUE}; the gateway allows up to 1,000)")
  int perConnection;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadRun()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    LoadOptions options;
    try {
      options = new LoadOptions(http, kafka, rate, seconds, users, items, apiKey, grace, seed, out, replay, perConnection);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    LoadResult result;
    try {
      result = run(options);
    } catch (Exception e) {
      // One sentence for the operator, not a stack trace: usually the system is not running there.
      System.err.println("load: the run failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + " (is recstream running at " + options.httpUrl() + (options.kafkaBootstrap() == null ? "" : " and Kafka at "
          + options.kafkaBootstrap()) + "?)");
      return 1;
    }
    System.out.print(result.toMarkdown());
    return 0;
  }

  /** One run: subscribe, send on schedule, wait for the stragglers, report (and write files if asked). */
  public static LoadResult run(LoadOptions o) throws Exception {
    Vertx vertx = Vertx.vertx();
    Meter meter = new Meter();
    String runId = UUID.randomUUID().toString().substring(0, 8);
    Workload workload = o.replay() == null ? new Workload(runId, o.users(), o.items(), o.seed())
        : new Workload(runId, o.users(), DatasetReaders.read(o.replay(), DatasetFormat.SEQUENCES, ReaderOptions.DEFAULTS), o.seed());
    try (PushListener listener = new PushListener(vertx, meter, o.perConnection());
         EventSink sink = o.kafkaBootstrap() == null ? new HttpSink(vertx, o.httpUrl(), o.apiKey(), meter)
             : new KafkaSink(o.kafkaBootstrap(), meter)) {
      listener.subscribe(o.httpUrl(), o.apiKey(), workload.userIds())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      long start = System.nanoTime();
      meter.startClock(start, o.seconds());
      sendOnSchedule(o, workload, meter, sink, start);
      long sendEnd = System.nanoTime();
      long deadline = sendEnd + TimeUnit.SECONDS.toNanos(o.graceSeconds());
      sink.drain(TimeUnit.SECONDS.toMillis(o.graceSeconds()));
      while (meter.pending() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      double sendSeconds = (sendEnd - start) / 1e9;
      double pushSeconds = (Math.max(meter.lastPushNanos(), sendEnd) - start) / 1e9;
      LoadResult result = LoadResult.of(o, meter, sendSeconds, pushSeconds, workload.userIds());
      if (o.out() != null) {
        result.write(o.out());
      }
      return result;
    } finally {
      closeQuietly(vertx);
    }
  }

  /**
   * Closes the client side. Against an overloaded system, closing thousands of followed users'
   * sockets can take longer than the bound; the run's figures are measured by then, so a slow
   * close is reported instead of discarding them.
   */
  private static void closeQuietly(Vertx vertx) throws InterruptedException {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      System.err.println("load: the client did not close within 10 s (" + e + "); the run's figures stand");
    }
  }

  private static void sendOnSchedule(LoadOptions o, Workload workload, Meter meter, EventSink sink, long start) {
    long total = (long) o.rate() * o.seconds();
    double interval = 1e9 / o.rate();
    long i = 0;
    while (i < total) {
      long now = System.nanoTime();
      long due = Math.min(total, (long) ((now - start) / interval) + 1);
      List<JsonObject> batch = new ArrayList<>();
      for (; i < due; i++) {
        JsonObject event = workload.next();
        // Booked before it leaves, so that a fast push always finds its send time.
        meter.sent(event.getString("eventId"), start + (long) (i * interval));
        batch.add(event);
      }
      if (!batch.isEmpty()) {
        sink.send(batch);
      }
      long next = start + (long) (i * interval);
      LockSupport.parkNanos(Math.max(MIN_TICK_NANOS, next - System.nanoTime()));
    }
  }
}
