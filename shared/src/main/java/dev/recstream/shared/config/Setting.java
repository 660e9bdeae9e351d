package dev.recstream.shared.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every setting recstream reads, with its file key, environment variable and rule (CONTRACT §5).
 * Values are parsed into the JSON types the {@link RecstreamConfig} record reads back.
 */
public enum Setting {
  HTTP_HOST("httpHost", Kind.HOST),
  HTTP_PORT("httpPort", Kind.PORT),
  PG_URL("pgUrl", Kind.PG_URL),
  PG_POOL_SIZE("pgPoolSize", Kind.POSITIVE_INT),
  KAFKA_BOOTSTRAP("kafkaBootstrap", Kind.HOST_PORT_LIST),
  KAFKA_GROUP_ID("kafkaGroupId", Kind.TEXT),
  CLUSTER_HOST("clusterHost", Kind.HOST),
  CLUSTER_PORT("clusterPort", Kind.PORT),
  CLUSTER_MEMBERS("clusterMembers", Kind.HOST_PORT_LIST),
  MODEL_DIR("modelDir", Kind.TEXT),
  STORE_BATCH_MAX("storeBatchMax", Kind.POSITIVE_INT),
  STORE_MAX_PENDING("storeMaxPending", Kind.POSITIVE_INT),
  /** Most items of one catalog category in a recommended list; 0 switches the cap off. */
  MAX_PER_CATEGORY("maxPerCategory", Kind.NON_NEGATIVE_INT),
  /**
   * Model calls a scoring node runs at once (its scoring lanes, each on a worker thread); default
   * the number of cores.
   */
  SCORING_THREADS("scoringThreads", Kind.POSITIVE_INT),
  /** Minutes between continuous retrains from the live store; 0 switches continuous training off. */
  RETRAIN_MINUTES("retrainMinutes", Kind.NON_NEGATIVE_INT),
  /**
   * Heap continuous training may plan to use, as a share of the maximum heap ({@code 50%}) or a
   * size ({@code 2g}); a retrain that would need more is skipped with its reason ({@link MemorySize}).
   */
  TRAINING_MEMORY("trainingMemory", Kind.MEMORY_SIZE),
  /**
   * API keys as {@code name:role[+role…]:sha256-hex} entries; none = the API is open (dev, or
   * run --insecure).
   */
  API_KEYS("apiKeys", Kind.API_KEY_LIST),
  /** Requests per second each API key may make (token bucket, bursts of twice that). */
  RATE_LIMIT("rateLimit", Kind.POSITIVE_INT),
  /** Origins allowed to call the API from a browser (CORS); none = CORS off. */
  CORS_ORIGINS("corsOrigins", Kind.ORIGIN_LIST),
  /** The root log level (TRACE … ERROR, OFF); applied by the command line once configuration is read. */
  LOG_LEVEL("logLevel", Kind.LOG_LEVEL);

  enum Kind { TEXT, HOST, PORT, POSITIVE_INT, NON_NEGATIVE_INT, API_KEY_LIST, ORIGIN_LIST, PG_URL, HOST_PORT_LIST, LOG_LEVEL, MEMORY_SIZE }

  private final String key;
  private final Kind kind;

  Setting(String key, Kind kind) {
    this.key = key;
    this.kind = kind;
  }

  /** The key in a configuration file, e.g. {@code httpPort}. */
  public String key() {
    return key;
  }

  /** The environment variable, e.g. {@code RECSTREAM_HTTP_PORT}. */
  public String envVar() {
    return "RECSTREAM_" + name();
  }

  Kind kind() {
    return kind;
  }

  public static Optional<Setting> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  public static Optional<Setting> byEnvVar(String name) {
    return Arrays.stream(values()).filter(s -> s.envVar().equals(name)).findFirst();
  }

  static List<String> envVars() {
    return Arrays.stream(values()).map(Setting::envVar).toList();
  }
}
