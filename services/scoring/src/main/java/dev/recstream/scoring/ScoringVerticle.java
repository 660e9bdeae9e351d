package dev.recstream.scoring;

import dev.recstream.model.search.MiniLmEmbedder;
import dev.recstream.model.streaming.Recommender;
import dev.recstream.scoring.rules.BusinessRules;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.ErrorCount;
import dev.recstream.shared.bus.Experiment;
import dev.recstream.shared.bus.ExperimentId;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.ImportedEvents;
import dev.recstream.shared.bus.RecommendationQuery;
import dev.recstream.shared.bus.Recommendations;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SearchResults;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.SequenceUpdates;
import dev.recstream.shared.bus.SimilarItems;
import dev.recstream.shared.bus.UserQuery;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.event.EventType;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring service: answers each stored batch's sequence updates with a fresh list per event
 * ({@code recs.updated}), serves a user's current top-k on request — from the list just pushed
 * when it is current ({@link LatestLists}), else through the model — and similar items. Which
 * model it serves is {@link ModelHost}'s job, the catalog the rules read {@link CatalogMirror}'s.
 */
public final class ScoringVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringVerticle.class);

  /** The list length pushed after each event. */
  static final int PUSHED_K = 10;

  /** Users waiting for the model before another user's request is refused (503, or no push). */
  static final int MAX_QUEUED = 10_000;

  /** Users whose latest list a node keeps for GETs (a list is about 2 KB). */
  static final long CACHED_USERS = 100_000;

  private static final long OVERLOAD_LOG_MS = 1_000;

  private final Recommender given;
  private StoreWait store;
  /** Set once the model is chosen and warm and every address is served: until then not ready. */
  private boolean serving;
  private ModelHost host;
  private LiveModel live;
  private BusinessRules rules;
  private ScoreBatcher batcher;
  private ExperimentRouting routing;
  private SearchIndex searchIndex;
  private SearchEngine search;
  private final LatestLists latest = new LatestLists(CACHED_USERS);
  private final RecentItems recent = new RecentItems((int) CACHED_USERS);
  /** Pushes refused for overload since the last warning about them, and when that was. */
  private long refusedSinceLog;
  /** Pushes not computed since the last report to the metrics service (sent once a second). */
  private long notComputedUnreported;
  private long lastOverloadLogMillis;
  private long cachedAnswers;
  private long modelAnswers;

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
    RecstreamConfig cfg = RecstreamConfig.fromJson(config());
    Bus.install(vertx);
    store = new StoreWait(vertx);
    CatalogMirror catalog = new CatalogMirror(vertx, store);
    host = new ModelHost(vertx, cfg.modelDir(), store);
    rules = new BusinessRules(catalog.catalog(), cfg.maxPerCategory());
    searchIndex = new SearchIndex(vertx, store, MiniLmEmbedder::new, () -> search.catalogChanged());
    search = new SearchEngine(vertx, searchIndex, catalog.catalog());
    // Health first: while the node waits for the store and warms up, readiness says so.
    return Bus.serve(vertx, Addresses.health("scoring"), none -> health())
        .compose(v -> catalog.start())
        .compose(v -> searchIndex.start())
        .compose(v -> search.start(store))
        .compose(v -> host.start(given))
        .compose(served -> {
          live = served;
          batcher = new ScoreBatcher(context, live, rules, MAX_QUEUED, cfg.scoringThreads());
          routing = new ExperimentRouting(live, batcher,
              variant -> new ScoreBatcher(context, variant, rules, MAX_QUEUED, cfg.scoringThreads()), host::closeLater);
          LOG.info("scoring serves model={} lanes={}", live.peek().version(), cfg.scoringThreads());
          return Future.all(List.of(
              Bus.listen(vertx, Addresses.EVENTS_STORED, this::stored),
              Bus.listen(vertx, Addresses.SEQUENCE_UPDATED, this::pushFresh),
              Bus.serve(vertx, Addresses.SCORING_RECOMMEND, this::recommend),
              Bus.serve(vertx, Addresses.SCORING_SIMILAR, this::similar),
              Bus.serve(vertx, Addresses.SCORING_SEARCH, this::search),
              Bus.serve(vertx, Addresses.SCORING_ACTIVATE, host::activate),
              Bus.serve(vertx, Addresses.SCORING_REGISTER, host::register),
              Bus.listen(vertx, Addresses.MODEL_ACTIVATED, host::activatedElsewhere),
              Bus.listen(vertx, Addresses.USER_ERASED, this::userErased),
              Bus.listen(vertx, Addresses.EVENTS_IMPORTED, this::eventsImported),
              Bus.serve(vertx, Addresses.SCORING_EXPERIMENT_START, this::startExperiment),
              Bus.listen(vertx, Addresses.EXPERIMENT_CHANGED, this::experimentChanged)));
        })
        .onSuccess(v -> {
          serving = true;
          resumeRunningExperiment();
          vertx.setPeriodic(1_000, id -> reportNotComputed());
        });
  }

  /** One message a second at most, however many pushes failed: an overloaded node needs no more bus traffic. */
  private void reportNotComputed() {
    if (notComputedUnreported > 0) {
      Bus.publish(vertx, Addresses.ERRORS_COUNTED, new ErrorCount(ErrorCount.PUSH_NOT_COMPUTED, notComputedUnreported));
      notComputedUnreported = 0;
    }
  }

  // ---- experiments ----

  /**
   * {@code POST /v1/experiments/{id}/start}: opens every variant's model on this node first (409
   * when one cannot be opened), then the store marks the experiment running and tells every node.
   */
  private Future<Experiment> startExperiment(ExperimentId request) {
    return Bus.request(vertx, Addresses.STORE_EXPERIMENT, new ExperimentId(request.id()))
        .compose(experiment -> routing.open(experiment, host::openVersion))
        .compose(opened -> Bus.request(vertx, Addresses.STORE_EXPERIMENT, new ExperimentId(request.id(), Experiment.RUNNING)))
        .onSuccess(routing::start)
        .onFailure(e -> routing.closeUnused());
  }

  /** Another node started or stopped an experiment (or this one did, through the store). */
  private void experimentChanged(Experiment experiment) {
    if (!experiment.running()) {
      routing.stop(experiment.id());
      return;
    }
    if (routing.running() != null && routing.running().id().equals(experiment.id())) {
      return;
    }
    routing.open(experiment, host::openVersion)
        .onSuccess(v -> routing.start(experiment))
        .onFailure(e -> LOG.error("experiment not served on this node: its users get the live model id={} reason={}",
            experiment.id(), e.getMessage()));
  }

  /** A node that starts while an experiment runs serves it too. */
  private void resumeRunningExperiment() {
    Bus.request(vertx, Addresses.STORE_EXPERIMENTS, null)
        .onSuccess(all -> all.running().ifPresent(this::experimentChanged))
        .onFailure(e -> LOG.warn("running experiment not looked up: users get the live model reason={}", e.getMessage()));
  }

  @Override
  public Future<?> stop() {
    if (host != null) {
      host.stop();
    }
    if (search != null) {
      search.close();
    }
    return Future.succeededFuture();
  }

  /** Every stored batch, on every scoring node: the model learns, and older lists go out of date. */
  private void stored(SequenceUpdates batch) {
    for (SequenceUpdate update : batch.updates()) {
      if (update.triggerEventId() != null) {
        latest.stored(update.userId(), update.triggerEventId());
      }
      recent.stored(update.userId(), update.recentItems());
      search.learn(update);
    }
    host.learn(batch);
    routing.learn(batch);
  }

  private void userErased(UserQuery erased) {
    latest.forget(erased.userId());
    recent.forget(erased.userId());
    search.userErased(erased.userId());
    host.userErased();
  }

  /** Imported events may be newer than a user's pushed list, and the model relearns them. */
  private void eventsImported(ImportedEvents imported) {
    latest.forgetAll();
    recent.forgetAll();
    host.eventsImported(imported);
  }

  // ---- pushes ----

  private void pushFresh(SequenceUpdates batch) {
    for (SequenceUpdate update : batch.updates()) {
      if (update.query() != null && EventType.SEARCH.wireName().equals(update.type())) {
        pushSearch(update);
        continue;
      }
      Set<String> purchased = Set.copyOf(update.purchasedItems());
      ExperimentRouting.Route route = routing.route(update.userId());
      // Read before scoring: an item learned meanwhile makes a short list stale, never the reverse.
      long itemsKnown = route.live().peek().itemsKnown();
      route.batcher().score(update.userId(), update.recentItems(), purchased, PUSHED_K)
          .onSuccess(scored -> {
            Instant now = Instant.now();
            latest.computed(update.userId(), new LatestLists.Ranked(update.triggerEventId(), scored.ranked(),
                scored.depth(), purchased, scored.model(), itemsKnown, now));
            Bus.publish(vertx, Addresses.RECS_UPDATED, new Recommendations(update.userId(), scored.items(),
                scored.model(), now, RecIds.next(), update.triggerEventId(), EpochMicros.millisSince(update.receivedAtMicros()),
                route.arm()));
          })
          .onFailure(e -> notComputed(update, e));
    }
  }

  /**
   * After a search the user's feed shows their personal results for the query: the search is the
   * freshest statement of what they want. Not kept for GETs, which go back to the model's list.
   */
  private void pushSearch(SequenceUpdate update) {
    ExperimentRouting.Route route = routing.route(update.userId());
    search.search(update.query(), update.userId(), update.recentItems(), PUSHED_K, route.live())
        .onSuccess(found -> Bus.publish(vertx, Addresses.RECS_UPDATED, new Recommendations(update.userId(), found.items(),
            found.model(), found.generatedAt(), RecIds.next(), update.triggerEventId(),
            EpochMicros.millisSince(update.receivedAtMicros()), route.arm())))
        .onFailure(e -> notComputed(update, e));
  }

  /**
   * Logs a push that could not be computed. Under overload that is thousands a second, so those
   * are counted and logged once per {@link #OVERLOAD_LOG_MS}; other failures are logged each.
   */
  private void notComputed(SequenceUpdate update, Throwable e) {
    notComputedUnreported++;
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

  // ---- on request ----

  /**
   * A user's current top-k: the list pushed after their newest event when it is still current
   * (rules applied again now, so catalog changes since the push count), else the history from the
   * store through the model.
   */
  private Future<Recommendations> recommend(RecommendationQuery query) {
    ExperimentRouting.Route route = routing.route(query.userId());
    Recommender model = route.live().peek();
    Optional<LatestLists.Ranked> cached = latest.current(query.userId(), model.version(), model.itemsKnown(),
        list -> BusinessRules.fetchDepth(query.k(), list.excluded().size()));
    if (cached.isPresent()) {
      cachedAnswers++;
      LatestLists.Ranked list = cached.get();
      return Future.succeededFuture(new Recommendations(query.userId(), rules.apply(list.ranked(), list.excluded(), query.k()),
          list.model(), list.generatedAt(), RecIds.next(), null, null, route.arm()));
    }
    modelAnswers++;
    return Bus.request(vertx, Addresses.STORE_HISTORY, new UserQuery(query.userId()))
        .recover(e -> Future.failedFuture(Failures.unavailable("the user's history is not readable: " + e.getMessage())))
        .compose(history -> route.batcher().score(query.userId(), history.recentItems(), new HashSet<>(history.purchasedItems()), query.k()))
        .map(scored -> new Recommendations(query.userId(), scored.items(), scored.model(), Instant.now(), RecIds.next(), null, null,
            route.arm()))
        .recover(e -> Future.failedFuture(e instanceof ScoreBatcher.OverloadedException
            ? Failures.unavailable(e.getMessage()) : e));
  }

  private Future<SimilarItems> similar(SimilarItems.Query query) {
    LiveModel.Lease lease = live.acquire();
    Recommender model = lease.model();
    Future<List<ScoredItem>> items = model.blocking()
        ? vertx.executeBlocking(() -> model.similar(query.itemId(), query.k()), false)
        : Future.succeededFuture(model.similar(query.itemId(), query.k()));
    return items.andThen(done -> lease.close())
        .recover(e -> Future.failedFuture(Failures.unavailable("similar items not computed: " + e.getMessage())))
        .compose(list -> list.isEmpty()
            ? Future.failedFuture(Failures.notFound("itemId: the model " + model.version() + " does not know item '" + query.itemId() + "'"))
            : Future.succeededFuture(new SimilarItems(query.itemId(), list, model.version())));
  }

  /**
   * {@code GET /v1/search}: the user's recent items as their last stored event carried them (from
   * the store when this node has not seen one), then {@link SearchEngine}.
   */
  private Future<SearchResults> search(SearchResults.Query query) {
    ExperimentRouting.Route route = query.userId() == null ? routing.main() : routing.route(query.userId());
    Future<List<String>> items = query.userId() == null ? Future.succeededFuture(List.of())
        : recent.of(query.userId()).map(Future::succeededFuture).orElseGet(() -> search.recentItemsOf(query.userId()));
    return items.compose(history -> search.search(query.query(), query.userId(), history, query.k(), route.live()));
  }

  /** The model served and how; while starting, a failure saying what the node waits for. */
  private Future<JsonObject> health() {
    if (!serving) {
      return Future.failedFuture(Failures.unavailable("scoring is starting: "
          + store.waiting().orElse("choosing its model and replaying stored events into it")));
    }
    return Future.succeededFuture(new JsonObject().put("ok", true).put("model", live.peek().version())
        .put("meanBatchSize", batcher.meanBatchSize()).put("conflated", batcher.conflated())
        .put("cachedUsers", latest.size()).put("getsFromCache", cachedAnswers).put("getsThroughModel", modelAnswers)
        .put("search", new JsonObject().put("state", searchIndex.state()).put("vectorLists", searchIndex.lists())
            .put("itemsEmbedded", searchIndex.embedded())
            .put("usersWithRecentItems", recent.size())
            .put("retrievalCacheHits", search.cacheHits())
            .put("retrievalCacheMisses", search.cacheMisses())
            .put("earlyVectorSearches", search.earlyVectorSearches()[0])
            .put("earlyVectorSearchesUnused", search.earlyVectorSearches()[1])
            .put("vectorSearchesRefused", search.vectorSearchesRefused())
            .put("firstTimeQueries", search.firstTimeQueries())));
  }
}
