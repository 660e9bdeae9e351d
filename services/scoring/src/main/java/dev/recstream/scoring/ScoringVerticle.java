package dev.recstream.scoring;

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
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

  private final Recommender recommender;

  public ScoringVerticle() {
    this(new StreamingCooccurrenceRecommender());
  }

  public ScoringVerticle(Recommender recommender) {
    this.recommender = recommender;
  }

  @Override
  public Future<?> start() {
    return Future.all(
        vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS_STORED, this::learn).completion(),
        vertx.eventBus().<JsonObject>consumer(Addresses.SEQUENCE_UPDATED, this::pushFresh).completion(),
        vertx.eventBus().<JsonObject>consumer(Addresses.SCORING_RECOMMEND, this::recommend).completion(),
        vertx.eventBus().consumer(Addresses.health("scoring"), this::health).completion());
  }

  private void learn(Message<JsonObject> message) {
    SequenceUpdates.fromJson(message.body()).updates().forEach(recommender::learn);
  }

  private void pushFresh(Message<JsonObject> message) {
    for (SequenceUpdate update : SequenceUpdates.fromJson(message.body()).updates()) {
      List<ScoredItem> items = recommender.recommend(update.recentItems(), PUSHED_K);
      Recommendations recs = new Recommendations(update.userId(), items, recommender.version(), Instant.now(),
          update.triggerEventId(), EpochMicros.millisSince(update.receivedAtMicros()));
      vertx.eventBus().publish(Addresses.RECS_UPDATED, recs.toJson());
    }
  }

  private void recommend(Message<JsonObject> message) {
    RecommendationQuery query = RecommendationQuery.fromJson(message.body());
    vertx.eventBus().<JsonObject>request(Addresses.STORE_EVENTS, new EventsQuery(query.userId(), HISTORY_READ).toJson())
        .map(reply -> recentItems(reply.body().getJsonArray("events")))
        .map(recent -> new Recommendations(query.userId(), recommender.recommend(recent, query.k()),
            recommender.version(), Instant.now(), null, null))
        .onSuccess(recs -> message.reply(recs.toJson()))
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "the user's history is not readable: " + e.getMessage()));
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
