package atelier.cluster;

import atelier.support.TempDirs;
import static atelier.cluster.ClusterMember.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.NodeProcess;
import atelier.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each in its own JVM and Hazelcast member, over one store. A burst of messages is sent
 * through node A while clients on both nodes read; A is killed with SIGKILL in the middle. Its
 * clients reconnect to B, resume from what they hold and resend what was not acknowledged; at the
 * end every client holds every event exactly once, in order, and every message exactly once.
 */
@DisplayName("Cluster: a node killed (kill -9) during a burst; its clients resume on another node")
class ClusterFailoverTest {
  static final int MESSAGES = 120;
  static final String DB = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  static Vertx vertx;
  static NodeProcess a;
  static NodeProcess b;

  static NodeProcess launch(String name, int hzPort, List<Integer> hzPorts) throws Exception {
    Path dir = TempDirs.create("atelier-" + name);
    Map<String, String> env = new HashMap<>();
    env.put("ATELIER_NODE_NAME", name);
    env.put("ATELIER_MONGO_URI", TestNode.storeUri());
    env.put("ATELIER_MONGO_DATABASE", DB);
    env.put("ATELIER_CLUSTER_ENABLED", "true");
    env.put("ATELIER_CLUSTER_HOST", "127.0.0.1");
    env.put("ATELIER_CLUSTER_PORT", Integer.toString(hzPort));
    env.put("ATELIER_CLUSTER_MEMBERS", String.join(",", hzPorts.stream().map(p -> "127.0.0.1:" + p).toList()));
    env.put("ATELIER_LIMITS_MESSAGES_PER_SECOND", "5000");
    env.put("ATELIER_LIMITS_GAP_TIMEOUT_MS", "500");
    env.put("ATELIER_LIMITS_PRESENCE_GRACE_MS", "0");
    env.put("JAVA_TOOL_OPTIONS", "-Dhazelcast.wait.seconds.before.join=0 -Dhazelcast.max.join.seconds=3 -XX:TieredStopAtLevel=1");
    return NodeProcess.launch(dir, NodeProcess.freePort(), env);
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    int hzA = NodeProcess.freePort();
    int hzB = NodeProcess.freePort();
    a = launch("node-a", hzA, List.of(hzA, hzB)).awaitReady();
    b = launch("node-b", hzB, List.of(hzA, hzB)).awaitReady();
    NodeClient nb = new NodeClient(vertx, b.port);
    waitUntil("two members", 20_000, () -> nb.get("/health", null).json().getJsonObject("cluster").getJsonArray("members").size() == 2);
  }

  @AfterAll
  static void stop() throws Exception {
    if (a != null) a.close();
    if (b != null) b.close();
    if (vertx != null) vertx.close().await();
  }

  /** What one person's client holds across its connections: events by seq, in arrival order. */
  static final class Holder {
    final List<Long> seqs = new ArrayList<>();
    final Map<Long, JsonObject> events = new LinkedHashMap<>();

    /** Takes the events of a connection that started at {@code since}; fails on a gap or a duplicate. */
    void take(ClusterWs ws, String space, long since) {
      long expected = since + 1;
      for (JsonObject f : ws.frames) {
        if (!"event".equals(f.getString("type")) || !space.equals(f.getString("space"))) continue;
        long seq = f.getLong("seq");
        assertEquals(expected, seq, "events arrive in order without gap or duplicate");
        expected++;
        seqs.add(seq);
        events.put(seq, f);
      }
    }

    long last(long otherwise) {
      return seqs.isEmpty() ? otherwise : seqs.get(seqs.size() - 1);
    }
  }

  @Test
  @DisplayName("nothing acknowledged is lost, nothing is duplicated, presence is corrected, B keeps serving")
  void killDuringBurst() throws Exception {
    NodeClient na = new NodeClient(vertx, a.port);
    NodeClient nb = new NodeClient(vertx, b.port);
    String admin = na.login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
    ClusterWorld world = new ClusterWorld(na, admin);
    ClusterWorld.Person sender = world.person("sender");
    ClusterWorld.Person stayer = world.person("stayer");
    ClusterWorld.Person mover = world.person("mover");
    String space = world.squad(sender, stayer, mover);
    String ts = na.login(sender.email(), ClusterWorld.PASSWORD);
    String tStay = nb.login(stayer.email(), ClusterWorld.PASSWORD);
    String tMove = na.login(mover.email(), ClusterWorld.PASSWORD);

    ClusterWs sA = ClusterWs.connect(vertx, a.port, ts);
    ClusterWs stayB = ClusterWs.connect(vertx, b.port, tStay);
    ClusterWs moveA = ClusterWs.connect(vertx, a.port, tMove);
    long head0 = stayB.subscribe(space, 0).getLong("head");
    assertEquals(head0, sA.subscribe(space, 0).getLong("head"));
    assertEquals(head0, moveA.subscribe(space, 0).getLong("head"));
    Set<String> all3 = new TreeSet<>(List.of(sender.id(), stayer.id(), mover.id()));
    stayB.await(f -> "presence".equals(f.getString("type")) && all3.equals(new TreeSet<>(f.getJsonArray("online").getList())), 10_000);

    // The burst: sent one after the other without waiting for acks; A is killed once 40 are acknowledged.
    int presenceMark = stayB.frames.size();
    Map<String, Long> acked = new ConcurrentHashMap<>();
    List<String> clientIds = new ArrayList<>();
    for (int i = 1; i <= MESSAGES; i++) clientIds.add("m" + i);
    int sentBeforeKill = 0;
    long killedAt = 0;
    for (String k : clientIds) {
      if (killedAt == 0) {
        for (JsonObject f : sA.frames) {
          if ("ack".equals(f.getString("type"))) acked.putIfAbsent(f.getString("ref"), f.getLong("seq"));
        }
        if (acked.size() >= 40) {
          a.kill();
          killedAt = System.currentTimeMillis();
        }
      }
      if (killedAt != 0) break;
      try {
        sA.ws.writeTextMessage(new JsonObject().put("type", "message.send").put("ref", k).put("space", space)
            .put("channel", "general").put("clientId", k).put("text", "Message " + k).encode());
        sentBeforeKill++;
      } catch (RuntimeException e) {
        break;
      }
      Thread.sleep(3);
    }
    if (killedAt == 0) {
      // Everything was sent before 40 acks came back: kill A once some are acknowledged, the rest in flight.
      waitUntil("30 acks from A", 20_000, () -> sA.frames.stream().filter(f -> "ack".equals(f.getString("type"))).count() >= 30);
      a.kill();
      killedAt = System.currentTimeMillis();
    }
    waitUntil("the clients of A to see their socket close", 15_000, () -> sA.closed && moveA.closed);
    for (JsonObject f : sA.frames) {
      if ("ack".equals(f.getString("type"))) acked.putIfAbsent(f.getString("ref"), f.getLong("seq"));
    }
    Map<String, Long> ackedBeforeKill = Map.copyOf(acked);

    // Presence: the people of A are gone from B's view within seconds.
    stayB.awaitFrom(presenceMark, f -> "presence".equals(f.getString("type"))
        && List.of(stayer.id()).equals(f.getJsonArray("online").getList()), 30_000);
    long presenceMs = System.currentTimeMillis() - killedAt;
    waitUntil("B to see A gone", 30_000, () -> nb.get("/health", null).json().getJsonObject("cluster").getJsonArray("members").size() == 1);
    long memberMs = System.currentTimeMillis() - killedAt;
    assertEquals("UP", nb.get("/health", null).json().getString("status"));

    // The clients of A reconnect to B and resume from what they hold; the sender resends what was not acknowledged.
    Holder sender1 = new Holder();
    sender1.take(sA, space, head0);
    Holder mover1 = new Holder();
    mover1.take(moveA, space, head0);
    long sSince = sender1.last(head0);
    long mSince = mover1.last(head0);
    ClusterWs sB = ClusterWs.connect(vertx, b.port, ts);
    ClusterWs moveB = ClusterWs.connect(vertx, b.port, tMove);
    sB.subscribe(space, sSince);
    moveB.subscribe(space, mSince);
    for (String k : clientIds) {
      if (acked.containsKey(k)) continue;
      JsonObject ack = sB.request(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", k).put("text", "Message " + k), 20_000);
      assertEquals("ack", ack.getString("type"), ack.encode());
      acked.put(k, ack.getLong("seq"));
    }
    long head = acked.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    for (ClusterWs ws : List.of(sB, moveB, stayB)) {
      ws.await(f -> "event".equals(f.getString("type")) && f.getLong("seq") >= head, 20_000);
    }

    sender1.take(sB, space, sSince);
    mover1.take(moveB, space, mSince);
    Holder stay = new Holder();
    stay.take(stayB, space, head0);
    for (Holder h : List.of(sender1, mover1, stay)) {
      List<Long> expected = new ArrayList<>();
      for (long s = head0 + 1; s <= h.last(head0); s++) expected.add(s);
      assertEquals(expected, h.seqs, "every seq once, in order");
      assertTrue(h.last(head0) >= head);
      Map<String, Long> messages = new HashMap<>();
      for (JsonObject e : h.events.values()) {
        if (!"message.created".equals(e.getString("kind"))) continue;
        Long before = messages.put(e.getJsonObject("data").getString("clientId"), e.getLong("seq"));
        assertEquals(null, before, "a message appears once");
      }
      assertEquals(new TreeSet<>(clientIds), new TreeSet<>(messages.keySet()), "every message is held");
      assertEquals(acked, messages, "each message under the seq its ack gave");
    }
    sA.close();
    moveA.close();
    sB.close();
    moveB.close();
    stayB.close();
    long gaps = stay.events.values().stream().filter(e -> "gap".equals(e.getString("kind"))).count();
    System.out.printf("failover: %d sent to A before kill, %d acknowledged by A, presence corrected in %d ms, member dropped in %d ms,"
        + " %d gap(s), head %d%n", sentBeforeKill, ackedBeforeKill.size(), presenceMs, memberMs, gaps, head);
    assertTrue(presenceMs < 15_000, "presence corrected in " + presenceMs + " ms");
  }
}
