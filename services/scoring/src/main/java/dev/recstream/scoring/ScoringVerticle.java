package dev.recstream.scoring;

import dev.recstream.model.ModelPackages;
import dev.recstream.model.streaming.Recommender;
import dev.recstream.model.streaming.StreamingCooccurrenceRecommender;
import dev.recstream.scoring.rules.BusinessRules;
import dev.recstream.scoring.rules.ItemCatalog;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.ModelEntry;
import dev.recstream.shared.bus.RecommendationQuery;
import dev.recstream.shared.bus.Recommendations;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.SequenceUpdates;
import dev.recstream.shared.catalog.CatalogItem;
import dev.recstream.shared.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model host. It serves the active model of the registry (or, without one, the newest package
 * in the model directory, else the streaming model), answers each stored batch's sequence updates
 * with a fresh list per event ({@code recs.updated}), serves the current top-k of a user on
 * request, and swaps the live model on activation without failing requests in flight.
 */
public final class ScoringVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringVerticle.class);

  /** The list length pushed after each event. */
  static final int PUSHED_K = 10;

  /** How many of the newest stored events a streaming model learns from when it starts. */
  static final int REPLAY_EVENTS = 200_000;
  private static final long REPLAY_TIMEOUT_MS = 30_000;

  /** Users waiting for the model before another user's request is refused (503, or no push). */
  static final int MAX_QUEUED = 10_000;

  private static final int CATALOG_PAGE = 50_000;
  private static final long RELEARN_DELAY_MS = 2_000;
  private static final int DEFAULT_MAX_PER_CATEGORY = 3;
  private static final long OVERLOAD_LOG_MS = 1_000;

  private final Recommender given;
  private final ItemCatalog catalog = new ItemCatalog();
  private LiveModel live;
  private ScoreBatcher batcher;
  /** Activations run one after another, on this node. */
  private Future<?> activations = Future.succeededFuture();
  /** Events stored while a streaming model replays the store, for it to learn after the replay. */
  private final List<List<SequenceUpdate>> replayBuffers = new java.util.ArrayList<>();
  /** Pushes refused for overload since the last warning about them, and when that was. */
  private long refusedSinceLog;
  private long lastOverloadLogMillis;
  /** A pending relearn after erasures, so a burst of them costs one replay. */
  private boolean relearnScheduled;

  /** Serves the model the registry and configuration choose. */
  public ScoringVerticle() {
    this(null);
  }

  /** Serves {@code recommender} (tests, embedding) until another model is activated; null = choose. */
  public ScoringVerticle(Recommender recommender) {
    this.given = recommender;
  }

  @Override
  public Future<?> start() {
    // Read key by key: a verticle deployed without configuration (tests, embedding) gets defaults.
    String modelDir = config().getString(Setting.MODEL_DIR.key());
    int maxPerCategory = config().getInteger(Setting.MAX_PER_CATEGORY.key(), DEFAULT_MAX_PER_CATEGORY);
    int lanes = config().getInteger(Setting.SCORING_THREADS.key(), Runtime.getRuntime().availableProcessors());
    Future<Recommender> first = given != null ? Future.succeededFuture(given) : chooseModel(modelDir);
    return loadCatalog()
        .compose(v -> first)
        .compose(model -> model.learnsFromStream() ? warmUp(model) : Future.succeededFuture(model))
        .compose(model -> {
          live = new LiveModel(model, this::closeLater);
          batcher = new ScoreBatcher(context, live, new BusinessRules(catalog, maxPerCategory), MAX_QUEUED, lanes);
          LOG.info("scoring serves model={} lanes={}", model.version(), lanes);
          return Future.all(List.of(
              consume(Addresses.EVENTS_STORED, this::learn),
              consume(Addresses.SEQUENCE_UPDATED, this::pushFresh),
              consume(Addresses.SCORING_RECOMMEND, this::recommend),
              consume(Addresses.SCORING_SIMILAR, this::similar),
              consume(Addresses.SCORING_ACTIVATE, this::activate),
              consume(Addresses.SCORING_REGISTER, this::register),
              consume(Addresses.MODEL_ACTIVATED, this::activatedElsewhere),
              consume(Addresses.CATALOG_UPDATED, this::catalogUpdated),
              consume(Addresses.USER_ERASED, this::userErased),
              consume(Addresses.health("scoring"), this::health)));
        });
  }

  private Future<Void> consume(String address, Handler<Message<JsonObject>> handler) {
    return vertx.eventBus().<JsonObject>consumer(address, handler).completion();
  }

  @Override
  public Future<?> stop() {
    if (live != null) {
      live.swap(new StreamingCooccurrenceRecommender()); // closes the served model once idle
    }
    return Future.succeededFuture();
  }

  // ---- choosing, opening and swapping models ----

  /**
   * Which model a starting node serves: a package in the model directory that the registry has
   * not seen before (the newest, if several: an operator just dropped it there); else the
   * registry's active model; else the newest package in the directory; else the streaming model.
   * Packages found in the directory and the built-in streaming model are registered on the way, so
   * {@code GET /v1/models} lists them. A registry that cannot be reached (the store still starting
   * on another node) only means the local choice.
   */
  private Future<Recommender> chooseModel(String modelDir) {
    Future<List<ModelEntry>> found = modelDir == null
        ? Future.succeededFuture(List.of())
        : vertx.executeBlocking(() -> ModelPackages.scan(Path.of(modelDir)));
    return Future.all(found, registryEntries()).compose(both -> {
      List<ModelEntry> packages = both.resultAt(0);
      Optional<List<ModelEntry>> registry = both.resultAt(1);
      if (registry.isEmpty()) {
        return fallback(packages);
      }
      Set<String> known = new HashSet<>();
      registry.get().forEach(e -> known.add(e.version()));
      List<Future<?>> registrations = new java.util.ArrayList<>();
      registrations.add(register(streamingEntry()));
      packages.forEach(p -> registrations.add(register(p)));
      List<ModelEntry> fresh = packages.stream().filter(p -> !known.contains(p.version())).toList();
      Optional<ModelEntry> active = ModelEntry.active(registry.get());
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

  /** The registry's entries; empty when it cannot be reached. */
  private Future<Optional<List<ModelEntry>>> registryEntries() {
    return vertx.eventBus().<JsonObject>request(Addresses.STORE_MODELS, new JsonObject())
        .map(reply -> Optional.of(ModelEntry.listFromJson(reply.body())))
        .otherwise(e -> {
          LOG.warn("model registry not reachable, choosing locally reason={}", e.getMessage());
          return Optional.empty();
        });
  }

  private Future<Recommender> fallback(List<ModelEntry> packages) {
    if (packages.isEmpty()) {
      return Future.succeededFuture(new StreamingCooccurrenceRecommender());
    }
    return open(packages.get(packages.size() - 1));
  }

  private static ModelEntry streamingEntry() {
    String version = new StreamingCooccurrenceRecommender().version();
    return ModelEntry.registration(version, ModelEntry.STREAMING_KIND, null, null, new JsonObject(),
        new JsonObject().put("source", "the live event stream (learns continuously)"), null, null);
  }

  private Future<ModelEntry> register(ModelEntry entry) {
    return vertx.eventBus().<JsonObject>request(Addresses.STORE_MODEL_REGISTER, entry.toJson())
        .map(reply -> ModelEntry.fromJson(reply.body()))
        .onFailure(e -> LOG.warn("model not registered model={} reason={}", entry.version(), e.getMessage()));
  }

  private Future<Void> markActive(String version, String note) {
    return vertx.eventBus().<JsonObject>request(Addresses.STORE_MODEL_ACTIVATE,
            new JsonObject().put("version", version).put("note", note))
        .<Void>mapEmpty()
        .otherwise(e -> {
          LOG.warn("registry not updated: model={} is served but not marked active reason={}", version, e.getMessage());
          return null;
        });
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

  /**
   * {@code POST /v1/models/{version}/activate}: opens the version, swaps it in, marks it active in
   * the registry and tells the other scoring nodes. Requests in flight finish on the old model.
   */
  private void activate(Message<JsonObject> message) {
    String version = message.body().getString("version");
    activations = activations.transform(ignored -> entry(version)
        .compose(entry -> open(entry).recover(e -> Future.failedFuture(new ReplyException(
            io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, Failures.CONFLICT,
            "model " + version + " cannot be opened: " + e.getMessage())))
            .compose(model -> {
              swapIn(model);
              return vertx.eventBus().<JsonObject>request(Addresses.STORE_MODEL_ACTIVATE,
                  new JsonObject().put("version", version).put("note", message.body().getString("note", "activated by request")));
            }))
        .map(reply -> ModelEntry.fromJson(reply.body()))
        .onSuccess(entry -> {
          vertx.eventBus().publish(Addresses.MODEL_ACTIVATED, entry.toJson());
          message.reply(entry.toJson());
        })
        .onFailure(e -> replyFailure(message, e, "model not activated: ")));
  }

  /** Another node activated a model: serve it too, unless this node already does. */
  private void activatedElsewhere(Message<JsonObject> message) {
    ModelEntry entry = ModelEntry.fromJson(message.body());
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

  private void swapIn(Recommender model) {
    String previous = live.peek().version();
    live.swap(model);
    LOG.info("live model swapped model={} previous={}", model.version(), previous);
  }

  private Future<ModelEntry> entry(String version) {
    return vertx.eventBus().<JsonObject>request(Addresses.STORE_MODEL, new JsonObject().put("version", version))
        .map(reply -> ModelEntry.fromJson(reply.body()));
  }

  /** {@code POST /v1/models}: reads a package directory the scoring nodes can see and registers it. */
  private void register(Message<JsonObject> message) {
    String path = message.body().getString("path");
    vertx.executeBlocking(() -> {
          try {
            return ModelPackages.read(Path.of(path));
          } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, Failures.BAD_REQUEST,
                "path: " + e.getMessage());
          }
        }, false)
        .compose(this::register)
        .onSuccess(entry -> message.reply(entry.toJson()))
        .onFailure(e -> replyFailure(message, e, "model not registered: "));
  }

  private void closeLater(Recommender retired) {
    if (retired instanceof AutoCloseable closeable) {
      vertx.executeBlocking(() -> {
        closeable.close();
        return null;
      }, false).onFailure(e -> LOG.warn("retired model not closed model={} reason={}", retired.version(), e.getMessage()));
    }
  }

  /**
   * GDPR erase: a streaming model's counts include what the erased user's events taught it. The
   * user's events are already deleted, so a model relearned from the store forgets them; it is
   * swapped in like an activation. Erasures within a few seconds share one relearn. A frozen
   * package holds no user ids (its training sequences are anonymous index lists); the next
   * retrain drops the user's sequence from it.
   */
  private void userErased(Message<JsonObject> message) {
    if (!live.peek().learnsFromStream() || relearnScheduled) {
      return;
    }
    relearnScheduled = true;
    vertx.setTimer(RELEARN_DELAY_MS, id -> activations = activations.transform(ignored -> {
      relearnScheduled = false;
      if (!live.peek().learnsFromStream()) {
        return Future.succeededFuture();
      }
      return relearnedStreamingModel().onSuccess(model -> {
        swapIn(model);
        LOG.info("streaming model relearned from the store after a user erase");
      });
    }));
  }

  // ---- the catalog business rules read ----

  private Future<Void> loadCatalog() {
    return loadCatalogFrom("").otherwise(e -> {
      LOG.warn("catalog not loaded: business rules start without it reason={}", e.getMessage());
      return null;
    });
  }

  private Future<Void> loadCatalogFrom(String after) {
    return vertx.eventBus().<JsonObject>request(Addresses.STORE_CATALOG, new JsonObject().put("after", after).put("limit", CATALOG_PAGE))
        .compose(reply -> {
          JsonArray items = reply.body().getJsonArray("items");
          for (int i = 0; i < items.size(); i++) {
            JsonArray row = items.getJsonArray(i);
            catalog.put(row.getString(0), row.getString(1), row.getBoolean(2));
          }
          return items.size() < CATALOG_PAGE ? Future.<Void>succeededFuture()
              : loadCatalogFrom(items.getJsonArray(items.size() - 1).getString(0));
        });
  }

  private void catalogUpdated(Message<JsonObject> message) {
    CatalogItem item = CatalogItem.fromJson(message.body());
    catalog.put(item.itemId(), item.category(), item.available());
  }

  // ---- serving ----

  /**
   * Replays the newest stored events into a streaming model before it takes traffic, so a restart
   * does not forget what the stream taught. A store that is not reachable yet only means a cold
   * start, not a failed one.
   */
  private Future<Recommender> warmUp(Recommender model) {
    long started = System.nanoTime();
    return vertx.eventBus()
        .<JsonObject>request(Addresses.STORE_REPLAY, new JsonObject().put("limit", REPLAY_EVENTS),
            new DeliveryOptions().setSendTimeout(REPLAY_TIMEOUT_MS))
        // Learning from a few hundred thousand events takes a while: off the event loop. Nothing
        // else touches this model until it is served.
        .compose(reply -> vertx.executeBlocking(() -> StreamReplay.replay(reply.body().getJsonArray("events"), model)))
        .onSuccess(n -> LOG.info("scoring warmed up model={} events={} millis={}", model.version(), n,
            (System.nanoTime() - started) / 1_000_000))
        .otherwise(e -> {
          LOG.warn("scoring starts cold: stored events not replayed reason={}", e.getMessage());
          return 0;
        })
        .map(model);
  }

  /**
   * A new streaming model that replayed the store, plus every event stored while it replayed
   * (those can miss the replay's snapshot; a few may be counted twice, which only nudges counts).
   */
  private Future<Recommender> relearnedStreamingModel() {
    List<SequenceUpdate> storedMeanwhile = new java.util.ArrayList<>();
    replayBuffers.add(storedMeanwhile);
    return warmUp(new StreamingCooccurrenceRecommender())
        .onComplete(done -> replayBuffers.remove(storedMeanwhile))
        .onSuccess(model -> storedMeanwhile.forEach(model::learn));
  }

  private void learn(Message<JsonObject> message) {
    Recommender model = live.peek();
    // A frozen model learns nothing: it need not decode every stored batch.
    if (model.learnsFromStream() || !replayBuffers.isEmpty()) {
      List<SequenceUpdate> updates = SequenceUpdates.fromJson(message.body()).updates();
      if (model.learnsFromStream()) {
        updates.forEach(model::learn);
      }
      replayBuffers.forEach(buffer -> buffer.addAll(updates));
    }
  }

  private void pushFresh(Message<JsonObject> message) {
    for (SequenceUpdate update : SequenceUpdates.fromJson(message.body()).updates()) {
      batcher.score(update.userId(), update.recentItems(), Set.copyOf(update.purchasedItems()), PUSHED_K)
          .onSuccess(scored -> vertx.eventBus().publish(Addresses.RECS_UPDATED, new Recommendations(update.userId(),
              scored.items(), scored.model(), Instant.now(), update.triggerEventId(),
              EpochMicros.millisSince(update.receivedAtMicros())).toJson()))
          .onFailure(e -> notComputed(update, e));
    }
  }

  /**
   * Logs a push that could not be computed. Under overload that is thousands a second, so those
   * are counted and logged once per {@link #OVERLOAD_LOG_MS}; other failures are logged each.
   */
  private void notComputed(SequenceUpdate update, Throwable e) {
    if (!(e instanceof ScoreBatcher.OverloadedException)) {
      LOG.warn("recommendations not computed userId={} trigger={} reason={}", update.userId(), update.triggerEventId(),
          e.getMessage());
      return;
    }
    refusedSinceLog++;
    long now = System.currentTimeMillis();
    if (now - lastOverloadLogMillis >= OVERLOAD_LOG_MS) {
      LOG.warn("recommendations not computed for {} events since the last report: {}", refusedSinceLog, e.getMessage());
      refusedSinceLog = 0;
      lastOverloadLogMillis = now;
    }
  }

  private void recommend(Message<JsonObject> message) {
    RecommendationQuery query = RecommendationQuery.fromJson(message.body());
    vertx.eventBus().<JsonObject>request(Addresses.STORE_HISTORY, new JsonObject().put("userId", query.userId()))
        .recover(e -> Future.failedFuture(new ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE,
            Failures.UNAVAILABLE, "the user's history is not readable: " + e.getMessage())))
        .compose(reply -> batcher.score(query.userId(), strings(reply.body().getJsonArray("recentItems")),
            new HashSet<>(strings(reply.body().getJsonArray("purchasedItems"))), query.k()))
        .map(scored -> new Recommendations(query.userId(), scored.items(), scored.model(), Instant.now(), null, null))
        .onSuccess(recs -> message.reply(recs.toJson()))
        .onFailure(e -> replyFailure(message, e, "recommendations not computed: "));
  }

  private void similar(Message<JsonObject> message) {
    String itemId = message.body().getString("itemId");
    int k = message.body().getInteger("k");
    LiveModel.Lease lease = live.acquire();
    Recommender model = lease.model();
    Future<List<dev.recstream.shared.bus.ScoredItem>> items = model.blocking()
        ? vertx.executeBlocking(() -> model.similar(itemId, k), false)
        : Future.succeededFuture(model.similar(itemId, k));
    items.andThen(done -> lease.close())
        .onSuccess(list -> {
          if (list.isEmpty()) {
            message.fail(Failures.NOT_FOUND, "itemId: the model " + model.version() + " does not know item '" + itemId + "'");
            return;
          }
          JsonArray array = new JsonArray();
          list.forEach(item -> array.add(item.toJson()));
          message.reply(new JsonObject().put("itemId", itemId).put("items", array).put("model", model.version()));
        })
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "similar items not computed: " + e.getMessage()));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  /** Passes a coded failure on as it is; anything else is the service being unavailable. */
  private static void replyFailure(Message<?> message, Throwable e, String prefix) {
    if (e instanceof ReplyException reply && reply.failureCode() > 0) {
      message.fail(reply.failureCode(), reply.getMessage());
    } else if (e instanceof ScoreBatcher.OverloadedException) {
      message.fail(Failures.UNAVAILABLE, e.getMessage());
    } else {
      message.fail(Failures.UNAVAILABLE, prefix + e.getMessage());
    }
  }

  private void health(Message<JsonObject> message) {
    message.reply(new JsonObject().put("ok", true).put("model", live.peek().version())
        .put("meanBatchSize", batcher.meanBatchSize()).put("conflated", batcher.conflated()));
  }
}
