package dev.recstream.scoring;

import dev.recstream.model.streaming.Recommender;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The model a scoring node serves, swappable while requests are in flight.
 *
 * <p>Every use of the model holds a {@link Lease} from {@link #acquire()} to its end. {@link
 * #swap} makes the new model current at once — later acquisitions get it — and retires the old
 * one, which is closed (native ONNX Runtime sessions freed) only when its last lease is released.
 * So a swap never fails a request and never frees a session under a running inference.
 */
final class LiveModel {

  /** One served model and its lease count; the count includes the "current" reference itself. */
  static final class Lease implements AutoCloseable {
    private final Recommender model;
    private final AtomicInteger holders = new AtomicInteger(1);
    private final Consumer<Recommender> closer;

    private Lease(Recommender model, Consumer<Recommender> closer) {
      this.model = model;
      this.closer = closer;
    }

    Recommender model() {
      return model;
    }

    /** Takes one more hold unless the model is already closed (count reached zero). */
    private boolean tryHold() {
      for (int n = holders.get(); n > 0; n = holders.get()) {
        if (holders.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }

    /** Gives the hold back; the last one out closes the model. */
    @Override
    public void close() {
      int left = holders.decrementAndGet();
      if (left == 0) {
        closer.accept(model);
      } else if (left < 0) {
        throw new IllegalStateException("a lease of model " + model.version() + " was released twice");
      }
    }
  }

  private final Consumer<Recommender> closer;
  private volatile Lease current;

  /** @param closer frees a retired model once nothing uses it (called on the releasing thread) */
  LiveModel(Recommender initial, Consumer<Recommender> closer) {
    this.closer = Objects.requireNonNull(closer, "closer");
    this.current = new Lease(initial, closer);
  }

  /** The current model, held until the lease is closed. */
  Lease acquire() {
    while (true) {
      Lease lease = current;
      if (lease.tryHold()) {
        return lease;
      }
      // Lost a race with a swap that retired this model: the next read sees the new one.
    }
  }

  /** The current model for a quick look (version, flags); do not run it without a lease. */
  Recommender peek() {
    return current.model();
  }

  /** Serves {@code next} from now on; the previous model closes when its last lease is released. */
  synchronized void swap(Recommender next) {
    Lease previous = current;
    current = new Lease(next, closer);
    previous.close();
  }
}
