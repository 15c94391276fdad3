package atelier.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import atelier.support.NodeProcess;
import atelier.support.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The embedded default store, in real processes: nothing acknowledged is lost, even to kill -9. */
@DisplayName("Durability of the embedded store across restarts and crashes")
class PersistenceTest {
  static Vertx vertx;

  @BeforeAll
  static void init() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static WebClient client(int port) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  private static String token(WebClient c) {
    return c.post("/api/auth/login").sendJsonObject(new JsonObject().put("email", TestNode.ADMIN_EMAIL)
        .put("password", TestNode.ADMIN_PASSWORD)).await().bodyAsJsonObject().getString("token");
  }

  private static Set<String> organisations(WebClient c, String token) {
    Set<String> names = new HashSet<>();
    c.get("/api/organisations").bearerTokenAuthentication(token).send().await().bodyAsJsonObject()
        .getJsonArray("organisations").forEach(o -> names.add(((JsonObject) o).getString("name")));
    return names;
  }

  @Test
  @DisplayName("every write acknowledged before a kill -9 is there after a restart on the same data directory")
  void killNine() throws Exception {
    Path data = Files.createTempDirectory("atelier-crash");
    int port = NodeProcess.freePort();
    Set<String> acknowledged = new HashSet<>();
    try (NodeProcess node = NodeProcess.launch(data, port, Map.of()).awaitReady()) {
      WebClient c = client(port);
      String token = token(c);
      // Bursts of concurrent writes, the kill lands right after the last acknowledgement.
      for (int burst = 0; burst < 6; burst++) {
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          String name = "Centre " + burst + "-" + i;
          writes.add(c.post("/api/organisations").bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("name", name))
              .onSuccess(r -> {
                if (r.statusCode() == 201) synchronized (acknowledged) { acknowledged.add(name); }
              }));
        }
        Future.join(writes).await();
      }
      node.kill();
    }
    assertEquals(300, acknowledged.size());
    try (NodeProcess again = NodeProcess.launch(data, port, Map.of()).awaitReady()) {
      WebClient c = client(port);
      Set<String> found = organisations(c, token(c));
      Set<String> missing = new HashSet<>(acknowledged);
      missing.removeAll(found);
      assertTrue(missing.isEmpty(), "lost after kill -9: " + missing);
      again.terminate();
    }
  }

  @Test
  @DisplayName("SIGTERM stops the node cleanly and a restart finds everything as it was")
  void cleanStop() throws Exception {
    Path data = Files.createTempDirectory("atelier-stop");
    int port = NodeProcess.freePort();
    try (NodeProcess node = NodeProcess.launch(data, port, Map.of(), "--demo").awaitReady()) {
      assertTrue(node.output.stream().anyMatch(l -> l.contains("marie.tremblay@cctt.example")), "demo prints how to log in");
      WebClient c = client(port);
      String token = token(c);
      assertEquals(201, c.post("/api/organisations").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("name", "Centre avant arrêt")).await().statusCode());
      node.terminate();
      assertNotEquals(-1, node.process.exitValue());
    }
    try (NodeProcess again = NodeProcess.launch(data, port, Map.of(), "--demo").awaitReady()) {
      WebClient c = client(port);
      String token = token(c);
      assertTrue(organisations(c, token).contains("Centre avant arrêt"));
      JsonObject spaces = c.get("/api/spaces").bearerTokenAuthentication(token).send().await().bodyAsJsonObject();
      assertEquals(5, spaces.getJsonArray("spaces").size(), "demo data is seeded once, not again on restart");
      assertEquals(200, c.post("/api/auth/login").sendJsonObject(new JsonObject().put("email", "marie.tremblay@cctt.example")
          .put("password", "atelier-demo")).await().statusCode());
      again.terminate();
    }
  }

  @Test
  @DisplayName("a bad configuration value stops the start with a message naming the key")
  void badConfig() throws Exception {
    Path data = Files.createTempDirectory("atelier-badconf");
    try (NodeProcess node = NodeProcess.launch(data, NodeProcess.freePort(), Map.of("ATELIER_LIMITS_FRAME_BYTES", "lots"))) {
      assertEquals(2, node.awaitExit());
      assertTrue(String.join("\n", node.output).contains("limits.frameBytes"), String.join("\n", node.output));
    }
  }
}
