package dev.recstream.bench;

import dev.recstream.bench.load.Zipf;
import dev.recstream.model.streaming.StreamingCooccurrenceRecommender;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-event cost of the streaming model that {@code recstream dev} serves by default, on a
 * synthetic stream shaped like the live load test: 2,000 users, 5,000 items with Zipf(1.0)
 * popularity, each user's newest {@value SequenceUpdate#RECENT_ITEMS} items carried by the event.
 *
 * <ul>
 *   <li>{@code learnAndRecommend}: what the scoring verticle does per stored event — learn it, then
 *       rank the top 10 for that user;
 *   <li>{@code recommendOnly}: the ranking alone, for the same users.
 * </ul>
 *
 * <p>The model is warmed with {@value #WARM_EVENTS} events first, so popular items' neighbour
 * rows are full (up to twice {@code MAX_NEIGHBOURS}) as in a long-running system. Uses only the
 * public API, so the same file measures any version of the model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamingModelBenchmark {
  private static final int USERS = 2_000;
  private static final int ITEMS = 5_000;
  private static final int WARM_EVENTS = 200_000;
  /** Events generated after the warm-up and replayed in a ring by the benchmarks. */
  private static final int REPLAYED_EVENTS = 100_000;
  private static final int K = 10;
  private static final long SEED = 42;

  private StreamingCooccurrenceRecommender model;
  private SequenceUpdate[] events;
  private int next;

  @Setup(Level.Trial)
  public void warmUp() {
    SyntheticStream stream = new SyntheticStream(new Random(SEED));
    model = new StreamingCooccurrenceRecommender();
    for (int i = 0; i < WARM_EVENTS; i++) {
      model.learn(stream.next());
    }
    events = new SequenceUpdate[REPLAYED_EVENTS];
    for (int i = 0; i < REPLAYED_EVENTS; i++) {
      events[i] = stream.next();
    }
    next = 0;
  }

  private SequenceUpdate nextEvent() {
    SequenceUpdate event = events[next];
    next = next + 1 == events.length ? 0 : next + 1;
    return event;
  }

  @Benchmark
  public List<ScoredItem> learnAndRecommend() {
    SequenceUpdate event = nextEvent();
    model.learn(event);
    return model.recommend(event.recentItems(), K);
  }

  @Benchmark
  public List<ScoredItem> recommendOnly() {
    return model.recommend(nextEvent().recentItems(), K);
  }

  /** Random users viewing Zipf-popular items; each event carries its user's newest items. */
  private static final class SyntheticStream {
    private final Random random;
    private final Zipf popularity = new Zipf(ITEMS, 1.0);
    private final String[] itemIds = new String[ITEMS];
    private final List<List<String>> recentByUser = new ArrayList<>(USERS);
    private long sequence;

    SyntheticStream(Random random) {
      this.random = random;
      for (int i = 0; i < ITEMS; i++) {
        itemIds[i] = "item-" + i;
      }
      for (int u = 0; u < USERS; u++) {
        recentByUser.add(List.of());
      }
    }

    SequenceUpdate next() {
      int user = random.nextInt(USERS);
      String item = itemIds[popularity.next(random)];
      List<String> previous = recentByUser.get(user);
      List<String> recent = new ArrayList<>(SequenceUpdate.RECENT_ITEMS);
      recent.add(item);
      recent.addAll(previous.subList(0, Math.min(previous.size(), SequenceUpdate.RECENT_ITEMS - 1)));
      SequenceUpdate update = new SequenceUpdate("user-" + user, "e" + sequence, item, "view", recent, sequence++);
      recentByUser.set(user, update.recentItems());
      return update;
    }
  }
}
