package dev.recstream.bench.baseline;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Open-loop {@code GET /v1/users/{id}/recommendations} against a running gateway, users drawn
 * uniformly from a list: recstream's read path measured exactly as {@link HttpBaseline} measures an
 * empty Vert.x server, so the two can be put side by side. Unknown users are not an error: they
 * get a cold list (CONTRACT §2), so any non-2xx answer is counted as one.
 */
public final class GetLoad {
  /** Connections to the gateway: enough that a slow answer does not hold back the next tick's requests. */
  static final int POOL_SIZE = 64;

  private GetLoad() {}

  /** {@code load-get-u0 … load-get-u{n-1}}, the users a run reads when none are given. */
  public static List<String> defaultUserIds(int n) {
    return IntStream.range(0, n).mapToObj(i -> "load-get-u" + i).toList();
  }

  /**
   * One run after a short warm-up at the same rate ({@link OpenLoopGet#warmUp}); blocks the calling
   * thread for the warm-up, {@code seconds}, and until the last answer.
   *
   * @param baseUrl gateway base URL, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey Bearer key, or null when the system is open
   * @param userIds the users to read, drawn uniformly; null for {@link #defaultUserIds} of 1,000
   * @param rate requests per second, on a fixed clock (open loop)
   * @param seconds how long to send
   */
  public static GetLoadResult run(String baseUrl, String apiKey, List<String> userIds, int rate, int seconds)
      throws Exception {
    if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw new IllegalArgumentException("baseUrl: must be an http:// or https:// URL, got " + baseUrl);
    }
    if (rate <= 0 || seconds <= 0) {
      throw new IllegalArgumentException("rate and seconds: must be 1 or more, got " + rate + " and " + seconds);
    }
    List<String> users = userIds == null ? defaultUserIds(1000) : userIds;
    if (users.isEmpty()) {
      throw new IllegalArgumentException("userIds: must name at least one user");
    }
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    List<String> urls = users.stream().map(id -> base + "/v1/users/" + pathSegment(id) + "/recommendations").toList();
    Random random = new Random();
    Vertx vertx = Vertx.vertx();
    try {
      WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(POOL_SIZE));
      Supplier<String> next = () -> urls.get(random.nextInt(urls.size()));
      OpenLoopGet.warmUp(client, apiKey, next, rate, seconds);
      return new OpenLoopGet(client, apiKey).run(next, rate, seconds);
    } finally {
      Blocking.await(vertx.close(), 10);
    }
  }

  private static String pathSegment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
