package dev.recstream.scoring;

import dev.recstream.model.ModelPackages;
import dev.recstream.model.streaming.Recommender;
import dev.recstream.model.streaming.StreamingCooccurrenceRecommender;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.ImportedEvents;
import dev.recstream.shared.bus.ModelEntry;
import dev.recstream.shared.bus.ModelList;
import dev.recstream.shared.bus.ModelVersion;
import dev.recstream.shared.bus.PackagePath;
import dev.recstream.shared.bus.ReplayEvents;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.SequenceUpdates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which model this scoring node serves, and every change of it: the choice at start-up (the
 * registry, the model directory, else the streaming model), activation on request or when another
 * node activated a version, registration of package directories, and the streaming model's
 * learning from the stream (its replay of the store when it starts, and its relearn after a GDPR
 * erase or an import straight into the store). Requests in flight finish on the model they
 * started with ({@link LiveModel}).
 *
 * <p>Runs on the scoring verticle's event loop; opening a package and replays run on workers.
 */
final class ModelHost {
  private static final Logger LOG = LoggerFactory.getLogger(ModelHost.class);

  /** How many of the newest stored events a streaming model learns from when it starts. */
  static final int REPLAY_EVENTS = 200_000;
  private static final long REPLAY_TIMEOUT_MS = 30_000;
  private static final long RELEARN_DELAY_MS = 2_000;

  private final Vertx vertx;
  private final String modelDir;
  private final StoreWait store;
  private LiveModel live;
  /** Activations run one after another, on this node. */
  private Future<?> activations = Future.succeededFuture();
  /** Events stored while a streaming model replays the store, for it to learn after the replay. */
  private final List<List<SequenceUpdate>> replayBuffers = new ArrayList<>();
  /** Why a relearn is pending (empty: none is), so a burst of erasures and imports costs one replay. */
  private final Set<String> relearnReasons = new LinkedHashSet<>();

  /**
   * @param modelDir where packages are looked for at start-up; null for none
   * @param store how start-up requests wait for a store that is not running yet
   */
  ModelHost(Vertx vertx, String modelDir, StoreWait store) {
    this.vertx = vertx;
    this.modelDir = modelDir;
    this.store = store;
  }

  /** Opens the first model ({@code given}, or the one the registry and directory choose) and serves it. */
  Future<LiveModel> start(Recommender given) {
    // A chosen streaming model has replayed the store already (open, fallback): warming it up
    // again would teach it every stored event twice.
    Future<Recommender> first = given == null ? chooseModel()
        : given.learnsFromStream() ? warmUp(given) : Future.succeededFuture(given);
    return first.map(model -> live = new LiveModel(model, this::closeLater));
  }

  /** Closes the served model once nothing uses it. */
  void stop() {
    if (live != null) {
      live.swap(new StreamingCooccurrenceRecommender());
    }
  }

  // ---- start-up choice ----

  /**
   * Which model a starting node serves: a package in the model directory that the registry has
   * not seen before (the newest, if several: an operator just dropped it there); else the
   * registry's active model; else the newest package in the directory; else the streaming model.
   * Packages found in the directory and the built-in streaming model are registered on the way, so
   * {@code GET /v1/models} lists them. A store that is not running yet is waited for ({@link
   * StoreWait}); a registry that answers with a failure (its database down) only means the local
   * choice.
   */
  private Future<Recommender> chooseModel() {
    Future<List<ModelEntry>> found = modelDir == null
        ? Future.succeededFuture(List.of())
        : vertx.executeBlocking(() -> ModelPackages.scan(Path.of(modelDir)));
    return Future.all(found, registryEntries()).compose(both -> {
      List<ModelEntry> packages = both.resultAt(0);
      Optional<ModelList> registry = both.resultAt(1);
      if (registry.isEmpty()) {
        return fallback(packages);
      }
      Set<String> known = new HashSet<>();
      registry.get().models().forEach(e -> known.add(e.version()));
      List<Future<?>> registrations = new ArrayList<>();
      registrations.add(registerAtStart(streamingEntry()));
      packages.forEach(p -> registrations.add(registerAtStart(p)));
      List<ModelEntry> fresh = packages.stream().filter(p -> !known.contains(p.version())).toList();
      Optional<ModelEntry> active = registry.get().active();
      return Future.join(registrations).transform(ignored -> {
        if (!fresh.isEmpty()) {
          return serveAndMark(open(fresh.get(fresh.size() - 1)), "new package found at start-up");
        }
        if (active.isPresent()) {
          return open(active.get()).recover(e -> {
            LOG.warn("the registry's active model cannot be opened model={} reason={}", active.get().version(), e.getMessage());
            return serveAndMark(fallback(packages), "the active model could not be opened at start-up");
          });
        }
        return serveAndMark(fallback(packages), "served at start-up");
      });
    });
  }

  private Future<Recommender> serveAndMark(Future<Recommender> opened, String note) {
    return opened.compose(model -> markActive(model.version(), note).map(model));
  }

  /** The registry, once the store answers; empty when it answers with a failure. */
  private Future<Optional<ModelList>> registryEntries() {
    return store.untilAnswered("the model registry", () -> Bus.request(vertx, Addresses.STORE_MODELS, null))
        .map(Optional::of)
        .otherwise(e -> {
          LOG.warn("model registry not reachable, choosing locally reason={}", e.getMessage());
          return Optional.empty();
        });
  }

  private Future<Recommender> fallback(List<ModelEntry> packages) {
    if (packages.isEmpty()) {
      return relearnedStreamingModel();
    }
    return open(packages.get(packages.size() - 1));
  }

  private static ModelEntry streamingEntry() {
    String version = new StreamingCooccurrenceRecommender().version();
    return ModelEntry.registration(version, ModelEntry.STREAMING_KIND, null, null, null,
        new io.vertx.core.json.JsonObject().put("source", "the live event stream (learns continuously)"), null, null);
  }

  private Future<ModelEntry> register(ModelEntry entry) {
    return Bus.request(vertx, Addresses.STORE_MODEL_REGISTER, entry)
        .onFailure(e -> LOG.warn("model not registered model={} reason={}", entry.version(), e.getMessage()));
  }

  /** {@link #register(ModelEntry)} that waits for the store (a request fails at once instead). */
  private Future<ModelEntry> registerAtStart(ModelEntry entry) {
    return store.untilAnswered("the model registry", () -> Bus.request(vertx, Addresses.STORE_MODEL_REGISTER, entry))
        .onFailure(e -> LOG.warn("model not registered model={} reason={}", entry.version(), e.getMessage()));
  }

  private Future<Void> markActive(String version, String note) {
    return store.untilAnswered("the model registry",
            () -> Bus.request(vertx, Addresses.STORE_MODEL_ACTIVATE, new ModelVersion(version, note)))
        .<Void>mapEmpty()
        .otherwise(e -> {
          LOG.warn("registry not updated: model={} is served but not marked active reason={}", version, e.getMessage());
          return null;
        });
  }

  /** Opens the registered model {@code version} beside the live one (an experiment's variant). */
  Future<Recommender> openVersion(String version) {
    return Bus.request(vertx, Addresses.STORE_MODEL, new ModelVersion(version))
        .compose(this::open)
        .recover(e -> Future.failedFuture(Failures.isCoded(e)
            ? e : Failures.conflict("model " + version + " cannot be opened: " + e.getMessage())));
  }

  /** Opens a registered model, off the event loop; a streaming model first replays the stream. */
  private Future<Recommender> open(ModelEntry entry) {
    if (ModelEntry.STREAMING_KIND.equals(entry.kind())) {
      return relearnedStreamingModel();
    }
    long started = System.nanoTime();
    return vertx.<Recommender>executeBlocking(() -> ModelPackages.open(entry), false)
        .onSuccess(model -> LOG.info("model package opened model={} path={} millis={}", model.version(), entry.path(),
            (System.nanoTime() - started) / 1_000_000));
  }

  // ---- activation and registration ----

  /**
   * {@code POST /v1/models/{version}/activate}: opens the version, swaps it in, marks it active in
   * the registry and tells the other scoring nodes. Requests in flight finish on the old model.
   */
  Future<ModelEntry> activate(ModelVersion request) {
    String version = request.version();
    String note = request.note() == null ? "activated by request" : request.note();
    Future<ModelEntry> activated = activations.transform(ignored -> Bus.request(vertx, Addresses.STORE_MODEL, new ModelVersion(version))
        .compose(entry -> open(entry).recover(e -> Future.failedFuture(
            Failures.conflict("model " + version + " cannot be opened: " + e.getMessage()))))
        .compose(model -> {
          swapIn(model);
          return Bus.request(vertx, Addresses.STORE_MODEL_ACTIVATE, new ModelVersion(version, note));
        })
        .onSuccess(entry -> Bus.publish(vertx, Addresses.MODEL_ACTIVATED, entry)));
    activations = activated;
    return activated.recover(e -> Future.failedFuture(prefixed("model not activated: ", e)));
  }

  /** Another node activated a model: serve it too, unless this node already does. */
  void activatedElsewhere(ModelEntry entry) {
    activations = activations.transform(ignored -> {
      if (entry.version().equals(live.peek().version())) {
        return Future.succeededFuture();
      }
      return open(entry)
          .onSuccess(this::swapIn)
          .onFailure(e -> LOG.error("activated model cannot be opened on this node: it keeps serving model={} wanted={} reason={}",
              live.peek().version(), entry.version(), e.getMessage()));
    });
  }

  /** {@code POST /v1/models}: reads a package directory the scoring nodes can see and registers it. */
  Future<ModelEntry> register(PackagePath request) {
    return vertx.executeBlocking(() -> {
          try {
            return ModelPackages.read(Path.of(request.path()));
          } catch (IOException | InvalidPathException e) {
            throw Failures.badRequest("path: " + e.getMessage());
          }
        }, false)
        .compose(this::register)
        .recover(e -> Future.failedFuture(prefixed("model not registered: ", e)));
  }

  private void swapIn(Recommender model) {
    String previous = live.peek().version();
    live.swap(model);
    LOG.info("live model swapped model={} previous={}", model.version(), previous);
  }

  /** Frees a retired model's native sessions off the event loop. */
  void closeLater(Recommender retired) {
    if (retired instanceof AutoCloseable closeable) {
      vertx.executeBlocking(() -> {
        closeable.close();
        return null;
      }, false).onFailure(e -> LOG.warn("retired model not closed model={} reason={}", retired.version(), e.getMessage()));
    }
  }

  /** A coded failure passes as it is; anything else becomes "unavailable" with a prefix saying what failed. */
  private static Throwable prefixed(String prefix, Throwable e) {
    return Failures.isCoded(e) ? e : Failures.unavailable(prefix + e.getMessage());
  }

  // ---- the streaming model's learning ----

  /** Every stored batch: a streaming model learns from it (and a replay in progress buffers it). */
  void learn(SequenceUpdates batch) {
    Recommender model = live.peek();
    if (model.learnsFromStream()) {
      batch.updates().forEach(model::learn);
    }
    replayBuffers.forEach(buffer -> buffer.addAll(batch.updates()));
  }

  /**
   * Events were imported straight into the store: none of them streamed past the model. A
   * streaming model relearns from the store, as a restart would, and is swapped in. A frozen
   * package cannot learn them; only a retrain can, and that is left to the schedule or to {@code
   * POST /v1/models/retrain} (a retrain takes minutes of CPU, which an import must not start
   * unasked).
   */
  void eventsImported(ImportedEvents imported) {
    if (!live.peek().learnsFromStream()) {
      LOG.info("imported events not learned: model={} is frozen until the next retrain source={} events={}",
          live.peek().version(), imported.source(), imported.events());
      return;
    }
    relearnSoon("an import of " + imported.source());
  }

  /**
   * Replaces a streaming model with one relearned from the store, a few seconds from now: every
   * reason that arrives meanwhile shares the one replay.
   */
  private void relearnSoon(String reason) {
    if (!live.peek().learnsFromStream() || !relearnReasons.add(reason) || relearnReasons.size() > 1) {
      return;
    }
    vertx.setTimer(RELEARN_DELAY_MS, id -> activations = activations.transform(ignored -> {
      String reasons = String.join(", ", relearnReasons);
      relearnReasons.clear();
      if (!live.peek().learnsFromStream()) {
        return Future.succeededFuture();
      }
      // A relearn that cannot read the store keeps the served model: a cold one would forget
      // everything to forget one user or to learn one import.
      return replayed(new StreamingCooccurrenceRecommender(), true)
          .onSuccess(model -> {
            swapIn(model);
            LOG.info("streaming model relearned from the store after {}", reasons);
          })
          .onFailure(e -> LOG.warn("streaming model not relearned, the served one kept: the store was not replayed"
              + " after {} reason={}", reasons, e.getMessage()))
          .otherwise((Recommender) null);
    }));
  }

  /**
   * GDPR erase: a streaming model's counts include what the erased user's events taught it. The
   * user's events are already deleted, so a model relearned from the store forgets them; it is
   * swapped in like an activation. Erasures within a few seconds share one relearn. A frozen
   * package holds no user ids (its training sequences are anonymous index lists); the next
   * retrain drops the user's sequence from it.
   */
  void userErased() {
    relearnSoon("a user erase");
  }

  /**
   * Replays the newest stored events into a streaming model before it takes traffic, so a restart
   * does not forget what the stream taught. A store that is not running yet is waited for; one
   * that answers with a failure (its database down) only means a cold start, not a failed one.
   */
  private Future<Recommender> warmUp(Recommender model) {
    return replayed(model, false).otherwise(e -> {
      LOG.warn("scoring starts cold: stored events not replayed reason={}", e.getMessage());
      return model;
    });
  }

  /**
   * {@code model} after it learned the newest stored events, and, when {@code withMeanwhile}, the
   * events stored while it replayed (those can miss the replay's snapshot; a few may be counted
   * twice, which only nudges counts). Fails when the store answers with a failure.
   */
  private Future<Recommender> replayed(Recommender model, boolean withMeanwhile) {
    List<SequenceUpdate> storedMeanwhile = new ArrayList<>();
    if (withMeanwhile) {
      replayBuffers.add(storedMeanwhile);
    }
    long started = System.nanoTime();
    return store.untilAnswered("the stored events to replay", () -> Bus.request(vertx, Addresses.STORE_REPLAY,
            new ReplayEvents.Query(REPLAY_EVENTS), new DeliveryOptions().setSendTimeout(REPLAY_TIMEOUT_MS)))
        // Learning from a few hundred thousand events takes a while: off the event loop. Nothing
        // else touches this model until it is served.
        .compose(replay -> vertx.executeBlocking(() -> StreamReplay.replay(replay.events(), model)))
        .onSuccess(n -> LOG.info("scoring warmed up model={} events={} millis={}", model.version(), n,
            (System.nanoTime() - started) / 1_000_000))
        .onComplete(done -> replayBuffers.remove(storedMeanwhile))
        .map(n -> {
          storedMeanwhile.forEach(model::learn);
          return model;
        });
  }

  /**
   * A new streaming model that replayed the store, plus every event stored while it replayed; a
   * cold one when the store answers with a failure (start-up and activation go on serving).
   */
  private Future<Recommender> relearnedStreamingModel() {
    return replayed(new StreamingCooccurrenceRecommender(), true).otherwise(e -> {
      LOG.warn("scoring starts cold: stored events not replayed reason={}", e.getMessage());
      return new StreamingCooccurrenceRecommender();
    });
  }
}
