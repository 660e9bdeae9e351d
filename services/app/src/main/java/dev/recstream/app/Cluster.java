package dev.recstream.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import dev.recstream.shared.config.RecstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * A clustered Vert.x on Hazelcast with an explicit TCP member list: no multicast, which cloud
 * networks drop, and no auto-detection, which would guess the interface. The event bus binds the
 * same host as Hazelcast.
 */
final class Cluster {
  private Cluster() {}

  static Future<Vertx> vertx(RecstreamConfig config) {
    Config hz = ConfigUtil.loadConfig();
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.getNetworkConfig().setPort(config.clusterPort()).setPortAutoIncrement(false);
    hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(config.clusterHost());
    JoinConfig join = hz.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    config.clusterMembers().forEach(member -> join.getTcpIpConfig().addMember(member));
    VertxOptions options = Node.vertxOptions()
        .setEventBusOptions(new EventBusOptions().setHost(config.clusterHost()).setClusterPublicHost(config.clusterHost()));
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hz)).buildClustered();
  }
}
