package atelier.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.app.AtelierConfig;
import atelier.app.ConfigException;
import atelier.app.ConfigLoader;
import atelier.app.HazelcastSetup;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cluster configuration: ATELIER_CLUSTER_* over config/cluster.xml, TCP-IP only")
class ClusterConfigTest {
  @Test
  @DisplayName("defaults: loopback, port 5701, the member list of cluster.xml, no multicast")
  void defaults() {
    AtelierConfig c = ConfigLoader.load(Map.of(), Map.of());
    assertFalse(c.clusterEnabled());
    assertEquals("127.0.0.1", c.cluster().host());
    assertEquals(5701, c.cluster().port());
    assertEquals(List.of(), c.cluster().members());
    Config hz = HazelcastSetup.load(c);
    JoinConfig join = hz.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703"), join.getTcpIpConfig().getMembers());
    assertEquals("127.0.0.1", hz.getProperty("hazelcast.local.localAddress"));
    assertEquals("false", hz.getProperty("hazelcast.phone.home.enabled"));
    assertEquals("atelier", hz.getClusterName());
  }

  @Test
  @DisplayName("environment variables set the address, port, members, event-bus port and public address")
  void environment() {
    AtelierConfig c = ConfigLoader.load(Map.of("ATELIER_CLUSTER_ENABLED", "true", "ATELIER_CLUSTER_HOST", "10.1.2.3",
        "ATELIER_CLUSTER_PORT", "5801", "ATELIER_CLUSTER_MEMBERS", "10.1.2.3:5801, 10.1.2.4:5801",
        "ATELIER_CLUSTER_BUS_PORT", "5901", "ATELIER_CLUSTER_PUBLIC_HOST", "203.0.113.7"), Map.of());
    assertTrue(c.clusterEnabled());
    assertEquals(new AtelierConfig.Cluster("10.1.2.3", 5801, List.of("10.1.2.3:5801", "10.1.2.4:5801"), 5901, "203.0.113.7"), c.cluster());
    Config hz = HazelcastSetup.load(c);
    assertEquals(5801, hz.getNetworkConfig().getPort());
    assertEquals(List.of("10.1.2.3:5801", "10.1.2.4:5801"), hz.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
    assertEquals("10.1.2.3", hz.getProperty("hazelcast.local.localAddress"));
    assertEquals("203.0.113.7", hz.getNetworkConfig().getPublicAddress());
  }

  @Test
  @DisplayName("a missing cluster.config file falls back to the copy in the jar; bad values name their key")
  void fallbackAndValidation() {
    AtelierConfig c = ConfigLoader.load(Map.of("ATELIER_CLUSTER_CONFIG", "/nonexistent/cluster.xml"), Map.of());
    assertEquals("atelier", HazelcastSetup.load(c).getClusterName());
    ConfigException port = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("ATELIER_CLUSTER_PORT", "0"), Map.of()));
    assertTrue(port.getMessage().contains("cluster.port"));
    ConfigException members = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("ATELIER_CLUSTER_MEMBERS", "10.0.0.1:5701;rm -rf"), Map.of()));
    assertTrue(members.getMessage().contains("cluster.members"));
    ConfigException host = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("ATELIER_CLUSTER_HOST", " "), Map.of()));
    assertTrue(host.getMessage().contains("cluster.host"));
  }
}
