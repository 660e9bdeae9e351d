package dev.recstream.app;

import dev.recstream.shared.config.RecstreamConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recstream process: a Vert.x instance (standalone or clustered) and the services it runs.
 * {@link #stop} undeploys them in reverse order, so intake stops first, in-flight batches finish
 * and Kafka offsets are committed before the store closes its pool.
 */
public final class Node {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Vertx vertx;
  private final List<String> deployments = new ArrayList<>();

  private Node(Vertx vertx) {
    this.vertx = vertx;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Starts Vert.x and deploys the services in order; fails (and cleans up) if any fails. */
  public static Future<Node> start(RecstreamConfig config, List<Service> services, boolean clustered) {
    Future<Vertx> vertx = clustered
        ? Cluster.vertx(config)
        : Future.succeededFuture(Vertx.builder().with(vertxOptions()).build());
    return vertx.compose(v -> {
      Node node = new Node(v);
      return node.deployAll(config, services).map(node)
          .recover(e -> node.stop().transform(ignored -> Future.failedFuture(e)));
    });
  }

  static VertxOptions vertxOptions() {
    // Blocked-thread warnings after 2 s rather than the default 2 s with stack traces every 1 s.
    return new VertxOptions().setBlockedThreadCheckInterval(2).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS);
  }

  private Future<Void> deployAll(RecstreamConfig config, List<Service> services) {
    Future<Void> chain = Future.succeededFuture();
    for (Service service : services) {
      chain = chain.compose(v -> vertx.deployVerticle(service.newVerticle(), new DeploymentOptions().setConfig(config.toJson()))
          .onSuccess(id -> {
            deployments.add(id);
            LOG.info("service started name={}", service.label());
          })
          .recover(e -> Future.failedFuture(new IllegalStateException(
              "the " + service.label() + " service did not start: " + e.getMessage(), e)))
          .mapEmpty());
    }
    return chain;
  }

  /** Undeploys in reverse order, then closes Vert.x (and leaves the cluster). */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id).otherwise(e -> {
        LOG.warn("service did not stop cleanly reason={}", e.getMessage());
        return null;
      }));
    }
    return chain.eventually(vertx::close);
  }
}
