package atelier.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the Hazelcast configuration ({@code cluster.config}: the file if it exists, else the copy
 * packed in the jar) and applies the node's own settings over it: the address it binds and
 * announces, its port, the members to join (TCP-IP only, never multicast). A {@code -Dhazelcast.*}
 * system property wins over the file, so tests and operators can shorten join waits.
 */
public final class HazelcastSetup {
  private HazelcastSetup() {}

  public static Config load(AtelierConfig config) {
    Config hz = read(config.clusterConfig());
    AtelierConfig.Cluster c = config.cluster();
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(c.port());
    if (!c.publicHost().isEmpty()) net.setPublicAddress(c.publicHost());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    if (!c.members().isEmpty()) join.getTcpIpConfig().setMembers(c.members());
    // Bind and announce exactly this address (loopback by default, so nodes on one machine meet).
    if (!c.host().equals("0.0.0.0")) {
      hz.setProperty("hazelcast.local.localAddress", c.host());
      hz.setProperty("hazelcast.socket.bind.any", "false");
    }
    hz.setInstanceName("atelier-" + config.nodeName() + "-" + Long.toHexString(System.nanoTime()));
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("hazelcast."))
        .forEach(k -> hz.setProperty(k, System.getProperty(k)));
    return hz;
  }

  static Config read(String location) {
    try {
      Path file = Path.of(location);
      if (Files.isRegularFile(file)) return Config.loadFromFile(file.toFile());
      String resource = location.startsWith("/") ? location.substring(1) : location;
      InputStream in = HazelcastSetup.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) in = HazelcastSetup.class.getClassLoader().getResourceAsStream("config/cluster.xml");
      if (in == null) throw new IllegalStateException("no file " + location + " and no config/cluster.xml in the jar");
      try (InputStream stream = in) {
        return Config.loadFromStream(stream);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + location + ": " + e.getMessage(), e);
    }
  }
}
