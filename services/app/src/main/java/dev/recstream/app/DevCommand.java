package dev.recstream.app;

import dev.recstream.app.embedded.DataDirectoryLock;
import dev.recstream.app.embedded.EmbeddedKafkaBroker;
import dev.recstream.app.embedded.EmbeddedPostgresServer;
import dev.recstream.gateway.GatewayVerticle;
import dev.recstream.ingestion.Topics;
import dev.recstream.shared.config.ConfigLoader;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code recstream dev}: everything in one JVM on an embedded PostgreSQL and an embedded Kafka
 * broker, both real servers keeping their data under {@code --data-dir}, listening on 127.0.0.1.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Run everything in one JVM on an embedded PostgreSQL and Kafka (127.0.0.1 only).")
final class DevCommand implements Callable<Integer> {
  /** Partitions of the events topic: room for a few consumers of one group. */
  static final int EVENT_PARTITIONS = 4;
  /** Stand-ins for the servers' addresses while the rest of the configuration is checked. */
  private static final String PLACEHOLDER_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
  private static final String PLACEHOLDER_KAFKA = "127.0.0.1:9092";

  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node = new NodeOptions();

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./recstream-data",
      description = "Where the embedded servers keep their data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--pg-port", paramLabel = "N", defaultValue = "0", description = "PostgreSQL port (0 = any free port).")
  int pgPort;

  @Option(names = "--kafka-port", paramLabel = "N", defaultValue = "0", description = "Kafka port (0 = any free port).")
  int kafkaPort;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    List<Service> services = Service.parse(node.services);
    Path dir = dataDir.toAbsolutePath().normalize();
    // Every setting is checked before anything starts: a typo stops dev in well under a second.
    Logging.apply(config(dir, PLACEHOLDER_PG_URL, PLACEHOLDER_KAFKA).logLevel());
    Files.createDirectories(dir);
    // Taken before the servers start and released only when the process ends (by the OS, too,
    // after kill -9): whatever a killed dev left running on the directory is then ours to stop.
    DataDirectoryLock lock = DataDirectoryLock.acquire(dir);
    Shutdown shutdown = new Shutdown();

    CompletableFuture<EmbeddedPostgresServer> pg = CompletableFuture.supplyAsync(() -> startPostgres(dir));
    CompletableFuture<EmbeddedKafkaBroker> kafka = CompletableFuture.supplyAsync(() -> startKafka(dir));
    EmbeddedPostgresServer postgres = join(pg, kafka, pg);
    EmbeddedKafkaBroker broker = join(pg, kafka, kafka);
    broker.createTopics(Map.of(Topics.EVENTS, EVENT_PARTITIONS, Topics.EVENTS_DLQ, 1));

    RecstreamConfig config = config(dir, postgres.url(), broker.bootstrapServers());
    PrintWriter out = spec.commandLine().getOut();
    if (services.isEmpty()) {
      shutdown.then("embedded Kafka", () -> close(broker));
      shutdown.then("embedded PostgreSQL", () -> close(postgres));
      shutdown.then("data directory lock", () -> close(lock));
      out.println("RECSTREAM_PG_URL=" + postgres.url());
      out.println("RECSTREAM_KAFKA_BOOTSTRAP=" + broker.bootstrapServers());
      out.flush();
      shutdown.awaitStop();
      return 0;
    }
    Node running;
    try {
      running = Node.start(config, services, false).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Not left running for the next start to clean up: stop both servers, then report.
      close(broker);
      close(postgres);
      throw e;
    }
    shutdown.then("services", running::stop);
    shutdown.then("embedded Kafka", () -> close(broker));
    shutdown.then("embedded PostgreSQL", () -> close(postgres));
    shutdown.then("data directory lock", () -> close(lock));
    Integer port = (Integer) running.vertx().sharedData().getLocalMap(GatewayVerticle.LOCAL_MAP).get(GatewayVerticle.ACTUAL_PORT_KEY);
    printReady(out, config, port, postgres, broker, dir, (System.nanoTime() - started) / 1e9);
    shutdown.awaitStop();
    return 0;
  }

  /** Loopback only; packages live in (and are served from) the data directory's {@code models/}. */
  private static JsonObject devDefaults(Path dataDir) {
    return RecstreamConfig.defaults()
        .put(Setting.HTTP_HOST.key(), "127.0.0.1")
        .put(Setting.MODEL_DIR.key(), dataDir.resolve("models").toString());
  }

  /** The configuration, with the embedded servers' addresses winning over any others given. */
  private RecstreamConfig config(Path dir, String pgUrl, String kafkaBootstrap) {
    Map<Setting, Object> flags = node.flags();
    flags.put(Setting.PG_URL, pgUrl);
    flags.put(Setting.KAFKA_BOOTSTRAP, kafkaBootstrap);
    return ConfigLoader.load(devDefaults(dir), node.configFile, System.getenv(), flags);
  }

  private EmbeddedPostgresServer startPostgres(Path dir) {
    return EmbeddedPostgresServer.start(dir.resolve("postgres"), pgPort);
  }

  private EmbeddedKafkaBroker startKafka(Path dir) {
    return EmbeddedKafkaBroker.start(dir.resolve("kafka"), kafkaPort);
  }

  /** Waits for both servers; if one failed, stops the other before reporting. */
  private static <T> T join(CompletableFuture<EmbeddedPostgresServer> pg, CompletableFuture<EmbeddedKafkaBroker> kafka,
      CompletableFuture<T> wanted) {
    try {
      CompletableFuture.allOf(pg, kafka).join();
    } catch (RuntimeException e) {
      pg.thenAccept(EmbeddedPostgresServer::close);
      kafka.thenAccept(EmbeddedKafkaBroker::close);
      throw e;
    }
    return wanted.join();
  }

  private static Future<?> close(AutoCloseable server) {
    try {
      server.close();
      return Future.succeededFuture();
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private static void printReady(PrintWriter out, RecstreamConfig config, Integer port, EmbeddedPostgresServer pg,
      EmbeddedKafkaBroker kafka, Path dir, double seconds) {
    if (port != null) {
      String base = "http://" + config.httpHost() + ":" + port;
      out.printf("recstream dev is ready (%.1f s)%n", seconds);
      out.println("  REST API     " + base + "/v1   (POST /v1/events, GET /v1/users/{id}/recommendations)");
      out.println("  live feed    ws://" + config.httpHost() + ":" + port + "/v1/stream?userId=<id>");
      out.println("  health       " + base + "/health/ready");
      out.println("  metrics      " + base + "/metrics");
      out.println("  OpenAPI      " + base + "/openapi.yaml");
    } else {
      out.printf("recstream dev is ready without a gateway (%.1f s)%n", seconds);
    }
    out.println("  RECSTREAM_PG_URL=" + pg.url());
    out.println("  RECSTREAM_KAFKA_BOOTSTRAP=" + kafka.bootstrapServers());
    out.println("  data         " + dir);
    out.println("  models       " + config.modelDir() + "   (newest package served; recstream train --out there)");
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
