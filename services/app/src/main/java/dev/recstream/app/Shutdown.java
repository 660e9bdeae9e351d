package dev.recstream.app;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs registered stop steps in order when the JVM is asked to stop (SIGINT, SIGTERM), each with
 * a time limit, and lets the main thread wait until they are done.
 */
final class Shutdown {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
  private static final long STEP_TIMEOUT_SECONDS = 30;

  private record Step(String name, Supplier<Future<?>> action) {}

  private final List<Step> steps = new ArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);

  Shutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::runSteps, "recstream-shutdown"));
  }

  /** Adds a step; steps run in the order added. */
  synchronized void then(String name, Supplier<Future<?>> action) {
    steps.add(new Step(name, action));
  }

  /** Blocks the calling (main) thread until the shutdown steps have run. */
  void awaitStop() throws InterruptedException {
    done.await();
  }

  private void runSteps() {
    List<Step> toRun;
    synchronized (this) {
      toRun = List.copyOf(steps);
    }
    for (Step step : toRun) {
      try {
        step.action().get().toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("stopped {}", step.name());
      } catch (Exception e) {
        LOG.warn("stopping {} failed reason={}", step.name(), Main.oneLine(e));
      }
    }
    done.countDown();
  }
}
