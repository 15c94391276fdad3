package atelier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration: defaults, environment overrides, validation")
class ConfigLoaderTest {
  @Test
  @DisplayName("the shipped defaults are those of config/atelier.json, with the slow password hash")
  void defaults() {
    AtelierConfig c = ConfigLoader.load(Map.of(), Map.of());
    assertEquals(8080, c.httpPort());
    assertTrue(c.embeddedStore());
    assertTrue(c.hashIterations() >= 600_000);
    assertEquals(65536, c.limits().frameBytes());
    assertEquals(10_000, c.limits().messageLength());
  }

  @Test
  @DisplayName("ATELIER_* variables override the file, named after the key")
  void env() {
    assertEquals("ATELIER_AUTH_HASH_ITERATIONS", ConfigLoader.envName("auth.hashIterations"));
    AtelierConfig c = ConfigLoader.load(Map.of("ATELIER_HTTP_PORT", "9090", "ATELIER_MONGO_URI", "mongodb://db:27017",
        "ATELIER_CLUSTER_ENABLED", "true"), Map.of());
    assertEquals(9090, c.httpPort());
    assertEquals("mongodb://db:27017", c.mongoUri());
    assertTrue(c.clusterEnabled());
  }

  @Test
  @DisplayName("a bad value names its key")
  void bad() {
    ConfigException port = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("ATELIER_HTTP_PORT", "eighty"), Map.of()));
    assertTrue(port.getMessage().contains("http.port"));
    ConfigException range = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("ATELIER_HTTP_PORT", "70000"), Map.of()));
    assertTrue(range.getMessage().contains("http.port"));
    ConfigException bool = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("ATELIER_CLUSTER_ENABLED", "yes"), Map.of()));
    assertTrue(bool.getMessage().contains("cluster.enabled"));
    ConfigException pw = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("ATELIER_ADMIN_EMAIL", "a@b.c", "ATELIER_ADMIN_PASSWORD", "short"), Map.of()));
    assertTrue(pw.getMessage().contains("admin.password"));
  }
}
