package dev.recstream.scoring;

import dev.recstream.model.streaming.Recommender;
import dev.recstream.model.streaming.StreamingCooccurrenceRecommender;
import dev.recstream.shared.bus.Experiment;
import dev.recstream.shared.bus.Recommendations;
import dev.recstream.shared.bus.SequenceUpdates;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which model scores a user: the live model, or, while an experiment runs, the model of the
 * user's variant ({@link Experiment#assign}), pushes and GETs alike. Each variant model other than
 * the live one is open beside it, with its own {@link ScoreBatcher}. A variant whose model is not
 * open on this node yet (another node started the experiment a moment ago) is served by the live
 * model, outside the experiment (no arm on the list), so its metrics never mix models.
 *
 * <p>All methods run on the scoring verticle's event loop.
 */
final class ExperimentRouting {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRouting.class);

  /** The model, its batcher, and the arm to tag the list with (null outside an experiment). */
  record Route(LiveModel live, ScoreBatcher batcher, Recommendations.Arm arm) {}

  /** A variant model open beside the live one. */
  private record Slot(LiveModel live, ScoreBatcher batcher) {}

  private final Route main;
  private final Function<LiveModel, ScoreBatcher> batchers;
  private final Consumer<Recommender> closer;
  private final Map<String, Slot> slots = new HashMap<>();
  private Experiment running;

  /**
   * @param batchers makes the batcher of a variant model, as the live model's was made
   * @param closer frees a variant model once nothing uses it
   */
  ExperimentRouting(LiveModel live, ScoreBatcher batcher, Function<LiveModel, ScoreBatcher> batchers,
      Consumer<Recommender> closer) {
    this.main = new Route(live, batcher, null);
    this.batchers = batchers;
    this.closer = closer;
  }

  /** The live model's route, outside any experiment (an anonymous search). */
  Route main() {
    return main;
  }

  Route route(String userId) {
    if (running == null) {
      return main;
    }
    Experiment.Variant variant = running.assign(userId);
    Recommendations.Arm arm = new Recommendations.Arm(running.id(), variant.name());
    if (variant.model().equals(main.live().peek().version())) {
      return new Route(main.live(), main.batcher(), arm);
    }
    Slot slot = slots.get(variant.model());
    return slot == null ? main : new Route(slot.live(), slot.batcher(), arm);
  }

  /** The running experiment, or null. */
  Experiment running() {
    return running;
  }

  /**
   * Opens every variant model of {@code experiment} that is neither the live model nor open yet,
   * with {@code opener}; fails, closing what it opened, when one cannot be opened.
   */
  Future<Void> open(Experiment experiment, Function<String, Future<Recommender>> opener) {
    List<String> missing = experiment.variants().stream().map(Experiment.Variant::model).distinct()
        .filter(m -> !m.equals(main.live().peek().version()) && !slots.containsKey(m)).toList();
    List<Future<Recommender>> opened = new ArrayList<>();
    missing.forEach(model -> opened.add(opener.apply(model)));
    return Future.join(opened).transform(done -> {
      if (done.succeeded()) {
        opened.forEach(f -> slots.put(f.result().version(), slot(f.result())));
        return Future.succeededFuture();
      }
      opened.stream().filter(Future::succeeded).forEach(f -> retire(slot(f.result())));
      return Future.failedFuture(opened.stream().filter(Future::failed).findFirst().orElseThrow().cause());
    });
  }

  private Slot slot(Recommender model) {
    LiveModel live = new LiveModel(model, closer);
    return new Slot(live, batchers.apply(live));
  }

  /** The experiment runs from now on (its models are open: see {@link #open}). */
  void start(Experiment experiment) {
    running = experiment;
    LOG.info("experiment routes users id={} variants={}", experiment.id(), experiment.variants());
  }

  /** The experiment stopped: everyone goes back to the live model, and the variant models close. */
  void stop(String experimentId) {
    if (running == null || !running.id().equals(experimentId)) {
      return;
    }
    running = null;
    slots.values().forEach(ExperimentRouting::retire);
    slots.clear();
    LOG.info("experiment stopped routing id={}", experimentId);
  }

  /**
   * Closes the variant models the running experiment (if any) does not use: those opened for a
   * start the store then refused.
   */
  void closeUnused() {
    Set<String> used = running == null ? Set.of()
        : running.variants().stream().map(Experiment.Variant::model).collect(Collectors.toSet());
    slots.entrySet().removeIf(e -> {
      if (used.contains(e.getKey())) {
        return false;
      }
      retire(e.getValue());
      return true;
    });
  }

  /** Closes the slot's model once requests in flight are done; requests still queued get an empty model. */
  private static void retire(Slot slot) {
    slot.live().swap(new StreamingCooccurrenceRecommender());
  }

  /** Variant models that learn from the stream learn each stored batch, as the live one does. */
  void learn(SequenceUpdates batch) {
    for (Slot slot : slots.values()) {
      Recommender model = slot.live().peek();
      if (model.learnsFromStream()) {
        batch.updates().forEach(model::learn);
      }
    }
  }
}
