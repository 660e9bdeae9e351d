package dev.recstream.bench.search;

import dev.recstream.bench.search.BeautyCatalog.Product;
import dev.recstream.bench.search.Histories.History;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Search latency under open-loop load against a running recstream (issue #14), in two phases with
 * the same requests: on the empty server (the floor of HTTP, the event bus and an empty search),
 * then after loading a beauty catalog and users' histories over HTTP.
 *
 * <p>Steps: probe {@code GET /v1/search} (a 404 stops the run with a sentence naming the
 * endpoint); phase "empty"; put the catalog, send the histories, wait until search finds the
 * catalog; phase "catalog"; report. One {@link QueryMix} serves both phases, so a long-tail query
 * of the first phase is never asked again in the second.
 */
@Command(name = "search-load", mixinStandardHelpOptions = true,
    description = "Measure GET /v1/search latency at a fixed rate on the empty server, then over a loaded catalog.")
public final class SearchLoad implements Callable<Integer> {
  /** Connections the measuring client may open: enough that the client never queues requests itself. */
  private static final int MEASURE_POOL = 1_024;

  @Option(names = "--http", defaultValue = "http://127.0.0.1:8080", description = "gateway base URL (default ${DEFAULT-VALUE})")
  String http;
  @Option(names = "--rate", defaultValue = "500", description = "search requests per second (default ${DEFAULT-VALUE})")
  int rate;
  @Option(names = "--seconds", defaultValue = "60", description = "counted seconds per phase (default ${DEFAULT-VALUE})")
  int seconds;
  @Option(names = "--warmup", defaultValue = "30", description = "uncounted seconds at the same rate before each phase (default ${DEFAULT-VALUE})")
  int warmup;
  @Option(names = "--items", defaultValue = "12000", description = "catalog size (default ${DEFAULT-VALUE})")
  int items;
  @Option(names = "--users", defaultValue = "2000", description = "users with history (default ${DEFAULT-VALUE})")
  int users;
  @Option(names = "--seed", defaultValue = "42", description = "seed of catalog, histories and queries (default ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--out", description = "directory for results.json and results.md")
  Path out;
  @Option(names = "--skip-empty", description = "leave out the empty-server phase")
  boolean skipEmpty;
  @Option(names = "--ready-timeout", defaultValue = "600",
      description = "seconds to wait after loading until search finds the catalog (default ${DEFAULT-VALUE})")
  int readyTimeout;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SearchLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SearchOptions options;
    try {
      options = new SearchOptions(http, rate, seconds, warmup, items, users, seed, out, skipEmpty, readyTimeout);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    SearchReport report;
    try {
      report = run(options);
    } catch (IllegalStateException e) {
      System.err.println("search: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      // One sentence for the operator, not a stack trace: usually the system is not running there.
      System.err.println("search: the run failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + " (is recstream running at " + options.httpUrl() + "?)");
      return 1;
    }
    System.out.print(report.toMarkdown());
    return 0;
  }

  /** One run: probe, empty phase, load, catalog phase, report (and write files if asked). */
  public static SearchReport run(SearchOptions o) throws Exception {
    List<Product> catalog = BeautyCatalog.generate(o.items(), o.seed());
    History history = Histories.generate(catalog, o.users(), UUID.randomUUID().toString().substring(0, 8), o.seed() + 1);
    SearchRequests requests = new SearchRequests(new QueryMix(catalog, o.seed() + 2), history.userIds(), o.seed() + 3);
    Vertx vertx = Vertx.vertx();
    try {
      WebClient setupClient = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(ShopLoader.ITEMS_IN_FLIGHT));
      WebClient measureClient = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(MEASURE_POOL));
      ShopLoader loader = new ShopLoader(vertx, setupClient, o.httpUrl());
      int probeItems = loader.search(ShopLoader.PROBE_QUERY).size();
      PhaseResult empty = null;
      if (!o.skipEmpty()) {
        if (probeItems > 0) {
          System.err.println("search: the server already finds " + probeItems + " items for \"" + ShopLoader.PROBE_QUERY
              + "\": the empty phase is not empty (start from a fresh --data-dir, or pass --skip-empty)");
        }
        empty = phase("empty", o, measureClient, requests);
      }
      SearchReport.Setup setup = load(o, loader, catalog, history);
      PhaseResult loaded = phase("catalog", o, measureClient, requests);
      SearchReport report = new SearchReport(o, setup, empty, loaded, probeItems);
      if (o.out() != null) {
        report.write(o.out());
      }
      return report;
    } finally {
      closeQuietly(vertx);
    }
  }

  private static PhaseResult phase(String name, SearchOptions o, WebClient client, SearchRequests requests)
      throws InterruptedException {
    System.err.printf("search: phase %s, %d req/s for %d s after %d s warm-up%n", name, o.rate(), o.seconds(), o.warmupSeconds());
    return new OpenLoopSearch(client, o.httpUrl(), SearchOptions.K).run(name, requests, o.rate(), o.warmupSeconds(), o.seconds());
  }

  private static SearchReport.Setup load(SearchOptions o, ShopLoader loader, List<Product> catalog, History history)
      throws Exception {
    System.err.printf("search: putting %,d items%n", catalog.size());
    double putSeconds = loader.putCatalog(catalog);
    System.err.printf("search: sending %,d events of %,d users%n", history.events().size(), history.userIds().size());
    double eventSeconds = loader.sendEvents(history.events());
    System.err.println("search: waiting until search finds the catalog");
    ShopLoader.Readiness ready = loader.awaitSearchable(catalog, o.readySeconds());
    long unavailable = catalog.stream().filter(p -> !p.available()).count();
    return new SearchReport.Setup(catalog.size(), unavailable, putSeconds, history.userIds().size(),
        history.events().size(), history.searches(), eventSeconds, ready.seconds(), ready.indexed());
  }

  private static void closeQuietly(Vertx vertx) throws InterruptedException {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      System.err.println("search: the client did not close within 10 s (" + e + "); the run's figures stand");
    }
  }
}
