package dev.recstream.app;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import dev.recstream.shared.bus.ImportedEvents;
import dev.recstream.shared.config.ConfigLoader;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.event.BehaviorEvent;
import dev.recstream.shared.event.EventType;
import dev.recstream.store.BulkLoader;
import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recstream import}: bulk-loads a dataset as behavior events, straight into PostgreSQL
 * (default; {@code RECSTREAM_PG_URL}) or into a running system over HTTP ({@code --http}). Event
 * ids are derived from the file, user and position, so importing the same file again stores
 * nothing twice. Sources without timestamps get one second per position from 2020-01-01, which
 * keeps each user's order. An import straight into the database ends with a notice to a running
 * system ({@link BulkLoader#announce}), whose scoring nodes then relearn from the store; over HTTP
 * the events take the live path and are learned as they arrive.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Bulk-load a dataset into PostgreSQL or a running system, with a progress bar.")
final class ImportCommand implements Callable<Integer> {
  static final Instant NO_TIMESTAMP_BASE = Instant.parse("2020-01-01T00:00:00Z");
  private static final int IN_FLIGHT = 4;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The dataset file (or folder, for sessions).")
  Path file;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "sasrec (user item per line), sequences, pairs, events-csv or sessions.")
  String format;

  @Option(names = "--columns", paramLabel = "LIST", description = "events-csv without a header: its columns.")
  String columns;

  @Option(names = "--preset", paramLabel = "NAME", description = "events-csv preset, e.g. taobao.")
  String preset;

  @Option(names = "--http", paramLabel = "URL", description = "Send to a running gateway (e.g. http://127.0.0.1:8080) instead of PostgreSQL.")
  String http;

  @Option(names = "--api-key", paramLabel = "KEY", description = "With --http: the Bearer key (role ingest).")
  String apiKey;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file naming the database.")
  Path configFile;

  @Option(names = "--batch", defaultValue = "5000", paramLabel = "N", description = "Events per insert (HTTP: at most 1,000).")
  int batchSize;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    SequenceDataset data = DatasetReaders.read(file, DatasetFormat.fromName(format), DatasetOptions.readerOptions(columns, preset));
    long total = data.actions();
    err.printf("%s: %,d users, %,d items, %,d events%n", data.name(), data.users().size(), data.items().size(), total);
    Vertx vertx = Vertx.vertx();
    try {
      Sink sink = http != null ? httpSink(vertx) : databaseSink(vertx);
      long started = System.nanoTime();
      long[] counts = load(data, sink, err, total, started);
      double seconds = (System.nanoTime() - started) / 1e9;
      err.println();
      if (counts[1] > 0) {
        tellRunningSystem(sink, new ImportedEvents(file.getFileName().toString(), counts[1], data.users().size(),
            data.items().size()), err);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("imported %,d events (%,d new) in %.1f s: %,.0f events/s%n", counts[0], counts[1], seconds, counts[0] / seconds);
      out.flush();
      return 0;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Where batches go: completes with how many of the batch's events were new (or accepted). */
  private interface Sink {
    Future<Integer> send(List<BehaviorEvent> batch);

    /** After the last batch: tells a running system about events that reached it by no live path. */
    default Future<Void> announce(ImportedEvents imported) {
      return Future.succeededFuture();
    }
  }

  /**
   * The events are stored whether or not a running system hears of it, so a failed notice is a
   * warning, not a failed import.
   */
  private static void tellRunningSystem(Sink sink, ImportedEvents imported, PrintWriter err) {
    try {
      sink.announce(imported).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      err.printf("warning: a running system was not told of this import (%s); it learns the events when it restarts%n",
          cause.getMessage());
    }
  }

  private Sink databaseSink(Vertx vertx) throws Exception {
    RecstreamConfig config = ConfigLoader.load(RecstreamConfig.defaults(), configFile, System.getenv(), Map.of());
    if (config.pgUrl() == null) {
      throw new IllegalArgumentException("import needs the database (RECSTREAM_PG_URL or pgUrl in --config), or --http URL");
    }
    BulkLoader loader = BulkLoader.open(vertx, config.pgUrl(), IN_FLIGHT).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new Sink() {
      @Override
      public Future<Integer> send(List<BehaviorEvent> batch) {
        return loader.insert(batch);
      }

      @Override
      public Future<Void> announce(ImportedEvents imported) {
        return loader.announce(imported);
      }
    };
  }

  private Sink httpSink(Vertx vertx) {
    batchSize = Math.min(batchSize, 1000);
    WebClient client = WebClient.create(vertx);
    String url = http.replaceAll("/+$", "") + "/v1/events";
    return batch -> {
      JsonArray body = new JsonArray();
      batch.forEach(e -> body.add(e.toJson()));
      var request = client.postAbs(url).putHeader("Content-Type", "application/json");
      if (apiKey != null) {
        request.putHeader("Authorization", "Bearer " + apiKey);
      }
      return request.sendBuffer(body.toBuffer()).compose(r -> r.statusCode() == 202
          ? Future.succeededFuture(r.bodyAsJsonObject().getInteger("accepted"))
          : Future.failedFuture("HTTP " + r.statusCode() + ": " + r.bodyAsString()));
    };
  }

  /** Sends every event in batches, a few in flight; returns {sent, new}. */
  private long[] load(SequenceDataset data, Sink sink, PrintWriter err, long total, long started) throws Exception {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    AtomicLong sent = new AtomicLong();
    AtomicLong fresh = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<BehaviorEvent> batch = new ArrayList<>(batchSize);
    String source = file.getFileName().toString();
    for (UserSequence user : data.users()) {
      for (int i = 0; i < user.length(); i++) {
        batch.add(event(data, source, user, i));
        if (batch.size() == batchSize) {
          dispatch(sink, batch, slots, sent, fresh, failure);
          batch = new ArrayList<>(batchSize);
          progress(err, sent.get(), total, started);
        }
      }
    }
    if (!batch.isEmpty()) {
      dispatch(sink, batch, slots, sent, fresh, failure);
    }
    slots.acquire(IN_FLIGHT);
    if (failure.get() != null) {
      throw new IllegalStateException("import stopped after " + sent.get() + " events: " + failure.get().getMessage(), failure.get());
    }
    progress(err, sent.get(), total, started);
    return new long[] {sent.get(), fresh.get()};
  }

  private static void dispatch(Sink sink, List<BehaviorEvent> batch, Semaphore slots, AtomicLong sent, AtomicLong fresh,
      AtomicReference<Throwable> failure) throws InterruptedException {
    if (failure.get() != null) {
      return;
    }
    slots.acquire();
    sink.send(batch).onComplete(done -> {
      if (done.succeeded()) {
        sent.addAndGet(batch.size());
        fresh.addAndGet(done.result());
      } else {
        failure.compareAndSet(null, done.cause());
      }
      slots.release();
    });
  }

  private static void progress(PrintWriter err, long done, long total, long started) {
    double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
    int width = 30;
    int filled = total == 0 ? width : (int) (width * done / total);
    err.printf("\r[%s%s] %,d / %,d events  %,.0f/s", "#".repeat(filled), " ".repeat(width - filled), done, total, done / seconds);
    err.flush();
  }

  static BehaviorEvent event(SequenceDataset data, String source, UserSequence user, int i) {
    Instant ts = user.timestamps() != null ? Instant.ofEpochMilli(user.timestamps()[i]) : NO_TIMESTAMP_BASE.plusSeconds(i);
    EventType type = user.types() != null
        ? EventType.fromWireName(user.types()[i]).orElse(EventType.VIEW)
        : EventType.VIEW;
    return new BehaviorEvent("import:" + source + ":" + user.userId() + ":" + i, user.userId(),
        data.items().idOf(user.items()[i]), type, ts, null, null, null, Map.of());
  }
}
