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
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clustered Vert.x on Hazelcast with an explicit TCP member list: no multicast, which cloud
 * networks drop, and no auto-detection, which would guess the interface. The event bus binds the
 * same host as Hazelcast.
 */
final class Cluster {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

  private Cluster() {}

  /**
   * Members as {@code ip:port}. A name is resolved to every address it has — a Kubernetes headless
   * Service answers with one per pod — because Hazelcast, bound to one interface, ignores
   * members it only knows by a name.
   */
  static List<String> resolvedMembers(List<String> members) {
    List<String> resolved = new ArrayList<>();
    for (String member : members) {
      int colon = member.lastIndexOf(':');
      String host = member.substring(0, colon);
      String port = member.substring(colon + 1);
      try {
        for (InetAddress address : InetAddress.getAllByName(host)) {
          resolved.add(address.getHostAddress() + ":" + port);
        }
      } catch (UnknownHostException e) {
        LOG.warn("cluster member not resolvable yet member={} reason={}", member, e.getMessage());
      }
    }
    return resolved;
  }

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
    resolvedMembers(config.clusterMembers()).forEach(member -> join.getTcpIpConfig().addMember(member));
    VertxOptions options = Node.vertxOptions()
        .setEventBusOptions(new EventBusOptions().setHost(config.clusterHost()).setClusterPublicHost(config.clusterHost()));
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hz)).buildClustered();
  }
}
