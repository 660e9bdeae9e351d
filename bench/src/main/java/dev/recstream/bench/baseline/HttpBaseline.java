package dev.recstream.bench.baseline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ceiling of an HTTP read on this box: a Vert.x HTTP server in this JVM whose handler does
 * nothing but answer 200 with a small fixed JSON body, measured (a) with the same open-loop GET
 * client that {@link GetLoad} points at the gateway and (b) flat out, closed loop, with a number
 * of connections each sending its next request as soon as the previous answer arrives.
 *
 * <p>Server and client get a Vert.x instance each, so that their event loops are not shared (the
 * gateway never shares its event loop with its callers either). The server is one instance on one
 * event loop, as the gateway is.
 */
public final class HttpBaseline {
  public static final int DEFAULT_RATE = 2_000;
  public static final int DEFAULT_SECONDS = 10;
  public static final int DEFAULT_CONNECTIONS = 64;
  /** What the gateway answers for a cold user with no items, give or take. */
  static final String BODY = "{\"userId\":\"u\",\"items\":[]}";

  private HttpBaseline() {}

  /**
   * @param openLoop the open-loop run at the target rate
   * @param connections concurrent requests of the closed-loop run
   * @param saturationRequests answers of the closed-loop run, errors included
   * @param saturationErrors non-200 answers and failures of the closed-loop run
   * @param saturationPerSecond answers per second of the closed-loop run
   */
  public record Result(GetLoadResult openLoop, int connections, long saturationRequests, long saturationErrors,
      double saturationPerSecond) implements BaselineResult {
    @Override
    public String name() {
      return "http";
    }

    @Override
    public List<Figure> figures() {
      List<Figure> figures = new ArrayList<>(openLoop.figures("open loop "));
      figures.add(new Figure("saturation (" + connections + " connections, closed loop)", saturationPerSecond, "req/s"));
      figures.add(new Figure("saturation errors", saturationErrors, "requests"));
      return figures;
    }
  }

  /**
   * Starts the server, runs the open loop at {@code rate} for {@code seconds}, then the closed loop
   * with {@code connections} for {@code seconds}, and closes everything. Blocks the calling thread.
   */
  public static Result run(int rate, int seconds, int connections) throws Exception {
    Vertx serverVertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx();
    try {
      HttpServer server = Blocking.await(
          serverVertx.createHttpServer().requestHandler(HttpBaseline::answer).listen(0, "127.0.0.1"), 30);
      String url = "http://127.0.0.1:" + server.actualPort() + "/v1/users/u/recommendations";
      WebClient openLoopClient = WebClient.create(clientVertx, new WebClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(GetLoad.POOL_SIZE));
      OpenLoopGet.warmUp(openLoopClient, null, () -> url, rate, seconds);
      GetLoadResult openLoop = new OpenLoopGet(openLoopClient, null).run(() -> url, rate, seconds);
      openLoopClient.close();
      return saturate(clientVertx, url, openLoop, connections, seconds);
    } finally {
      // The client first, so that the server does not see its connections reset mid-request.
      Blocking.await(clientVertx.close(), 10);
      Blocking.await(serverVertx.close(), 10);
    }
  }

  private static void answer(HttpServerRequest request) {
    request.response().putHeader("Content-Type", "application/json").end(BODY);
  }

  private static Result saturate(Vertx vertx, String url, GetLoadResult openLoop, int connections, int seconds)
      throws Exception {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections));
    LongAdder answers = new LongAdder();
    LongAdder errors = new LongAdder();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Promise<Void> done = Promise.promise();
      loop(client, url, end, answers, errors, done);
      loops.add(done.future());
    }
    Blocking.await(Future.all(loops), seconds + OpenLoopGet.REQUEST_TIMEOUT_MILLIS / 1000 + 5);
    double elapsed = (System.nanoTime() - start) / 1e9;
    client.close();
    return new Result(openLoop, connections, answers.sum(), errors.sum(), answers.sum() / elapsed);
  }

  /** One closed loop: the next request leaves when the previous answer is in, until {@code endNanos}. */
  private static void loop(WebClient client, String url, long endNanos, LongAdder answers, LongAdder errors,
      Promise<Void> done) {
    if (System.nanoTime() >= endNanos) {
      done.complete();
      return;
    }
    client.getAbs(url).timeout(OpenLoopGet.REQUEST_TIMEOUT_MILLIS).send().onComplete(ar -> {
      answers.increment();
      if (ar.failed() || ar.result().statusCode() != 200) {
        errors.increment();
      }
      loop(client, url, endNanos, answers, errors, done);
    });
  }
}
