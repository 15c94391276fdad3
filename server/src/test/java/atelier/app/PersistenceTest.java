package atelier.app;

import atelier.support.TempDirs;
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
    Path data = TempDirs.create("atelier-crash");
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
    Path data = TempDirs.create("atelier-crash-chat");
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
  @DisplayName("what subscribers are shown while batches are in flight (replays, gap reads, heads) is all there after a kill -9")
  void killNineWhileResuming() throws Exception {
    Path data = TempDirs.create("atelier-crash-resume");
    int port = NodeProcess.freePort();
    Map<String, String> env = Map.of("ATELIER_LIMITS_MESSAGES_PER_SECOND", "100000");
    Map<Long, String> shown = new java.util.concurrent.ConcurrentHashMap<>();
    long shownHead = 0;
    String space;
    String token;
    try (NodeProcess node = NodeProcess.launch(data, port, env).awaitReady()) {
      WebClient c = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
          new io.vertx.core.http.PoolOptions().setHttp1MaxSize(24));
      token = token(c);
      String me = c.get("/api/me").bearerTokenAuthentication(token).send().await().bodyAsJsonObject().getString("id");
      space = c.post("/api/spaces").bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("kind", "squad")
          .put("name", "Reprises").put("theme", "numérique")).await().bodyAsJsonObject().getString("id");
      assertEquals(200, c.post("/api/spaces/" + space + "/members").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("user", me).put("role", "coordinator")).await().statusCode());
      // Senders that never stop: 24 in flight at all times, so batches are being written when the kill lands.
      java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      String target = space;
      String bearer = token;
      Runnable[] sendOne = new Runnable[1];
      sendOne[0] = () -> {
        if (!sending.get()) return;
        String clientId = "r" + next.incrementAndGet();
        c.post("/api/spaces/" + target + "/channels/general/messages").bearerTokenAuthentication(bearer)
            .sendJsonObject(new JsonObject().put("clientId", clientId).put("text", "message " + clientId))
            .onComplete(r -> sendOne[0].run());
      };
      for (int i = 0; i < 24; i++) vertx.runOnContext(v -> sendOne[0].run());

      // A reader that resumes again and again from the last event it holds: each resume reads the log's
      // newest part, where the batches in flight are.
      java.util.concurrent.BlockingQueue<JsonObject> frames = new java.util.concurrent.LinkedBlockingQueue<>();
      io.vertx.core.http.WebSocket ws = vertx.createWebSocketClient().connect(new io.vertx.core.http.WebSocketConnectOptions()
          .setHost("127.0.0.1").setPort(port).setURI("/ws").addHeader("Authorization", "Bearer " + token)).await();
      ws.textMessageHandler(text -> {
        JsonObject f = new JsonObject(text);
        if ("event".equals(f.getString("type"))) {
          shown.put(f.getLong("seq"), f.getString("kind") + ":" + f.getJsonObject("data").getString("clientId"));
        }
        frames.add(f);
      });
      long deadline = System.currentTimeMillis() + 60_000;
      int resumes = 0;
      while (resumes < 40 && System.currentTimeMillis() < deadline) {
        long since = shown.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("space", space).put("since", since).encode());
        JsonObject sub = awaitFrame(frames, "subscribed");
        shownHead = Math.max(shownHead, sub.getLong("head"));
        ws.writeTextMessage(new JsonObject().put("type", "unsubscribe").put("space", space).encode());
        awaitFrame(frames, "unsubscribed");
        resumes++;
      }
      assertEquals(40, resumes);
      assertTrue(next.get() > 100, "sends were flowing: " + next.get());
      node.kill();
      sending.set(false);
    }
    assertTrue(shownHead > 0);
    try (NodeProcess again = NodeProcess.launch(data, port, env).awaitReady()) {
      Map<Long, String> stored = new java.util.HashMap<>();
      java.util.concurrent.BlockingQueue<JsonObject> frames = new java.util.concurrent.LinkedBlockingQueue<>();
      io.vertx.core.http.WebSocket ws = vertx.createWebSocketClient().connect(new io.vertx.core.http.WebSocketConnectOptions()
          .setHost("127.0.0.1").setPort(port).setURI("/ws").addHeader("Authorization", "Bearer " + token)).await();
      ws.textMessageHandler(text -> {
        JsonObject f = new JsonObject(text);
        if ("event".equals(f.getString("type"))) {
          stored.put(f.getLong("seq"), f.getString("kind") + ":" + f.getJsonObject("data").getString("clientId"));
        }
        frames.add(f);
      });
      ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("space", space).put("since", 1).encode());
      JsonObject sub = awaitFrame(frames, "subscribed");
      assertTrue(sub.getLong("head") >= shownHead, "a head handed out before the crash is still reached: " + sub + " < " + shownHead);
      for (Map.Entry<Long, String> e : shown.entrySet()) {
        if (e.getKey() > 1) assertEquals(e.getValue(), stored.get(e.getKey()), "event " + e.getKey() + " shown before the crash");
      }
      ws.close().await();
      again.terminate();
    }
  }

  private static JsonObject awaitFrame(java.util.concurrent.BlockingQueue<JsonObject> frames, String type) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject f = frames.poll(deadline - System.currentTimeMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      if (f != null && type.equals(f.getString("type"))) return f;
    }
    throw new AssertionError("no " + type + " frame within 30 s");
  }

  @Test
  @DisplayName("SIGTERM stops the node cleanly and a restart finds everything as it was")
  void cleanStop() throws Exception {
    Path data = TempDirs.create("atelier-stop");
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
    Path data = TempDirs.create("atelier-badconf");
    try (NodeProcess node = NodeProcess.launch(data, NodeProcess.freePort(), Map.of("ATELIER_LIMITS_FRAME_BYTES", "lots"))) {
      assertEquals(2, node.awaitExit());
      assertTrue(String.join("\n", node.output).contains("limits.frameBytes"), String.join("\n", node.output));
    }
  }
}
