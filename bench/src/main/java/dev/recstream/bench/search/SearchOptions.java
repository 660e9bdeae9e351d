package dev.recstream.bench.search;

import java.nio.file.Path;

/**
 * What one search load run does. A record rather than picocli fields so that tests can build one
 * without a command line; {@link #of} fills in the command line's defaults.
 *
 * @param httpUrl gateway base URL, e.g. {@code http://127.0.0.1:8080}
 * @param rate search requests per second, on a fixed clock (open loop)
 * @param seconds how long each phase is counted
 * @param warmupSeconds how long each phase sends at the same rate before counting starts
 * @param items catalog size
 * @param users users with history; 70 % of the requests name one of them
 * @param seed seed of the catalog, the histories and the queries (same seed, same requests)
 * @param out directory for results.json and results.md, or null to write nothing
 * @param skipEmpty true to leave out the empty-server phase (e.g. when the catalog is already loaded)
 * @param readySeconds how long to wait, after loading, for search to return the catalog's items
 */
public record SearchOptions(String httpUrl, int rate, int seconds, int warmupSeconds, int items, int users, long seed,
    Path out, boolean skipEmpty, int readySeconds) {
  /** Results per request: what a search page shows. */
  public static final int K = 10;

  public SearchOptions {
    if (httpUrl == null || !(httpUrl.startsWith("http://") || httpUrl.startsWith("https://"))) {
      throw new IllegalArgumentException("--http: must be an http:// or https:// URL, got " + httpUrl);
    }
    httpUrl = httpUrl.endsWith("/") ? httpUrl.substring(0, httpUrl.length() - 1) : httpUrl;
    positive("--rate", rate);
    positive("--seconds", seconds);
    positive("--items", items);
    positive("--users", users);
    positive("--ready-timeout", readySeconds);
    if (warmupSeconds < 0) {
      throw new IllegalArgumentException("--warmup: must be 0 or more, got " + warmupSeconds);
    }
  }

  /** Issue #14's run: 60 s after 30 s of warm-up per phase, 12,000 items, 2,000 users, seed 42, no files. */
  public static SearchOptions of(String httpUrl, int rate) {
    return new SearchOptions(httpUrl, rate, 60, 30, 12_000, 2_000, 42L, null, false, 600);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": must be 1 or more, got " + value);
    }
  }
}
