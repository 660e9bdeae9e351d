package dev.recstream.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.streaming.Recommender;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveModelTest {

  /** A model that fails loudly when used after it was closed. */
  static final class Closable implements Recommender {
    final String version;
    final AtomicBoolean closed = new AtomicBoolean();

    Closable(String version) {
      this.version = version;
    }

    @Override
    public String version() {
      return version;
    }

    @Override
    public void learn(SequenceUpdate update) {}

    @Override
    public List<ScoredItem> recommend(List<String> recentItems, int k) {
      if (closed.get()) {
        throw new IllegalStateException(version + " used after close");
      }
      return List.of(new ScoredItem(version, 1));
    }

    @Override
    public List<ScoredItem> similar(String itemId, int k) {
      return List.of();
    }
  }

  private static void close(Recommender r) {
    ((Closable) r).closed.set(true);
  }

  @Test
  void aSwappedOutModelClosesOnlyWhenItsLastLeaseIsReleased() {
    Closable a = new Closable("a");
    Closable b = new Closable("b");
    LiveModel live = new LiveModel(a, LiveModelTest::close);

    LiveModel.Lease inFlight = live.acquire();
    live.swap(b);

    assertFalse(a.closed.get(), "a request still runs on a");
    assertEquals("a", inFlight.model().recommend(List.of(), 1).get(0).itemId());
    try (LiveModel.Lease next = live.acquire()) {
      assertSame(b, next.model());
    }
    inFlight.close();
    assertTrue(a.closed.get());
    assertFalse(b.closed.get());
  }

  @Test
  void aModelWithoutLeasesClosesAtTheSwap() {
    Closable a = new Closable("a");
    LiveModel live = new LiveModel(a, LiveModelTest::close);
    live.swap(new Closable("b"));
    assertTrue(a.closed.get());
  }

  @Test
  void releasingTwiceIsAnError() {
    LiveModel live = new LiveModel(new Closable("a"), LiveModelTest::close);
    LiveModel.Lease lease = live.acquire();
    lease.close();
    live.swap(new Closable("b"));
    assertThrows(IllegalStateException.class, lease::close);
  }

  @Test
  void swapsUnderConcurrentRequestsNeverUseAClosedModel() throws Exception {
    LiveModel live = new LiveModel(new Closable("v0"), LiveModelTest::close);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger served = new AtomicInteger();
    Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> workers = new java.util.ArrayList<>();
      for (int t = 0; t < 3; t++) {
        workers.add(pool.submit(() -> {
          while (!stop.get()) {
            try (LiveModel.Lease lease = live.acquire()) {
              versionsSeen.add(lease.model().recommend(List.of("i"), 1).get(0).itemId());
              served.incrementAndGet();
            }
          }
        }));
      }
      for (int v = 1; v <= 200; v++) {
        live.swap(new Closable("v" + v));
        Thread.sleep(0, 200_000);
      }
      stop.set(true);
      for (Future<?> w : workers) {
        w.get(10, TimeUnit.SECONDS); // rethrows "used after close" if it ever happened
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(served.get() > 200, "requests ran during the swaps: " + served.get());
    assertTrue(versionsSeen.size() > 1, "requests saw several versions: " + versionsSeen.size());
    assertFalse(((Closable) live.peek()).closed.get());
  }
}
