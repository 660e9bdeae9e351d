package dev.recstream.bench;

import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.SequenceUpdates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a same-JVM event-bus hop costs with the typed contract (the record itself is handed over)
 * against the JSON round trip every hop paid before (toJson, Vert.x's copy of the JsonObject,
 * fromJson), for the store's {@code SequenceUpdates} of one committed batch — the message of the
 * live path that every scoring, metrics and learning consumer receives.
 *
 * <ul>
 *   <li>{@code recordHop}/{@code jsonHop}: a request to a local consumer that reads the batch and
 *       answers, waited for: the whole hop, event-loop hand-over included;
 *   <li>{@code recordLocal}/{@code jsonLocal}/{@code clusterWire}: the message conversion alone,
 *       within the JVM and, for reference, what a hop to another node encodes and decodes.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BusCodecBenchmark {
  private static final String JSON_ADDRESS = "bench.json";
  private static final String RECORD_ADDRESS = "bench.record";

  /** Events in one stored batch: 1 at low rates, hundreds under load. */
  @Param({"1", "100"})
  public int events;

  private Vertx vertx;
  private SequenceUpdates batch;

  @Setup
  public void setUp() throws Exception {
    List<SequenceUpdate> updates = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      List<String> recent = new ArrayList<>();
      for (int j = 0; j < SequenceUpdate.RECENT_ITEMS; j++) {
        recent.add("item-" + (i * 31 + j * 7) % 5_000);
      }
      updates.add(new SequenceUpdate("user-" + i, "event-" + i, recent.get(0), "view", recent, List.of("item-1", "item-2"),
          1_700_000_000_000_000L + i));
    }
    batch = new SequenceUpdates(updates);
    vertx = Vertx.vertx();
    Bus.install(vertx); // registers SequenceUpdates' record codec, as every service does
    Future.all(
            vertx.eventBus().<JsonObject>consumer(JSON_ADDRESS, m -> m.reply(SequenceUpdates.fromJson(m.body()).updates().size())).completion(),
            vertx.eventBus().<SequenceUpdates>consumer(RECORD_ADDRESS, m -> m.reply(m.body().updates().size())).completion())
        .toCompletionStage().toCompletableFuture().get();
  }

  @TearDown
  public void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Benchmark
  public Object recordHop() throws Exception {
    return vertx.eventBus().request(RECORD_ADDRESS, batch).toCompletionStage().toCompletableFuture().get().body();
  }

  @Benchmark
  public Object jsonHop() throws Exception {
    return vertx.eventBus().request(JSON_ADDRESS, batch.toJson()).toCompletionStage().toCompletableFuture().get().body();
  }

  @Benchmark
  public SequenceUpdates recordLocal() {
    return SequenceUpdates.WIRE.inTheJvm(batch);
  }

  @Benchmark
  public SequenceUpdates jsonLocal() {
    return SequenceUpdates.fromJson(batch.toJson().copy());
  }

  @Benchmark
  public SequenceUpdates clusterWire() {
    return SequenceUpdates.WIRE.overTheWire(batch);
  }
}
