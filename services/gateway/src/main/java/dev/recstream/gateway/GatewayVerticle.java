package dev.recstream.gateway;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.EventsQuery;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.IntakeRequest;
import dev.recstream.shared.bus.ModelEntry;
import dev.recstream.shared.bus.ErrorCount;
import dev.recstream.shared.bus.Experiment;
import dev.recstream.shared.bus.ExperimentId;
import dev.recstream.shared.bus.MetricsHistory;
import dev.recstream.shared.bus.StoredItems;
import dev.recstream.shared.bus.ModelVersion;
import dev.recstream.shared.bus.PackagePath;
import dev.recstream.shared.bus.RecommendationQuery;
import dev.recstream.shared.bus.SearchResults;
import dev.recstream.shared.bus.SimilarItems;
import dev.recstream.shared.bus.TrainingState;
import dev.recstream.shared.bus.UserQuery;
import dev.recstream.shared.catalog.CatalogItem;
import dev.recstream.shared.config.RecstreamConfig;
import java.util.List;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.core.http.HttpMethod;
import dev.recstream.shared.security.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge (CONTRACT §2–3): REST routes, the WebSocket live feed, health, metrics and the
 * OpenAPI document. Every route hands off over the event bus to the service that owns the
 * answer; errors are always the JSON body of {@link Responses}.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  static final int MAX_BODY_BYTES = 1 << 20;
  /** Local shared-data map and key where the gateway leaves the HTTP port it bound. */
  public static final String LOCAL_MAP = "recstream.gateway";
  public static final String ACTUAL_PORT_KEY = "httpPort";
  /**
   * Liveness: 200 while the process serves HTTP, whatever its dependencies do, so an orchestrator
   * restarts only a stuck process. The Kubernetes probes name it (k8s/gateway.yaml).
   */
  public static final String LIVE_PATH = "/health/live";
  /** Readiness: 200 only while the services behind the gateway answer ({@link Readiness}). */
  public static final String READY_PATH = "/health/ready";
  private static final long REQUEST_TIMEOUT_MS = 15_000;
  /** Opening a model package (and a streaming model's replay) takes seconds. */
  private static final long MODEL_TIMEOUT_MS = 120_000;
  static final int MAX_SMALL_BODY_BYTES = 64 * 1024;
  private static final long SHUTDOWN_GRACE_SECONDS = 10;

  private final LiveFeed feed = new LiveFeed();
  private HttpServer server;

  @Override
  public Future<?> start() {
    RecstreamConfig cfg = RecstreamConfig.fromJson(config());
    Bus.install(vertx);
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(cfg.httpHost()).setPort(cfg.httpPort())
        .setCompressionSupported(true)
        .setMaxWebSocketMessageSize(64 * 1024)
        // Answered to a browser that offers it beside "bearer.<key>" (see Access.presentedKey).
        .setWebSocketSubProtocols(List.of(Access.WEBSOCKET_PROTOCOL)));
    return Future.all(
            vertx.executeBlocking(Responses::preloadResources),
            feed.listen(vertx),
            server.requestHandler(router(cfg)).invalidRequestHandler(Responses::invalidRequest).listen())
        .onSuccess(v -> {
          // The bound port, for a launcher that asked for port 0.
          vertx.sharedData().getLocalMap(LOCAL_MAP).put(ACTUAL_PORT_KEY, server.actualPort());
          LOG.info("gateway listening host={} port={} apiKeys={} cors={}", cfg.httpHost(), server.actualPort(),
              cfg.apiKeys().isEmpty() ? "none (open)" : cfg.apiKeys().size(), cfg.corsOrigins().isEmpty() ? "off" : cfg.corsOrigins());
        });
  }

  /** Stops accepting connections and gives requests in flight a few seconds to finish. */
  @Override
  public Future<?> stop() {
    return server.shutdown(SHUTDOWN_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
  }

  private Router router(RecstreamConfig cfg) {
    Router router = Router.router(vertx);
    if (!cfg.corsOrigins().isEmpty()) {
      // Before access control: a browser's preflight carries no credentials.
      router.route().handler(CorsHandler.create()
          .addOrigins(cfg.corsOrigins())
          .allowedMethods(java.util.Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
          .allowedHeaders(java.util.Set.of("Authorization", "Content-Type"))
          .maxAgeSeconds(600));
    }
    router.route().handler(this::countErrors);
    router.route().handler(new Access(ApiKeys.parse(cfg.apiKeys()), cfg.rateLimit()));
    router.post("/v1/events").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::ingest);
    router.get("/v1/users/:userId/recommendations").handler(this::recommendations);
    router.get("/v1/users/:userId/events").handler(this::events);
    router.delete("/v1/users/:userId").handler(this::eraseUser);
    router.get("/v1/items/:itemId/similar").handler(this::similarItems);
    router.get("/v1/items").handler(this::items);
    router.get("/v1/search").handler(this::search);
    router.put("/v1/items/:itemId").handler(BodyHandler.create(false).setBodyLimit(MAX_SMALL_BODY_BYTES)).handler(this::putItem);
    router.get("/v1/models").handler(this::models);
    router.post("/v1/models").handler(BodyHandler.create(false).setBodyLimit(MAX_SMALL_BODY_BYTES)).handler(this::registerModel);
    router.post("/v1/models/retrain").handler(this::retrain);
    router.post("/v1/models/:version/activate").handler(this::activateModel);
    router.post("/v1/experiments").handler(BodyHandler.create(false).setBodyLimit(MAX_SMALL_BODY_BYTES)).handler(this::createExperiment);
    router.get("/v1/experiments").handler(this::experiments);
    router.get("/v1/experiments/:id").handler(this::experiment);
    router.post("/v1/experiments/:id/start").handler(this::startExperiment);
    router.post("/v1/experiments/:id/stop").handler(this::stopExperiment);
    router.get("/v1/stream").handler(ctx -> feed.upgrade(ctx));
    router.get("/v1/stream/recent").handler(this::recentPushes);
    router.get("/v1/metrics").handler(this::metricsSummary);
    router.get("/v1/metrics/history").handler(this::metricsHistory);
    router.get("/metrics").handler(this::prometheus);
    router.get(LIVE_PATH).handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get(READY_PATH).handler(ctx -> Readiness.check(vertx).onSuccess(r -> Responses.json(ctx, r.status(), r.body())));
    router.get("/openapi.yaml").handler(ctx -> Responses.resource(ctx, "openapi.yaml", "application/yaml"));
    router.get("/").handler(ctx -> Responses.resource(ctx, "webroot/index.html", "text/html; charset=utf-8"));
    router.get("/assets/:name").handler(ctx -> Responses.asset(ctx, ctx.pathParam("name")));
    // Unmatched requests: 404, or 405 when the path exists with other methods; both as JSON.
    router.errorHandler(404, Responses::notFound);
    router.errorHandler(405, ctx -> Responses.error(ctx, 405, "method_not_allowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(400, ctx -> Responses.error(ctx, 400, "bad_request", "the request is malformed (e.g. an invalid percent escape)"));
    router.route().failureHandler(Responses::failure);
    return router;
  }

  private void ingest(RoutingContext ctx) {
    Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    IntakeRequest request = new IntakeRequest(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), body,
        System.currentTimeMillis() + REQUEST_TIMEOUT_MS);
    Bus.request(vertx, Addresses.INGEST_HTTP, request, request.deliveryOptions())
        .onSuccess(outcome -> Responses.intake(ctx, outcome))
        .onFailure(e -> Responses.busFailure(ctx, "ingestion", e));
  }

  /** Tells the metrics service of every error response (4xx refused, 5xx failed), once it is sent. */
  private void countErrors(RoutingContext ctx) {
    ctx.addEndHandler(done -> {
      int status = ctx.response().getStatusCode();
      if (status >= 400) {
        Bus.publish(vertx, Addresses.ERRORS_COUNTED,
            new ErrorCount(status >= 500 ? ErrorCount.HTTP_SERVER : ErrorCount.HTTP_CLIENT, 1));
      }
    });
    ctx.next();
  }

  /** A user's top-k; the list served is announced to metrics, which credits later clicks to it. */
  private void recommendations(RoutingContext ctx) {
    long started = System.nanoTime();
    Params.userId(ctx)
        .compose(userId -> Params.intInRange(ctx, "k", 10, 1, 100).map(k -> new RecommendationQuery(userId, k)))
        .compose(query -> Bus.request(vertx, Addresses.SCORING_RECOMMEND, query, timeout()))
        .onSuccess(recs -> {
          // Announced before the answer leaves, so a click that follows it finds the list.
          Bus.publish(vertx, Addresses.RECS_SERVED, recs.withLatencyMs((System.nanoTime() - started) / 1e6));
          Responses.json(ctx, 200, recs.toJson());
        })
        .onFailure(e -> Responses.fail(ctx, "scoring", e));
  }

  private void events(RoutingContext ctx) {
    Params.userId(ctx)
        .compose(userId -> Params.intInRange(ctx, "limit", 50, 1, 1000).map(limit -> new EventsQuery(userId, limit)))
        .compose(query -> Bus.request(vertx, Addresses.STORE_EVENTS, query, timeout()))
        .onSuccess(events -> Responses.json(ctx, 200, events.toJson()))
        .onFailure(e -> Responses.fail(ctx, "store", e));
  }

  /** GDPR erase: 204 once the events are deleted; derived state is dropped as the services hear of it. */
  private void eraseUser(RoutingContext ctx) {
    Params.userId(ctx)
        .compose(userId -> Bus.request(vertx, Addresses.STORE_ERASE_USER, new UserQuery(userId), timeout()))
        .onSuccess(erased -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> Responses.fail(ctx, "store", e));
  }

  /** {@code GET /v1/items?ids=a,b}: the catalog entries of up to 100 ids (unknown ids left out). */
  private void items(RoutingContext ctx) {
    String ids = ctx.queryParams().get("ids");
    List<String> list = ids == null || ids.isBlank() ? List.of() : List.of(ids.split(","));
    if (list.isEmpty() || list.size() > StoredItems.MAX_IDS) {
      Responses.error(ctx, 400, "bad_request", "ids: 1 to " + StoredItems.MAX_IDS + " item ids, comma-separated");
      return;
    }
    Bus.request(vertx, Addresses.STORE_ITEMS, new StoredItems.Query(list), timeout())
        .onSuccess(items -> Responses.json(ctx, 200, items.toJson()))
        .onFailure(e -> Responses.fail(ctx, "store", e));
  }

  private void similarItems(RoutingContext ctx) {
    Params.pathId(ctx, "itemId")
        .compose(itemId -> Params.intInRange(ctx, "k", 10, 1, 100).map(k -> new SimilarItems.Query(itemId, k)))
        .compose(query -> Bus.request(vertx, Addresses.SCORING_SIMILAR, query, timeout()))
        .onSuccess(similar -> Responses.json(ctx, 200, similar.toJson()))
        .onFailure(e -> Responses.fail(ctx, "scoring", e));
  }

  /** {@code GET /v1/search?q=&userId=&k=}: the catalog items matching the query, ordered for the user. */
  private void search(RoutingContext ctx) {
    Params.searchQuery(ctx)
        .compose(q -> Params.optionalId(ctx, "userId")
            .compose(userId -> Params.intInRange(ctx, "k", 10, 1, 100).map(k -> new SearchResults.Query(q, userId, k))))
        .compose(query -> Bus.request(vertx, Addresses.SCORING_SEARCH, query, timeout()))
        .onSuccess(found -> Responses.json(ctx, 200, found.toJson()))
        .onFailure(e -> Responses.fail(ctx, "scoring", e));
  }

  private void putItem(RoutingContext ctx) {
    Params.pathId(ctx, "itemId")
        .compose(itemId -> JsonBodies.object(ctx).compose(body -> {
          List<String> problems = CatalogItem.problems(itemId, body);
          return problems.isEmpty() ? Future.succeededFuture(CatalogItem.of(itemId, body))
              : Future.failedFuture(new Params.BadRequest(String.join("; ", problems)));
        }))
        .compose(item -> Bus.request(vertx, Addresses.STORE_ITEM_PUT, item, timeout()))
        .onSuccess(stored -> Responses.json(ctx, 200, stored.toJson()))
        .onFailure(e -> Responses.fail(ctx, "store", e));
  }

  /**
   * The registry, the active version, the version a scoring node serves, and the continuous
   * trainer's state when a training service runs (the last two left out when none answers
   * quickly). {@code active} and {@code served} differ while a scoring node starts or opens an
   * activated package, or when it could not: readiness is down then.
   */
  private void models(RoutingContext ctx) {
    Future<TrainingState> training = Bus.request(vertx, Addresses.TRAINING_STATUS, null, new DeliveryOptions().setSendTimeout(2_000))
        .otherwise((TrainingState) null);
    Future<String> served = Bus.request(vertx, Addresses.health("scoring"), null, new DeliveryOptions().setSendTimeout(2_000))
        .map(health -> health.getString("model"))
        .otherwise((String) null);
    Bus.request(vertx, Addresses.STORE_MODELS, null, timeout())
        .compose(registry -> Future.all(training, served).map(both -> {
          String active = registry.active().map(ModelEntry::version).orElse(null);
          JsonObject answer = registry.toJson().put("active", active);
          if (served.result() != null) {
            answer.put("served", served.result());
          }
          return training.result() == null ? answer : answer.put("training", training.result().toJson());
        }))
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(e -> Responses.fail(ctx, "store", e));
  }

  /** Registers a package directory that the scoring nodes can read: {@code {"path": "/models/x"}}. */
  private void registerModel(RoutingContext ctx) {
    JsonBodies.object(ctx)
        .compose(body -> {
          Object path = body.getValue("path");
          if (!(path instanceof String p) || p.isBlank() || body.size() != 1) {
            return Future.failedFuture(new Params.BadRequest("path: required, the only field, a package directory as a string"));
          }
          return Future.succeededFuture(p);
        })
        .compose(path -> Bus.request(vertx, Addresses.SCORING_REGISTER, new PackagePath(path),
            new DeliveryOptions().setSendTimeout(MODEL_TIMEOUT_MS)))
        .onSuccess(entry -> Responses.json(ctx, 201, entry.toJson()))
        .onFailure(e -> Responses.fail(ctx, "scoring", e));
  }

  /** Starts a retrain from the live store now; 202 with the training state. */
  private void retrain(RoutingContext ctx) {
    Bus.request(vertx, Addresses.TRAINING_RUN, null, timeout())
        .onSuccess(state -> Responses.json(ctx, 202, state.toJson()))
        .onFailure(e -> Responses.fail(ctx, "training", e));
  }

  private void activateModel(RoutingContext ctx) {
    Params.pathId(ctx, "version")
        .compose(version -> Bus.request(vertx, Addresses.SCORING_ACTIVATE, new ModelVersion(version),
            new DeliveryOptions().setSendTimeout(MODEL_TIMEOUT_MS)))
        .onSuccess(entry -> Responses.json(ctx, 200, entry.toJson()))
        .onFailure(e -> Responses.fail(ctx, "scoring", e));
  }

  // ---- experiments ----

  private void createExperiment(RoutingContext ctx) {
    JsonBodies.object(ctx)
        .compose(body -> {
          try {
            return Future.succeededFuture(Experiment.fromRequest(body));
          } catch (IllegalArgumentException e) {
            return Future.failedFuture(new Params.BadRequest(e.getMessage()));
          }
        })
        .compose(experiment -> Bus.request(vertx, Addresses.STORE_EXPERIMENT_CREATE, experiment, timeout()))
        .onSuccess(created -> Responses.json(ctx, 201, created.toJson()))
        .onFailure(e -> Responses.fail(ctx, "store", e));
  }

  private void experiments(RoutingContext ctx) {
    Bus.request(vertx, Addresses.STORE_EXPERIMENTS, null, timeout())
        .onSuccess(list -> Responses.json(ctx, 200, list.toJson()))
        .onFailure(e -> Responses.fail(ctx, "store", e));
  }

  /** The experiment and, once it has started, its per-variant results from the metrics service. */
  private void experiment(RoutingContext ctx) {
    Params.pathId(ctx, "id")
        .compose(id -> Bus.request(vertx, Addresses.STORE_EXPERIMENT, new ExperimentId(id), timeout())
            .recover(e -> Future.failedFuture(new ServiceFailure("store", e))))
        .compose(experiment -> Experiment.DRAFT.equals(experiment.status())
            ? Future.succeededFuture(experiment.toJson().putNull("results"))
            : Bus.request(vertx, Addresses.METRICS_EXPERIMENT, experiment, timeout())
                .map(results -> experiment.toJson().put("results", results))
                .recover(e -> Future.failedFuture(new ServiceFailure("metrics", e))))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(e -> {
          if (e instanceof ServiceFailure failure) {
            Responses.fail(ctx, failure.service, failure.getCause());
          } else {
            Responses.fail(ctx, "store", e);
          }
        });
  }

  /** Which service a chained request failed in, so the error names it. */
  private static final class ServiceFailure extends RuntimeException {
    final String service;

    ServiceFailure(String service, Throwable cause) {
      super(cause.getMessage(), cause, false, false);
      this.service = service;
    }
  }

  /** Opens the variants' models on a scoring node, then marks the experiment running everywhere. */
  private void startExperiment(RoutingContext ctx) {
    Params.pathId(ctx, "id")
        .compose(id -> Bus.request(vertx, Addresses.SCORING_EXPERIMENT_START, new ExperimentId(id),
            new DeliveryOptions().setSendTimeout(MODEL_TIMEOUT_MS)))
        .onSuccess(started -> Responses.json(ctx, 200, started.toJson()))
        .onFailure(e -> Responses.fail(ctx, "scoring", e));
  }

  private void stopExperiment(RoutingContext ctx) {
    Params.pathId(ctx, "id")
        .compose(id -> Bus.request(vertx, Addresses.STORE_EXPERIMENT, new ExperimentId(id, Experiment.STOPPED), timeout()))
        .onSuccess(stopped -> Responses.json(ctx, 200, stopped.toJson()))
        .onFailure(e -> Responses.fail(ctx, "store", e));
  }

  /** The newest pushes this gateway saw, newest first: what the dashboard shows before the firehose has sent any. */
  private void recentPushes(RoutingContext ctx) {
    Params.intInRange(ctx, "limit", 50, 1, LiveFeed.RECENT_KEPT)
        .onSuccess(limit -> Responses.json(ctx, 200, new JsonObject().put("pushes", feed.recent(limit))))
        .onFailure(e -> Responses.fail(ctx, "gateway", e));
  }

  private void metricsSummary(RoutingContext ctx) {
    Bus.request(vertx, Addresses.METRICS_SUMMARY, null, timeout())
        .onSuccess(summary -> Responses.json(ctx, 200, summary))
        .onFailure(e -> Responses.busFailure(ctx, "metrics", e));
  }

  /** The persisted per-minute snapshots of the last {@code minutes} (default an hour), oldest first. */
  private void metricsHistory(RoutingContext ctx) {
    Params.intInRange(ctx, "minutes", 60, 1, MetricsHistory.MAX_MINUTES)
        .compose(minutes -> Bus.request(vertx, Addresses.STORE_METRICS_HISTORY, new MetricsHistory.Query(minutes), timeout()))
        .onSuccess(history -> Responses.json(ctx, 200, history.toJson()))
        .onFailure(e -> Responses.fail(ctx, "store", e));
  }

  private void prometheus(RoutingContext ctx) {
    Bus.request(vertx, Addresses.METRICS_SCRAPE, null, timeout())
        .onSuccess(text -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
            .end(text))
        .onFailure(e -> Responses.busFailure(ctx, "metrics", e));
  }

  private static DeliveryOptions timeout() {
    return new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS);
  }
}
