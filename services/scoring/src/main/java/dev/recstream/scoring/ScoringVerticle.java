package dev.recstream.scoring;

import dev.recstream.model.streaming.Recommender;

import dev.recstream.model.streaming.StreamingCooccurrenceRecommender;
import dev.recstream.model.twostage.PackagedRecommender;
import dev.recstream.shared.config.RecstreamConfig;
import java.nio.file.Path;
import java.util.Optional;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.EventsQuery;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.RecommendationQuery;
import dev.recstream.shared.bus.Recommendations;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.SequenceUpdates;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model host. It learns from every stored event (published to all scoring nodes), answers the
 * sequence updates of the batches it is sent with a fresh list per event ({@code recs.updated}),
 * and serves the current top-k of a user on request.
 */
public final class ScoringVerticle extends VerticleBase {
  /** A user's items read from the store for an on-demand request. */
  private static final int HISTORY_READ = 50;

  /** The list length pushed after each event. */
  static final int PUSHED_K = 10;

  private static final Logger LOG = LoggerFactory.getLogger(ScoringVerticle.class);

  /** How many of the newest stored events a starting node learns from. */
  static final int REPLAY_EVENTS = 200_000;
  private static final long REPLAY_TIMEOUT_MS = 30_000;

  private Recommender recommender;

  /** Serves the newest model package under the configured model directory, else the streaming model. */
  public ScoringVerticle() {
    this(null);
  }

  /** Serves {@code recommender} (tests, embedding); null = choose from configuration. */
  public ScoringVerticle(Recommender recommender) {
    this.recommender = recommender;
  }

  @Override
  public Future<?> start() {
    Future<Recommender> chosen = recommender != null ? Future.succeededFuture(recommender) : chooseModel();
    return chosen
        .onSuccess(r -> recommender = r)
        .compose(r -> r.learnsFromStream() ? warmUp() : Future.succeededFuture())
        .compose(v -> Future.all(
        // A frozen model learns nothing: it need not decode every stored batch.
        recommender.learnsFromStream()
            ? vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_STORED, this::learn).completion()
            : Future.succeededFuture(),
        vertx.eventBus().<JsonObject>consumer(Addresses.SEQUENCE_UPDATED, this::pushFresh).completion(),
        vertx.eventBus().<JsonObject>consumer(Addresses.SCORING_RECOMMEND, this::recommend).completion(),
        vertx.eventBus().<JsonObject>consumer(Addresses.SCORING_SIMILAR, this::similar).completion(),
        vertx.eventBus().consumer(Addresses.health("scoring"), this::health).completion()));
  }

  @Override
  public Future<?> stop() {
    return recommender instanceof AutoCloseable closeable
        ? vertx.executeBlocking(() -> {
          closeable.close();
          return null;
        })
        : Future.succeededFuture();
  }

  /** The newest package in RECSTREAM_MODEL_DIR, opened on a worker; the streaming model without one. */
  private Future<Recommender> chooseModel() {
    String modelDir = RecstreamConfig.fromJson(config()).modelDir();
    if (modelDir == null) {
      return Future.succeededFuture(new StreamingCooccurrenceRecommender());
    }
    return vertx.executeBlocking(() -> {
      Optional<Path> newest = PackagedRecommender.newestPackage(Path.of(modelDir));
      if (newest.isEmpty()) {
        LOG.info("no model package in modelDir={}: serving the streaming model", modelDir);
        return new StreamingCooccurrenceRecommender();
      }
      PackagedRecommender packaged = PackagedRecommender.open(newest.get());
      LOG.info("serving model package path={} model={}", newest.get(), packaged.version());
      return packaged;
    });
  }

  /**
   * Runs model work where it belongs: inline for an in-memory model, on a worker — one call at a
   * time, in submission order — for a blocking one, so an event loop never waits on inference.
   */
  private <T> Future<T> onModelThread(java.util.concurrent.Callable<T> work) {
    if (!recommender.blocking()) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(work, true);
  }

  /**
   * Replays the newest stored events into the model before this node takes traffic, so a restart
   * does not forget what the stream taught. A store that is not reachable yet (another node of a
   * cluster still starting) only means a cold start, not a failed one.
   */
  private Future<Void> warmUp() {
    long started = System.nanoTime();
    return vertx.eventBus()
        .<JsonObject>request(Addresses.STORE_REPLAY, new JsonObject().put("limit", REPLAY_EVENTS),
            new DeliveryOptions().setSendTimeout(REPLAY_TIMEOUT_MS))
        // Learning from a few hundred thousand events takes a while: off the event loop. Nothing
        // else touches the model until start() completes.
        .compose(reply -> vertx.executeBlocking(() -> StreamReplay.replay(reply.body().getJsonArray("events"), recommender)))
        .onSuccess(n -> LOG.info("scoring warmed up model={} events={} millis={}", recommender.version(), n,
            (System.nanoTime() - started) / 1_000_000))
        .otherwise(e -> {
          LOG.warn("scoring starts cold: stored events not replayed reason={}", e.getMessage());
          return 0;
        })
        .mapEmpty();
  }

  private void learn(Message<JsonObject> message) {
    SequenceUpdates.fromJson(message.body()).updates().forEach(recommender::learn);
  }

  private void pushFresh(Message<JsonObject> message) {
    List<SequenceUpdate> updates = SequenceUpdates.fromJson(message.body()).updates();
    onModelThread(() -> updates.stream().map(u -> recommender.recommend(u.recentItems(), PUSHED_K)).toList())
        .onSuccess(lists -> {
          for (int i = 0; i < updates.size(); i++) {
            SequenceUpdate update = updates.get(i);
            Recommendations recs = new Recommendations(update.userId(), lists.get(i), recommender.version(), Instant.now(),
                update.triggerEventId(), EpochMicros.millisSince(update.receivedAtMicros()));
            vertx.eventBus().publish(Addresses.RECS_UPDATED, recs.toJson());
          }
        })
        .onFailure(e -> LOG.warn("recommendations not computed for a batch updates={} reason={}", updates.size(), e.getMessage()));
  }

  private void recommend(Message<JsonObject> message) {
    RecommendationQuery query = RecommendationQuery.fromJson(message.body());
    vertx.eventBus().<JsonObject>request(Addresses.STORE_EVENTS, new EventsQuery(query.userId(), HISTORY_READ).toJson())
        .map(reply -> recentItems(reply.body().getJsonArray("events")))
        .compose(recent -> onModelThread(() -> recommender.recommend(recent, query.k())))
        .map(items -> new Recommendations(query.userId(), items, recommender.version(), Instant.now(), null, null))
        .onSuccess(recs -> message.reply(recs.toJson()))
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "the user's history is not readable: " + e.getMessage()));
  }

  private void similar(Message<JsonObject> message) {
    String itemId = message.body().getString("itemId");
    int k = message.body().getInteger("k");
    onModelThread(() -> recommender.similar(itemId, k))
        .onSuccess(items -> {
          if (items.isEmpty()) {
            message.fail(Failures.NOT_FOUND, "itemId: the model " + recommender.version() + " does not know item '" + itemId + "'");
            return;
          }
          JsonArray array = new JsonArray();
          items.forEach(item -> array.add(item.toJson()));
          message.reply(new JsonObject().put("itemId", itemId).put("items", array).put("model", recommender.version()));
        })
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "similar items not computed: " + e.getMessage()));
  }

  /** Item ids of stored events, newest first, without searches. */
  static List<String> recentItems(JsonArray events) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String item = events.getJsonObject(i).getString("itemId");
      if (item != null) {
        items.add(item);
      }
    }
    return items;
  }

  private void health(Message<Object> message) {
    message.reply(new JsonObject().put("ok", true).put("model", recommender.version()));
  }
}
