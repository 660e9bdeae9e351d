package dev.recstream.bench.load;

import java.nio.file.Path;

/**
 * What one load run does. A record rather than picocli fields so that tests can build one without
 * a command line; {@link #of} fills in the defaults the command line uses.
 *
 * @param httpUrl gateway base URL, e.g. {@code http://127.0.0.1:8080}; always used for the live feed
 * @param kafkaBootstrap {@code host:port} to send events through Kafka, or null for HTTP
 * @param rate events per second, kept on a fixed clock (open loop)
 * @param seconds how long to send
 * @param users distinct users driven (all of them are followed over the live feed)
 * @param items catalog size; popularity is Zipf-distributed
 * @param apiKey Bearer key, or null when the system is open
 * @param graceSeconds how long to wait after the last send for the remaining pushes
 * @param seed random seed of the workload (same seed, same event sequence)
 * @param out directory for results.json and results.md, or null to write nothing
 * @param replay a dataset in the sequences format whose users' item sequences the driven users
 *     replay, or null for synthetic Zipf items ({@code items} is then the catalog size)
 * @param perConnection users followed per WebSocket connection (the gateway allows up to 1,000)
 */
public record LoadOptions(String httpUrl, String kafkaBootstrap, int rate, int seconds, int users, int items,
    String apiKey, int graceSeconds, long seed, Path out, Path replay, int perConnection) {
  /** Users per live-feed connection unless told otherwise: the size the issue measured with. */
  public static final int DEFAULT_PER_CONNECTION = 500;

  public LoadOptions {
    if (httpUrl == null || !(httpUrl.startsWith("http://") || httpUrl.startsWith("https://"))) {
      throw new IllegalArgumentException("--http: must be an http:// or https:// URL, got " + httpUrl);
    }
    httpUrl = httpUrl.endsWith("/") ? httpUrl.substring(0, httpUrl.length() - 1) : httpUrl;
    positive("--rate", rate);
    positive("--seconds", seconds);
    positive("--users", users);
    positive("--items", items);
    positive("--per-connection", perConnection);
    if (graceSeconds < 0) {
      throw new IllegalArgumentException("--grace: must be 0 or more");
    }
    if (replay != null && !java.nio.file.Files.isRegularFile(replay)) {
      throw new IllegalArgumentException("--replay: no such file " + replay.toAbsolutePath().normalize()
          + " (the public datasets are not in the repository; see \"Datasets\" in README.md)");
    }
  }

  /** HTTP intake, 1,000 users, 10,000 items, 10 s grace, no key, no output files, 500 users per connection. */
  public static LoadOptions of(String httpUrl, int rate, int seconds) {
    return new LoadOptions(httpUrl, null, rate, seconds, 1000, 10_000, null, 10, 42L, null, null,
        DEFAULT_PER_CONNECTION);
  }

  public LoadOptions withKafka(String bootstrap) {
    return new LoadOptions(httpUrl, bootstrap, rate, seconds, users, items, apiKey, graceSeconds, seed, out, replay,
        perConnection);
  }

  public LoadOptions withUsers(int n) {
    return new LoadOptions(httpUrl, kafkaBootstrap, rate, seconds, n, items, apiKey, graceSeconds, seed, out, replay,
        perConnection);
  }

  public LoadOptions withGrace(int s) {
    return new LoadOptions(httpUrl, kafkaBootstrap, rate, seconds, users, items, apiKey, s, seed, out, replay,
        perConnection);
  }

  public LoadOptions withOut(Path dir) {
    return new LoadOptions(httpUrl, kafkaBootstrap, rate, seconds, users, items, apiKey, graceSeconds, seed, dir, replay,
        perConnection);
  }

  public LoadOptions withReplay(Path dataset) {
    return new LoadOptions(httpUrl, kafkaBootstrap, rate, seconds, users, items, apiKey, graceSeconds, seed, out, dataset,
        perConnection);
  }

  public LoadOptions withPerConnection(int n) {
    return new LoadOptions(httpUrl, kafkaBootstrap, rate, seconds, users, items, apiKey, graceSeconds, seed, out, replay, n);
  }

  /** "http" or "kafka": which intake the events go through. */
  public String transport() {
    return kafkaBootstrap == null ? "http" : "kafka";
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": must be 1 or more, got " + value);
    }
  }
}
