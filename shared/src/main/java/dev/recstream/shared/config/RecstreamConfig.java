package dev.recstream.shared.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The typed configuration of a recstream process, checked once at start-up by
 * {@link ConfigLoader}. Verticles receive it as their deployment config ({@link #toJson}) and read
 * it back with {@link #fromJson}.
 *
 * @param pgUrl null when no PostgreSQL is configured (only the store needs it)
 * @param kafkaBootstrap empty when no broker is configured (only ingestion needs it)
 * @param modelDir null when none is configured
 * @param logLevel the root log level, null to keep the logging configuration's own
 */
public record RecstreamConfig(
    String httpHost,
    int httpPort,
    String pgUrl,
    int pgPoolSize,
    List<String> kafkaBootstrap,
    String kafkaGroupId,
    String clusterHost,
    int clusterPort,
    List<String> clusterMembers,
    String modelDir,
    int storeBatchMax,
    int storeMaxPending,
    int maxPerCategory,
    int scoringThreads,
    int retrainMinutes,
    String trainingMemory,
    List<String> apiKeys,
    int rateLimit,
    List<String> corsOrigins,
    String logLevel) {

  public RecstreamConfig {
    kafkaBootstrap = List.copyOf(kafkaBootstrap);
    clusterMembers = List.copyOf(clusterMembers);
    apiKeys = List.copyOf(apiKeys);
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** The defaults: everything a single local process needs except the database and broker. */
  public static JsonObject defaults() {
    return new JsonObject()
        .put(Setting.HTTP_HOST.key(), "0.0.0.0")
        .put(Setting.HTTP_PORT.key(), 8080)
        .put(Setting.PG_POOL_SIZE.key(), 8)
        .put(Setting.KAFKA_BOOTSTRAP.key(), new JsonArray())
        .put(Setting.KAFKA_GROUP_ID.key(), "recstream-ingestion")
        .put(Setting.CLUSTER_HOST.key(), "127.0.0.1")
        .put(Setting.CLUSTER_PORT.key(), 5701)
        .put(Setting.CLUSTER_MEMBERS.key(), new JsonArray())
        .put(Setting.STORE_BATCH_MAX.key(), 1000)
        .put(Setting.STORE_MAX_PENDING.key(), 20_000)
        .put(Setting.MAX_PER_CATEGORY.key(), 3)
        .put(Setting.SCORING_THREADS.key(), Runtime.getRuntime().availableProcessors())
        .put(Setting.RETRAIN_MINUTES.key(), 360)
        .put(Setting.TRAINING_MEMORY.key(), "50%")
        .put(Setting.API_KEYS.key(), new JsonArray())
        .put(Setting.RATE_LIMIT.key(), 1000)
        .put(Setting.CORS_ORIGINS.key(), new JsonArray());
  }

  public String kafkaBootstrapServers() {
    return String.join(",", kafkaBootstrap);
  }

  public RecstreamConfig withHttpPort(int port) {
    return new RecstreamConfig(httpHost, port, pgUrl, pgPoolSize, kafkaBootstrap, kafkaGroupId, clusterHost,
        clusterPort, clusterMembers, modelDir, storeBatchMax, storeMaxPending, maxPerCategory, scoringThreads, retrainMinutes, trainingMemory, apiKeys, rateLimit, corsOrigins, logLevel);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put(Setting.HTTP_HOST.key(), httpHost)
        .put(Setting.HTTP_PORT.key(), httpPort)
        .put(Setting.PG_URL.key(), pgUrl)
        .put(Setting.PG_POOL_SIZE.key(), pgPoolSize)
        .put(Setting.KAFKA_BOOTSTRAP.key(), new JsonArray(kafkaBootstrap))
        .put(Setting.KAFKA_GROUP_ID.key(), kafkaGroupId)
        .put(Setting.CLUSTER_HOST.key(), clusterHost)
        .put(Setting.CLUSTER_PORT.key(), clusterPort)
        .put(Setting.CLUSTER_MEMBERS.key(), new JsonArray(clusterMembers))
        .put(Setting.MODEL_DIR.key(), modelDir)
        .put(Setting.STORE_BATCH_MAX.key(), storeBatchMax)
        .put(Setting.STORE_MAX_PENDING.key(), storeMaxPending)
        .put(Setting.MAX_PER_CATEGORY.key(), maxPerCategory)
        .put(Setting.SCORING_THREADS.key(), scoringThreads)
        .put(Setting.RETRAIN_MINUTES.key(), retrainMinutes)
        .put(Setting.TRAINING_MEMORY.key(), trainingMemory)
        .put(Setting.API_KEYS.key(), new JsonArray(apiKeys))
        .put(Setting.RATE_LIMIT.key(), rateLimit)
        .put(Setting.CORS_ORIGINS.key(), new JsonArray(corsOrigins))
        .put(Setting.LOG_LEVEL.key(), logLevel);
    return json;
  }

  /**
   * Reads a deployment config back; a setting it lacks takes its value from {@link #defaults()},
   * the one place each default lives (a verticle deployed without configuration in a test gets
   * the same defaults as a configured process).
   */
  public static RecstreamConfig fromJson(JsonObject config) {
    JsonObject json = defaults().mergeIn(config == null ? new JsonObject() : config);
    return new RecstreamConfig(
        json.getString(Setting.HTTP_HOST.key()),
        json.getInteger(Setting.HTTP_PORT.key()),
        json.getString(Setting.PG_URL.key()),
        json.getInteger(Setting.PG_POOL_SIZE.key()),
        strings(json.getJsonArray(Setting.KAFKA_BOOTSTRAP.key())),
        json.getString(Setting.KAFKA_GROUP_ID.key()),
        json.getString(Setting.CLUSTER_HOST.key()),
        json.getInteger(Setting.CLUSTER_PORT.key()),
        strings(json.getJsonArray(Setting.CLUSTER_MEMBERS.key())),
        json.getString(Setting.MODEL_DIR.key()),
        json.getInteger(Setting.STORE_BATCH_MAX.key()),
        json.getInteger(Setting.STORE_MAX_PENDING.key()),
        json.getInteger(Setting.MAX_PER_CATEGORY.key()),
        json.getInteger(Setting.SCORING_THREADS.key()),
        json.getInteger(Setting.RETRAIN_MINUTES.key()),
        json.getString(Setting.TRAINING_MEMORY.key()),
        strings(json.getJsonArray(Setting.API_KEYS.key())),
        json.getInteger(Setting.RATE_LIMIT.key()),
        strings(json.getJsonArray(Setting.CORS_ORIGINS.key())),
        json.getString(Setting.LOG_LEVEL.key()));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
