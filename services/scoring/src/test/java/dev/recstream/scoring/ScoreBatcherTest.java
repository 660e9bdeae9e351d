package dev.recstream.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.streaming.Recommender;
import dev.recstream.scoring.rules.BusinessRules;
import dev.recstream.scoring.rules.ItemCatalog;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ScoreBatcher")
class ScoreBatcherTest {

  /** A blocking model that answers "<first recent item>-next" and records each call's batch size. */
  static final class SlowModel implements Recommender {
    final List<Integer> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    volatile boolean failing;

    @Override
    public String version() {
      return "slow-1";
    }

    @Override
    public void learn(SequenceUpdate update) {}

    @Override
    public List<ScoredItem> recommend(List<String> recentItems, int k) {
      return recommendAll(List.of(recentItems), k).get(0);
    }

    @Override
    public List<List<ScoredItem>> recommendAll(List<List<String>> users, int k) {
      calls.add(users.size());
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
      if (failing) {
        throw new IllegalStateException("model broke");
      }
      List<List<ScoredItem>> lists = new ArrayList<>();
      for (List<String> recent : users) {
        lists.add(List.of(new ScoredItem(recent.get(0) + "-next", 2), new ScoredItem("bought", 1), new ScoredItem("other", 0.5)));
      }
      return lists;
    }

    @Override
    public List<ScoredItem> similar(String itemId, int k) {
      return List.of();
    }

    @Override
    public boolean blocking() {
      return true;
    }
  }

  private Vertx vertx;
  private Context context;
  private SlowModel model;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    model = new SlowModel();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private <T> T onContext(java.util.function.Supplier<Future<T>> work) throws Exception {
    java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(v -> work.get().onComplete(done -> {
      if (done.succeeded()) {
        result.complete(done.result());
      } else {
        result.completeExceptionally(done.cause());
      }
    }));
    return result.get(10, TimeUnit.SECONDS);
  }

  private ScoreBatcher batcher(int maxQueued) {
    return batcher(maxQueued, 1);
  }

  private ScoreBatcher batcher(int maxQueued, int lanes) {
    return new ScoreBatcher(context, new LiveModel(model, r -> {}), new BusinessRules(new ItemCatalog(), 0), maxQueued, lanes);
  }

  @Test
  @DisplayName("requests arriving while the model runs go together in its next call, each answered with its own list")
  void batchesRequestsThatArriveTogether() throws Exception {
    ScoreBatcher batcher = batcher(100);
    List<ScoreBatcher.Scored> results = onContext(() -> {
      List<Future<ScoreBatcher.Scored>> all = new ArrayList<>();
      for (int i = 0; i < 21; i++) {
        all.add(batcher.score("u" + i, List.of("i" + i), Set.of("bought"), 2));
      }
      return Future.all(all).map(c -> c.<ScoreBatcher.Scored>list());
    });

    assertEquals(List.of(1, 20), model.calls, "the first request runs alone, the other 20 wait and go together");
    for (int i = 0; i < 21; i++) {
      assertEquals(List.of("i" + i + "-next", "other"), results.get(i).items().stream().map(ScoredItem::itemId).toList(),
          "own list, rules applied (the purchase left out)");
      assertEquals("slow-1", results.get(i).model());
    }
    assertEquals(10.5, batcher.meanBatchSize(), 1e-9);
  }

  @Test
  @DisplayName("past the queue bound new requests fail fast with an overload error")
  void boundedQueue() throws Exception {
    ScoreBatcher batcher = batcher(5);
    List<Throwable> failures = onContext(() -> {
      List<Future<ScoreBatcher.Scored>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(batcher.score("u" + i, List.of("i" + i), Set.of(), 2));
      }
      return Future.join(all).transform(done -> Future.succeededFuture(
          all.stream().filter(Future::failed).map(Future::cause).toList()));
    });
    assertEquals(2, failures.size(), "one runs, five wait, two are refused: " + failures);
    failures.forEach(e -> assertInstanceOf(ScoreBatcher.OverloadedException.class, e));
  }

  @Test
  @DisplayName("the bound counts users waiting: a waiting user's next requests still join, up to the hard request bound")
  void boundCountsUsers() throws Exception {
    ScoreBatcher batcher = batcher(2);
    List<Future<ScoreBatcher.Scored>> all = new ArrayList<>();
    onContext(() -> {
      all.add(batcher.score("running", List.of("r"), Set.of(), 1));
      all.add(batcher.score("a", List.of("a0"), Set.of(), 1));
      all.add(batcher.score("b", List.of("b0"), Set.of(), 1));
      all.add(batcher.score("c", List.of("c0"), Set.of(), 1));
      for (int i = 1; i < 20; i++) {
        all.add(batcher.score("a", List.of("a" + i), Set.of(), 1));
      }
      return Future.join(all).otherwiseEmpty();
    });
    assertTrue(all.get(3).failed(), "a third user waiting is refused");
    long refused = all.stream().filter(Future::failed).count();
    assertEquals(1 + (1 + 19 + 1) - 2 * ScoreBatcher.REQUESTS_PER_QUEUED_USER, refused,
        "a's requests join until 2 users × " + ScoreBatcher.REQUESTS_PER_QUEUED_USER + " requests wait");
    assertEquals("a" + (2 * ScoreBatcher.REQUESTS_PER_QUEUED_USER - 2) + "-next",
        all.get(1).result().items().get(0).itemId(), "a's requests answered with its newest accepted history");
  }

  @Test
  @DisplayName("a failing model call fails its batch and the next batch still runs")
  void failuresStayInTheirBatch() throws Exception {
    ScoreBatcher batcher = batcher(100);
    model.failing = true;
    Throwable failed = onContext(() -> batcher.score("u", List.of("a"), Set.of(), 1).transform(done -> Future.succeededFuture(done.cause())));
    assertTrue(failed.getMessage().contains("model broke"), failed.toString());
    model.failing = false;
    assertEquals("b-next", onContext(() -> batcher.score("u", List.of("b"), Set.of(), 1)).items().get(0).itemId());
  }

  @Test
  @DisplayName("a user's waiting requests are scored once, with the newest history, and each is answered in order")
  void conflatesOneUsersWaitingRequests() throws Exception {
    ScoreBatcher batcher = batcher(100);
    List<String> answered = new CopyOnWriteArrayList<>();
    List<ScoreBatcher.Scored> results = onContext(() -> {
      List<Future<ScoreBatcher.Scored>> all = new ArrayList<>();
      all.add(batcher.score("other", List.of("x"), Set.of(), 1));
      for (int i = 0; i < 5; i++) {
        int n = i;
        all.add(batcher.score("u", List.of("i" + i), i == 2 ? Set.of("i4-next") : Set.of(), 1)
            .onSuccess(s -> answered.add("request " + n)));
      }
      return Future.all(all).map(c -> c.<ScoreBatcher.Scored>list());
    });
    assertEquals(List.of(1, 1), model.calls, "the first call has \"other\" alone; then u's five requests are one user");
    assertEquals(List.of("request 0", "request 1", "request 2", "request 3", "request 4"), answered);
    assertEquals("i4-next", results.get(1).items().get(0).itemId(), "an older request gets the newest history's list");
    assertEquals("i4-next", results.get(5).items().get(0).itemId());
    assertEquals("bought", results.get(3).items().get(0).itemId(), "each request's own rules: request 2 excludes i4-next");
    assertEquals(4, batcher.conflated());
  }

  @Test
  @DisplayName("lanes score different users in parallel, each lane batching its own users")
  void lanesRunInParallel() throws Exception {
    ScoreBatcher batcher = batcher(100, 2);
    List<String> users = new ArrayList<>();
    for (int lane = 0; lane < 2; lane++) {
      int l = lane;
      IntStream.range(0, 100).mapToObj(i -> "u" + i).filter(u -> Math.floorMod(u.hashCode(), 2) == l).limit(10)
          .forEach(users::add);
    }
    List<ScoreBatcher.Scored> results = onContext(() -> {
      List<Future<ScoreBatcher.Scored>> all = new ArrayList<>();
      for (String user : users) {
        all.add(batcher.score(user, List.of(user + "-seen"), Set.of(), 1));
      }
      return Future.all(all).map(c -> c.<ScoreBatcher.Scored>list());
    });
    assertEquals(2, model.mostAtOnce.get(), "the two lanes ran at the same time");
    assertEquals(List.of(1, 1, 9, 9), model.calls.stream().sorted().toList(), "each lane: its first user alone, then the nine others");
    for (int i = 0; i < users.size(); i++) {
      assertEquals(users.get(i) + "-seen-next", results.get(i).items().get(0).itemId());
    }
  }
}
