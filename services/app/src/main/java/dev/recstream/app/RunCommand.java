package dev.recstream.app;

import dev.recstream.gateway.GatewayVerticle;
import dev.recstream.shared.config.ConfigException;
import dev.recstream.shared.config.ConfigLoader;
import dev.recstream.shared.config.RecstreamConfig;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code recstream run}: production mode against the PostgreSQL and Kafka named in configuration. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the chosen services against the configured PostgreSQL and Kafka.")
final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  private static final long START_TIMEOUT_SECONDS = 180;

  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node = new NodeOptions();

  @Option(names = "--cluster", description = "Join a Vert.x cluster (Hazelcast, TCP member list from RECSTREAM_CLUSTER_MEMBERS).")
  boolean cluster;

  @Option(names = "--insecure", description = "Allow running without API keys (development only).")
  boolean insecure;

  @Override
  public Integer call() throws Exception {
    List<Service> services = Service.parse(node.services);
    RecstreamConfig config = ConfigLoader.load(RecstreamConfig.defaults(), node.configFile, System.getenv(), node.flags());
    Logging.apply(config.logLevel());
    requireDependencies(config, services, cluster);
    if (services.contains(Service.GATEWAY) && config.apiKeys().isEmpty()) {
      if (!insecure) {
        throw new ConfigException("run needs API keys for the gateway: set RECSTREAM_API_KEYS "
            + "(name:role[+role]:sha256-hex entries; `recstream keygen` makes one), or pass --insecure for development");
      }
      LOG.warn("running with --insecure and no API keys: the HTTP API is open to anyone who can reach it");
    }
    Shutdown shutdown = new Shutdown();
    Node running = started(Node.start(config, services, cluster));
    shutdown.then("services", running::stop);
    Object port = running.vertx().sharedData().getLocalMap(GatewayVerticle.LOCAL_MAP).get(GatewayVerticle.ACTUAL_PORT_KEY);
    spec.commandLine().getOut().println("recstream is running services=" + node.services
        + (port == null ? "" : " http=" + config.httpHost() + ":" + port) + (cluster ? " clustered" : ""));
    spec.commandLine().getOut().flush();
    shutdown.awaitStop();
    return 0;
  }

  /** Waits for the services to start; scoring waits for the store, so a cluster without one never does. */
  private static Node started(Future<Node> starting) throws Exception {
    try {
      return starting.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the services did not start within " + START_TIMEOUT_SECONDS
          + " s; the log says what they wait for (scoring waits until a node of the cluster runs the store)", e);
    }
  }

  private static void requireDependencies(RecstreamConfig config, List<Service> services, boolean cluster) {
    if (!cluster && services.contains(Service.SCORING) && !services.contains(Service.STORE)) {
      throw new ConfigException("scoring needs the store: without --cluster it must run in the same process "
          + "(add store to --services), or pass --cluster to join the nodes that run it");
    }
    if (services.contains(Service.STORE) && config.pgUrl() == null) {
      throw new ConfigException("the store service needs RECSTREAM_PG_URL (postgresql://user:password@host:port/database)");
    }
    if (services.contains(Service.INGESTION) && config.kafkaBootstrap().isEmpty()) {
      throw new ConfigException("the ingestion service needs RECSTREAM_KAFKA_BOOTSTRAP (host:port,…)");
    }
  }
}
