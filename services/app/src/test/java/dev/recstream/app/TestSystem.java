package dev.recstream.app;

import dev.recstream.app.embedded.EmbeddedKafkaBroker;
import dev.recstream.app.embedded.EmbeddedPostgresServer;
import dev.recstream.gateway.GatewayVerticle;
import dev.recstream.ingestion.Topics;
import dev.recstream.shared.config.ConfigLoader;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.config.Setting;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system for integration tests, started once per test JVM: a real embedded PostgreSQL,
 * a real embedded Kafka broker and every service on a free HTTP port. Test classes opt in with
 * {@code @ExtendWith(TestSystem.class)} and reach it through {@link #get()}.
 */
public final class TestSystem implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
  private static TestSystem instance;

  private Path dir;
  private EmbeddedPostgresServer postgres;
  private EmbeddedKafkaBroker kafka;
  private Node node;
  private Pool pool;
  private int httpPort;
  // Held for the whole run: Vert.x 5 closes a client that becomes unreachable, even mid-request.
  private WebClient webClient;
  private WebSocketClient webSocketClient;

  public static synchronized TestSystem get() {
    if (instance == null) {
      throw new IllegalStateException("add @ExtendWith(TestSystem.class) to the test class");
    }
    return instance;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (TestSystem.class) {
      if (instance == null) {
        TestSystem system = new TestSystem();
        system.start();
        instance = system;
        // Closed once, after the last test class of the run.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(TestSystem.class.getName(), system);
      }
    }
  }

  private void start() throws Exception {
    dir = Files.createTempDirectory("recstream-it");
    postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
    kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    kafka.createTopics(Map.of(Topics.EVENTS, 4, Topics.EVENTS_DLQ, 1));
    Map<Setting, Object> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.HTTP_PORT, 0);
    flags.put(Setting.PG_URL, postgres.url());
    flags.put(Setting.KAFKA_BOOTSTRAP, kafka.bootstrapServers());
    // Packages are served from here; no scheduled retrain (tests start one with POST /v1/models/retrain).
    flags.put(Setting.MODEL_DIR, dir.resolve("models").toString());
    flags.put(Setting.RETRAIN_MINUTES, 0);
    RecstreamConfig config = ConfigLoader.load(
        RecstreamConfig.defaults().put(Setting.HTTP_HOST.key(), "127.0.0.1"), null, Map.of(), flags);
    node = Node.start(config, List.of(Service.values()), false).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    httpPort = (Integer) node.vertx().sharedData().getLocalMap(GatewayVerticle.LOCAL_MAP).get(GatewayVerticle.ACTUAL_PORT_KEY);
    webClient = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(httpPort));
    webSocketClient = node.vertx().createWebSocketClient();
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(postgres.url())).using(node.vertx()).build();
  }

  @Override
  public void close() throws Exception {
    node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    kafka.close();
    postgres.close();
    TempDirs.delete(dir);
  }

  public Vertx vertx() {
    return node.vertx();
  }

  public int httpPort() {
    return httpPort;
  }

  public WebClient webClient() {
    return webClient;
  }

  /** Opens a WebSocket to the gateway; blocks (test thread only). */
  public WebSocket webSocket(String uri) {
    return Http.await(webSocketClient.connect(httpPort, "127.0.0.1", uri));
  }

  public String kafkaBootstrap() {
    return kafka.bootstrapServers();
  }

  /** The directory the scoring service scans for packages at start-up. */
  public Path modelDir() {
    return dir.resolve("models");
  }

  public String pgUrl() {
    return postgres.url();
  }

  /**
   * A new, empty database on the shared PostgreSQL, for services a test deploys on a Vert.x of
   * its own: their model registry and catalog do not touch the shared system's. Blocks (test
   * thread only).
   */
  public String newDatabase(String prefix) throws Exception {
    String name = prefix + "_" + java.util.UUID.randomUUID().toString().replace("-", "");
    // An identifier cannot be a parameter; the name is made of [a-z0-9_] only.
    pool.query("CREATE DATABASE " + name).execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return postgres.url().substring(0, postgres.url().lastIndexOf('/') + 1) + name;
  }

  /** Rows in the events table of {@code userId}; blocks (test thread only). */
  public long eventsOfUser(String userId) throws Exception {
    return pool.preparedQuery("SELECT count(*) FROM events WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getLong(0))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Rows in the events table whose event_id starts with {@code prefix}; blocks (test thread only). */
  public long storedEvents(String prefix) throws Exception {
    return pool.preparedQuery("SELECT count(*) FROM events WHERE event_id LIKE $1")
        .execute(Tuple.of(prefix + "%"))
        .map(rows -> rows.iterator().next().getLong(0))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
