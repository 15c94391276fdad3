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
  @DisplayName("messages acknowledged in bursts of concurrent sends (written in batches) keep their seq and event after a kill -9")
  void killNineDuringBatchedSends() throws Exception {
    Path data = Files.createTempDirectory("atelier-crash-chat");
    int port = NodeProcess.freePort();
    Map<String, String> env = Map.of("ATELIER_LIMITS_MESSAGES_PER_SECOND", "100000");
    Map<String, Long> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
    String space;
    try (NodeProcess node = NodeProcess.launch(data, port, env).awaitReady()) {
      // Enough connections for all the sends of a burst to be in flight at once.
      WebClient c = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
          new io.vertx.core.http.PoolOptions().setHttp1MaxSize(40));
      String token = token(c);
      String me = c.get("/api/me").bearerTokenAuthentication(token).send().await().bodyAsJsonObject().getString("id");
      space = c.post("/api/spaces").bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("kind", "squad")
          .put("name", "Énergie").put("theme", "énergie")).await().bodyAsJsonObject().getString("id");
      assertEquals(200, c.post("/api/spaces/" + space + "/members").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("user", me).put("role", "coordinator")).await().statusCode());
      for (int burst = 0; burst < 4; burst++) {
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          String clientId = "b" + burst + "-" + i;
          sends.add(c.post("/api/spaces/" + space + "/channels/general/messages").bearerTokenAuthentication(token)
              .sendJsonObject(new JsonObject().put("clientId", clientId).put("text", "message " + clientId))
              .onSuccess(r -> {
                if (r.statusCode() == 201) acknowledged.put(clientId, r.bodyAsJsonObject().getLong("seq"));
              }));
        }
        Future.join(sends).await();
      }
      node.kill();
    }
    assertEquals(160, acknowledged.size());
    try (NodeProcess again = NodeProcess.launch(data, port, env).awaitReady()) {
      WebClient c = client(port);
      String token = token(c);
      Map<String, Long> stored = new java.util.HashMap<>();
      c.get("/api/spaces/" + space + "/channels/general/messages?limit=200").bearerTokenAuthentication(token).send().await()
          .bodyAsJsonObject().getJsonArray("messages")
          .forEach(m -> stored.put(((JsonObject) m).getString("clientId"), ((JsonObject) m).getLong("seq")));
      assertEquals(acknowledged, stored, "every acknowledged message, with the seq its sender was given");
      // And their events: a replay from the start hands out exactly those seqs as message.created.
      Map<Long, String> replayed = new java.util.HashMap<>();
      io.vertx.core.http.WebSocket ws = vertx.createWebSocketClient().connect(new io.vertx.core.http.WebSocketConnectOptions()
          .setHost("127.0.0.1").setPort(port).setURI("/ws").addHeader("Authorization", "Bearer " + token)).await();
      io.vertx.core.Promise<Void> subscribed = io.vertx.core.Promise.promise();
      ws.textMessageHandler(text -> {
        JsonObject f = new JsonObject(text);
        if ("event".equals(f.getString("type")) && "message.created".equals(f.getString("kind"))) {
          replayed.put(f.getLong("seq"), f.getJsonObject("data").getString("clientId"));
        }
        if ("subscribed".equals(f.getString("type"))) subscribed.tryComplete();
      });
      ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("space", space).put("since", 1).encode());
      subscribed.future().await();
      Map<Long, String> expected = new java.util.HashMap<>();
      acknowledged.forEach((clientId, seq) -> expected.put(seq, clientId));
      assertEquals(expected, replayed);
      ws.close().await();
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
