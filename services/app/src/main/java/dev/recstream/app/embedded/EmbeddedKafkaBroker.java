package dev.recstream.app.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, broker and controller in one) running inside this JVM on
 * 127.0.0.1, keeping topics, records and committed offsets in a log directory that survives a
 * stop and a start.
 *
 * <p>Topics are never created implicitly ({@code auto.create.topics.enable=false}): declare them
 * with {@link #createTopics(Map)}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private final KafkaRaftServer server;
  private final Path logDir;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, int port) {
    this.server = server;
    this.logDir = logDir;
    this.port = port;
  }

  /**
   * Formats {@code logDir} on first use (keeping the cluster id of an earlier run) and starts
   * the broker; returns once it accepts clients.
   *
   * @param logDir directory for the metadata log and the topic partitions; created if missing
   * @param port client port, or 0 to pick a free one; the controller gets another free port
   * @return the running broker
   * @throws IllegalStateException if the directory could not be formatted or the broker not started
   */
  public static EmbeddedKafkaBroker start(Path logDir, int port) {
    int brokerPort = FreePorts.resolve(port);
    int controllerPort = FreePorts.pickFreeOtherThan(brokerPort);
    Path absoluteDir = logDir.toAbsolutePath();
    long startNanos = System.nanoTime();
    Properties properties = brokerProperties(absoluteDir, brokerPort, controllerPort);
    boolean firstStart = !KafkaStorage.isFormatted(absoluteDir);
    String clusterId;
    try {
      FreePorts.requireFree(brokerPort);
      clusterId = KafkaStorage.clusterId(absoluteDir);
      KafkaStorage.format(absoluteDir, clusterId, properties);
    } catch (RuntimeException e) {
      throw startFailure(brokerPort, absoluteDir, e);
    }
    KafkaRaftServer server = startServer(properties, absoluteDir, brokerPort);
    LOG.info("embedded Kafka started bootstrap=127.0.0.1:{} controllerPort={} clusterId={} logDir={} firstStart={} millis={}",
        brokerPort, controllerPort, clusterId, absoluteDir, firstStart, (System.nanoTime() - startNanos) / 1_000_000);
    return new EmbeddedKafkaBroker(server, absoluteDir, brokerPort);
  }

  private static KafkaRaftServer startServer(Properties properties, Path logDir, int port) {
    KafkaRaftServer server = null;
    try {
      server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
      server.startup();
      return server;
    } catch (Exception e) {
      // Exception, not RuntimeException: Scala code throws checked exceptions undeclared.
      if (server != null) {
        // Release the ports and the directory lock of a half-started node.
        server.shutdown();
      }
      throw startFailure(port, logDir, e);
    }
  }

  private static IllegalStateException startFailure(int port, Path logDir, Exception cause) {
    return new IllegalStateException("could not start the embedded Kafka broker on port " + port
        + " with logs in " + logDir + ": " + cause.getMessage(), cause);
  }

  /** The configuration of a one-node cluster; replication factors are 1 because there is one node. */
  static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("offsets.topic.replication.factor", "1");
    // One partition instead of 50: the first consumer group then starts without a visible pause.
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // Without this the first join of every group waits 3 s for more members that never come.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  /** The client port, to start the broker again on the same one. */
  public int port() {
    return port;
  }

  /** The {@code bootstrap.servers} value for clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /**
   * Creates each topic with the given partition count and replication factor 1; a topic that
   * already exists is left as it is (its partition count is not changed).
   *
   * @param nameToPartitions topic names and their partition counts
   * @throws IllegalStateException if a topic could not be created
   */
  public void createTopics(Map<String, Integer> nameToPartitions) {
    List<NewTopic> topics = nameToPartitions.entrySet().stream()
        .map(entry -> new NewTopic(entry.getKey(), entry.getValue(), (short) 1))
        .toList();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(topics).values().forEach(this::awaitCreated);
    }
  }

  private void awaitCreated(String topic, KafkaFuture<Void> creation) {
    try {
      creation.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("created Kafka topic={}", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create the Kafka topic " + topic + " on "
            + bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
      }
      LOG.debug("Kafka topic already exists topic={}", topic);
    } catch (TimeoutException e) {
      throw new IllegalStateException("could not create the Kafka topic " + topic + " on "
          + bootstrapServers() + " within " + ADMIN_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the Kafka topic " + topic, e);
    }
  }

  /** Shuts the broker down cleanly, so a later start on the same directory needs no recovery; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    LOG.info("embedded Kafka stopped bootstrap={} logDir={} millis={}",
        bootstrapServers(), logDir, (System.nanoTime() - startNanos) / 1_000_000);
  }
}
