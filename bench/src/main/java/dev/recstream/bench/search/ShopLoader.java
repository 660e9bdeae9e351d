package dev.recstream.bench.search;

import dev.recstream.bench.search.BeautyCatalog.Product;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the run asks of the server besides the measured searches: probing {@code GET
 * /v1/search}, loading the catalog with {@code PUT /v1/items/{id}} ({@value #ITEMS_IN_FLIGHT}
 * requests in flight), sending the histories to {@code POST /v1/events} ({@value #EVENTS_PER_POST}
 * a request, {@value #POSTS_IN_FLIGHT} in flight), and waiting until search finds the catalog.
 * Each step fails with a sentence that names the request and what the server answered.
 *
 * <p>Calls block the calling thread, which must not be an event loop.
 */
final class ShopLoader {
  static final int ITEMS_IN_FLIGHT = 32;
  static final int EVENTS_PER_POST = 500;
  static final int POSTS_IN_FLIGHT = 4;
  /** The probe query: the catalog is searchable once it finds items. */
  static final String PROBE_QUERY = "lipstick";
  private static final long REQUEST_TIMEOUT_MILLIS = 30_000;
  private static final int BUSY_RETRIES = 10;
  private static final long POLL_MILLIS = 500;
  private static final Pattern INDEXED = Pattern.compile("(\\d+) items indexed");

  private final Vertx vertx;
  private final WebClient client;
  private final String baseUrl;

  ShopLoader(Vertx vertx, WebClient client, String baseUrl) {
    this.vertx = vertx;
    this.client = client;
    this.baseUrl = baseUrl;
  }

  /**
   * The item ids {@code GET /v1/search?q=…&k=10} returns, best first.
   *
   * @throws IllegalStateException naming the endpoint when the server has no search (404) or fails
   */
  List<String> search(String query) throws Exception {
    String path = "/v1/search?q=" + SearchRequests.encode(query) + "&k=" + SearchOptions.K;
    HttpResponse<Buffer> r = await(client.getAbs(baseUrl + path).timeout(REQUEST_TIMEOUT_MILLIS).send(), REQUEST_TIMEOUT_MILLIS);
    if (r.statusCode() == 404) {
      throw new IllegalStateException("GET " + path + " answered 404: the server at " + baseUrl
          + " has no search endpoint (GET /v1/search, issue #14); nothing was measured");
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + snippet(r));
    }
    JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
    if (items == null) {
      throw new IllegalStateException("GET " + path + " answered 200 without an items array: " + snippet(r));
    }
    List<String> ids = new ArrayList<>(items.size());
    items.forEach(item -> ids.add(((JsonObject) item).getString("itemId")));
    return ids;
  }

  /** Puts every item; returns the seconds it took. */
  double putCatalog(List<Product> catalog) throws Exception {
    long start = System.nanoTime();
    inParallel(catalog.size(), ITEMS_IN_FLIGHT, i -> putItem(catalog.get(i)), catalog.size() * 2L + 60);
    return (System.nanoTime() - start) / 1e9;
  }

  /** Posts the events in order, a few requests at a time; returns the seconds it took. */
  double sendEvents(List<JsonObject> events) throws Exception {
    long start = System.nanoTime();
    int posts = (events.size() + EVENTS_PER_POST - 1) / EVENTS_PER_POST;
    inParallel(posts, POSTS_IN_FLIGHT, p -> postEvents(
        events.subList(p * EVENTS_PER_POST, Math.min(events.size(), (p + 1) * EVENTS_PER_POST)), BUSY_RETRIES),
        posts * 30L + 60);
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Waits until search finds the catalog (the server computes item vectors after catalog changes,
   * in the background): polls {@value #PROBE_QUERY} until it finds items, then the exact title of
   * the last item put until search returns that item, then — when the server's readiness reports
   * it — until {@code "<n> items indexed"} covers the available items, since the text match can
   * find a title before its vector exists. Returns the seconds waited and the last count of
   * indexed items seen (null when the server does not report one). Only the first step fails the
   * run; the other two, which a server may legitimately never satisfy, warn when time runs out.
   *
   * @throws IllegalStateException when the probe finds nothing within {@code timeoutSeconds}
   */
  Readiness awaitSearchable(List<Product> catalog, int timeoutSeconds) throws Exception {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (search(PROBE_QUERY).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("GET /v1/search?q=" + PROBE_QUERY + " found no items " + timeoutSeconds
            + " s after " + catalog.size() + " items were put (are item vectors computed? see the server's log; "
            + "--ready-timeout waits longer)");
      }
      Thread.sleep(POLL_MILLIS);
    }
    Product last = lastAvailable(catalog);
    while (!search(last.title()).contains(last.itemId())) {
      if (System.nanoTime() > deadline) {
        System.err.println("search: the last item put (" + last.itemId() + ", \"" + last.title()
            + "\") is still not found by its own title; measuring anyway, the server may still be indexing");
        break;
      }
      Thread.sleep(POLL_MILLIS);
    }
    long available = catalog.stream().filter(Product::available).count();
    Integer indexed = indexedItems();
    while (indexed != null && indexed < available) {
      if (System.nanoTime() > deadline) {
        System.err.println("search: the server reports " + indexed + " items indexed of " + available
            + " available; measuring anyway");
        break;
      }
      Thread.sleep(POLL_MILLIS);
      indexed = indexedItems();
    }
    return new Readiness((System.nanoTime() - start) / 1e9, indexed);
  }

  /** How long search took to find the catalog, and the items the server said it had indexed (or null). */
  record Readiness(double seconds, Integer indexed) {}

  /**
   * {@code services.scoring.search.state} of {@code GET /health/ready} when it reads {@code "<n>
   * items indexed"}: not part of the search contract, so null whenever it is missing or different.
   */
  Integer indexedItems() {
    try {
      HttpResponse<Buffer> r = await(client.getAbs(baseUrl + "/health/ready").timeout(REQUEST_TIMEOUT_MILLIS).send(),
          REQUEST_TIMEOUT_MILLIS);
      JsonObject search = r.bodyAsJsonObject().getJsonObject("services", new JsonObject())
          .getJsonObject("scoring", new JsonObject()).getJsonObject("search", new JsonObject());
      Matcher m = INDEXED.matcher(search.getString("state", ""));
      return m.matches() ? Integer.valueOf(m.group(1)) : null;
    } catch (Exception e) {
      return null;
    }
  }

  private Future<Void> putItem(Product p) {
    String path = "/v1/items/" + SearchRequests.encode(p.itemId());
    return client.putAbs(baseUrl + path).timeout(REQUEST_TIMEOUT_MILLIS).sendJsonObject(p.toJson()).compose(r -> {
      if (r.statusCode() == 200) {
        return Future.succeededFuture();
      }
      String hint = r.statusCode() == 400 ? " (does the server take the catalog fields brand and attributes of issue #14?)" : "";
      return Future.failedFuture(new IllegalStateException("PUT " + path + " answered " + r.statusCode() + ": "
          + snippet(r) + hint));
    });
  }

  /** One batch; a 503 (intake busy, Retry-After 1) is retried after a second. */
  private Future<Void> postEvents(List<JsonObject> batch, int retries) {
    return client.postAbs(baseUrl + "/v1/events").timeout(REQUEST_TIMEOUT_MILLIS).sendJson(new JsonArray(new ArrayList<>(batch)))
        .compose(r -> {
          if (r.statusCode() == 503 && retries > 0) {
            Promise<Void> later = Promise.promise();
            vertx.setTimer(1_000, t -> postEvents(batch, retries - 1).onComplete(later));
            return later.future();
          }
          if (r.statusCode() != 202) {
            return Future.failedFuture(new IllegalStateException("POST /v1/events answered " + r.statusCode() + ": " + snippet(r)));
          }
          JsonArray rejected = r.bodyAsJsonObject().getJsonArray("rejected", new JsonArray());
          return rejected.isEmpty() ? Future.succeededFuture()
              : Future.failedFuture(new IllegalStateException("POST /v1/events rejected " + rejected.size() + " of "
                  + batch.size() + " events, e.g. " + rejected.getValue(0)));
        });
  }

  /**
   * Runs {@code task(0 … n-1)} with at most {@code inFlight} running at once, each worker taking
   * the next index when its task is done; fails with the first failure.
   */
  private void inParallel(int n, int inFlight, IntFunction<Future<Void>> task, long timeoutSeconds) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(n, inFlight); w++) {
      workers.add(worker(next, n, task));
    }
    await(Future.all(workers), TimeUnit.SECONDS.toMillis(timeoutSeconds));
  }

  private static Future<Void> worker(AtomicInteger next, int n, IntFunction<Future<Void>> task) {
    int i = next.getAndIncrement();
    return i >= n ? Future.succeededFuture() : task.apply(i).compose(v -> worker(next, n, task));
  }

  private static Product lastAvailable(List<Product> catalog) {
    for (int i = catalog.size() - 1; i > 0; i--) {
      if (catalog.get(i).available()) {
        return catalog.get(i);
      }
    }
    return catalog.get(0);
  }

  private static String snippet(HttpResponse<Buffer> r) {
    String body = r.bodyAsString();
    if (body == null) {
      return "(no body)";
    }
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }

  /** The future's value, or its own failure (not wrapped), or a timeout. */
  static <T> T await(Future<T> future, long millis) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
