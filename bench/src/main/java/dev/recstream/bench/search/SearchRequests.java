package dev.recstream.bench.search;

import dev.recstream.bench.search.QueryMix.Query;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The search requests of a phase, seeded: a query from the {@link QueryMix} and, for {@value
 * #WITH_USER_SHARE} of them, a user with history drawn uniformly (the rest ask without a
 * {@code userId}, as a visitor who is not signed in).
 *
 * <p>Not thread-safe: the sender thread owns it.
 */
final class SearchRequests {
  static final double WITH_USER_SHARE = 0.70;

  /**
   * One request.
   *
   * @param userId null for a request without a user
   */
  record SearchRequest(String query, QueryMix.QueryKind kind, String userId) {
    /** {@code GET /v1/search?q=…&userId=…&k=…} as an absolute URL. */
    String url(String baseUrl, int k) {
      StringBuilder b = new StringBuilder(baseUrl).append("/v1/search?q=").append(encode(query));
      if (userId != null) {
        b.append("&userId=").append(encode(userId));
      }
      return b.append("&k=").append(k).toString();
    }
  }

  private final QueryMix queries;
  private final List<String> users;
  private final Random random;

  /** @param users the users with history; empty means every request goes without one */
  SearchRequests(QueryMix queries, List<String> users, long seed) {
    this.queries = queries;
    this.users = List.copyOf(users);
    this.random = new Random(seed);
  }

  SearchRequest next() {
    Query q = queries.next();
    String user = !users.isEmpty() && random.nextDouble() < WITH_USER_SHARE ? users.get(random.nextInt(users.size())) : null;
    return new SearchRequest(q.text(), q.kind(), user);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
