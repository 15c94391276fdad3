package atelier.cluster;

import static atelier.cluster.ClusterMember.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.app.ClusterServices;
import atelier.events.Event;
import atelier.events.EventLog;
import atelier.support.TestNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real Hazelcast members in this JVM (each its own clustered Vert.x and node) over one store:
 * one workspace whichever node you reach. The members are shared by the tests of the class.
 */
@DisplayName("Cluster: two Hazelcast members, one workspace")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  static final String DB = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  static int portA;
  static int portB;
  static ClusterMember a;
  static ClusterMember b;
  static String admin;
  /** Short gap timeout and no presence grace, so that tests need not wait. */
  static final Map<String, String> FAST = Map.of("limits.gapTimeoutMs", "500", "limits.presenceGraceMs", "0");

  @BeforeAll
  static void startCluster() {
    portA = ClusterMember.freePort();
    portB = ClusterMember.freePort();
    List<Integer> members = List.of(portA, portB);
    a = ClusterMember.start("node-a", portA, members, DB, FAST);
    b = ClusterMember.start("node-b", portB, members, DB, FAST);
    waitUntil("both members to see each other", 20_000,
        () -> a.membership().nodeIds().size() == 2 && b.membership().nodeIds().size() == 2);
    admin = a.login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stopCluster() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  record Squad(ClusterWorld.Person x, ClusterWorld.Person y, String space) {}

  /** Two new people, members of a new squad, made through node a. */
  static Squad xavierAndYasmine() {
    ClusterWorld world = new ClusterWorld(a, admin);
    ClusterWorld.Person x = world.person("xavier");
    ClusterWorld.Person y = world.person("yasmine");
    return new Squad(x, y, world.squad(x, y));
  }

  @Test
  @Order(1)
  @DisplayName("/health of each node lists both members by name, status UP")
  void health() {
    for (ClusterMember m : List.of(a, b)) {
      JsonObject h = m.get("/health", null).json();
      assertEquals("UP", h.getString("status"), h.encode());
      assertEquals(m.name, h.getString("node"));
      JsonObject cluster = h.getJsonObject("cluster");
      assertEquals(true, cluster.getBoolean("enabled"));
      List<String> names = cluster.getJsonArray("members").stream().map(o -> ((JsonObject) o).getString("name")).toList();
      assertEquals(List.of("node-a", "node-b"), names, h.encode());
    }
  }

  @Test
  @Order(2)
  @DisplayName("a token made on one node works on the other; signing out on one ends it on both")
  void tokenAcrossNodes() {
    String token = a.login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
    NodeClient.Reply me = b.get("/api/me", token);
    assertEquals(200, me.status(), me.toString());
    assertEquals(TestNode.ADMIN_EMAIL, me.json().getString("email"));
    assertEquals(204, b.post("/api/auth/logout", token, null).status());
    assertEquals(401, a.get("/api/me", token).status());
    assertEquals(401, b.get("/api/me", token).status());
  }

  @Test
  @Order(3)
  @DisplayName("events committed on one node reach the other node's event bus in seq order, once each")
  void eventsCrossNodes() {
    String space = "s-" + UUID.randomUUID();
    List<Long> seen = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = b.vertx.eventBus().<JsonObject>consumer(EventLog.ADDRESS, m -> {
      if (space.equals(m.body().getString("space"))) seen.add(m.body().getLong("seq"));
    });
    consumer.completion().await();
    EventLog logA = a.atelier.services().eventLog;
    for (int i = 1; i <= 40; i++) {
      logA.append(space, "test.ping", null, new JsonObject().put("i", i)).await();
    }
    waitUntil("40 events on node b", 10_000, () -> seen.size() >= 40);
    consumer.unregister().await();
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= 40; i++) expected.add(i);
    assertEquals(expected, seen);
  }

  @Test
  @Order(4)
  @DisplayName("writers on both nodes appending to one space at once get seq 1..N, no duplicate, no hole")
  void concurrentAppends() {
    String space = "s-" + UUID.randomUUID();
    int perNode = 60;
    List<Future<Event>> all = new ArrayList<>();
    for (int i = 0; i < perNode; i++) {
      all.add(a.atelier.services().eventLog.append(space, "test.a", null, new JsonObject().put("i", i)));
      all.add(b.atelier.services().eventLog.append(space, "test.b", null, new JsonObject().put("i", i)));
    }
    Future.all(all).await();
    Set<Long> seqs = all.stream().map(f -> f.result().seq()).collect(Collectors.toSet());
    assertEquals(2 * perNode, seqs.size(), "every acknowledged append has its own seq");
    // A seq allocated but never written (a writer retried after a conflict) is a hole; readers wait
    // for it, then fill it with a `gap` event after limits.gapTimeoutMs. Nothing is ever skipped.
    List<Event> log = new ArrayList<>();
    waitUntil("the log to be complete up to the highest seq", 10_000, () -> {
      log.clear();
      log.addAll(b.atelier.services().eventLog.readContiguous(space, 0, 1000).await());
      return !log.isEmpty() && log.get(log.size() - 1).seq() >= Collections.max(seqs);
    });
    for (int i = 0; i < log.size(); i++) assertEquals(i + 1, log.get(i).seq(), "contiguous");
    List<Event> real = log.stream().filter(e -> !e.kind().equals(EventLog.GAP)).toList();
    assertEquals(2 * perNode, real.size(), "each append exactly once");
    assertEquals(seqs, real.stream().map(Event::seq).collect(Collectors.toSet()), "the log holds exactly the acknowledged seqs");
    for (String kind : List.of("test.a", "test.b")) {
      Set<Integer> is = real.stream().filter(e -> e.kind().equals(kind)).map(e -> e.data().getInteger("i")).collect(Collectors.toSet());
      assertEquals(perNode, is.size(), kind);
    }
    System.out.println("concurrent appends: " + (log.size() - real.size()) + " gap(s) in " + log.size() + " seqs");
  }

  @Test
  @Order(5)
  @DisplayName("a singleton job runs on one node at a time, about once per period for the whole cluster")
  void singleton() throws Exception {
    String job = "test-" + UUID.randomUUID();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<String> runs = Collections.synchronizedList(new ArrayList<>());
    long period = 300;
    Singleton[] jobs = new Singleton[2];
    ClusterMember[] nodes = {a, b};
    for (int i = 0; i < 2; i++) {
      ClusterMember m = nodes[i];
      jobs[i] = m.vertx.getOrCreateContext().<Singleton>executeBlocking(() -> null).compose(x -> Future.succeededFuture(
          Singleton.every(m.vertx, job, Duration.ofMillis(period), () -> {
            if (running.incrementAndGet() > 1) overlaps.incrementAndGet();
            runs.add(m.name);
            return m.vertx.timer(60).onComplete(ar -> running.decrementAndGet());
          }))).await();
    }
    long t0 = System.currentTimeMillis();
    // Waits for runs rather than for a fixed time: on a loaded machine Hazelcast's first lock can take seconds.
    waitUntil("six runs of the job", 30_000, () -> runs.size() >= 6);
    jobs[0].cancel();
    jobs[1].cancel();
    long elapsed = System.currentTimeMillis() - t0;
    Thread.sleep(2 * period);
    assertEquals(0, overlaps.get(), "never two runs at once");
    long max = elapsed / period + 2;
    assertTrue(runs.size() <= max, "at most about once per period: " + runs.size() + " runs in " + elapsed + " ms: " + runs);
  }

  @Test
  @Order(6)
  @DisplayName("the session purge deletes expired sessions only")
  void sessionPurge() {
    var sessions = a.atelier.services().store.collection("sessions");
    String expired = "expired-" + UUID.randomUUID();
    atelier.store.Reactive.one(sessions.insertOne(new Document("_id", expired).append("user", "u")
        .append("csrf", "x").append("expiresAt", new java.util.Date(System.currentTimeMillis() - 60_000)))).await();
    String token = b.login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
    long purged = ClusterServices.purgeExpiredSessions(b.atelier.services()).await();
    assertTrue(purged >= 1);
    assertTrue(atelier.store.Reactive.first(sessions.find(new Document("_id", expired))).await().isEmpty());
    assertEquals(200, a.get("/api/me", token).status(), "live sessions stay");
  }

  @Test
  @Order(7)
  @DisplayName("/metrics is Prometheus text (Micrometer), per node: members, gateway, Vert.x HTTP and event bus by address, store latency")
  void metrics() {
    NodeClient.Reply r = a.get("/metrics", admin);
    assertEquals(200, r.status());
    String text = r.raw().toString();
    assertTrue(text.contains("# TYPE atelier_gateway_connections gauge"), text);
    assertTrue(text.contains("atelier_cluster_members{node=\"node-a\"} 2"), text);
    assertTrue(text.contains("vertx_http_server_requests_total{"), text);
    assertTrue(text.contains("atelier_events_received_total{node=\"node-a\"}"), text);
    assertTrue(text.contains("atelier_store_latency_seconds_count{node=\"node-a\"}"), text);
    assertTrue(text.matches("(?s).*vertx_eventbus_published_total\\{address=\"atelier\\.events\",node=\"node-a\".*"), text);
  }

  @Test
  @Order(8)
  @DisplayName("WebSocket: a message sent on one node reaches a subscriber on the other; presence counts each person once across nodes")
  void liveAndPresenceAcrossNodes() {
    Squad squad = xavierAndYasmine();
    ClusterWorld.Person x = squad.x();
    ClusterWorld.Person y = squad.y();
    String space = squad.space();
    String tx = a.login(x.email(), ClusterWorld.PASSWORD);
    String ty = b.login(y.email(), ClusterWorld.PASSWORD);
    try (ClusterWs xa = ClusterWs.connect(a.vertx, a.port(), tx);
         ClusterWs xb = ClusterWs.connect(b.vertx, b.port(), tx);
         ClusterWs yb = ClusterWs.connect(b.vertx, b.port(), ty)) {
      long head = xa.subscribe(space, 0).getLong("head");
      xb.subscribe(space, 0);
      yb.subscribe(space, 0);
      List<String> both = new ArrayList<>(List.of(x.id(), y.id()));
      Collections.sort(both);
      xa.await(f -> "presence".equals(f.getString("type")) && both.equals(f.getJsonArray("online").getList()), 10_000);
      yb.await(f -> "presence".equals(f.getString("type")) && both.equals(f.getJsonArray("online").getList()), 10_000);
      JsonObject ack = xa.request(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", "k1").put("text", "Bonjour de A"), 10_000);
      assertEquals("ack", ack.getString("type"), ack.encode());
      long seq = ack.getLong("seq");
      assertEquals(head + 1, seq);
      JsonObject ev = yb.await(f -> "event".equals(f.getString("type")) && f.getLong("seq") == seq, 10_000);
      assertEquals("Bonjour de A", ev.getJsonObject("data").getString("text"));
      // the same clientId again, through the other node: the same seq, no second message
      JsonObject again = xb.request(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", "k1").put("text", "Bonjour de A"), 10_000);
      assertEquals(seq, again.getLong("seq"));
      // x leaves node a but is still online through node b: x stays online
      xa.close();
      yb.close();
      xb.await(f -> "presence".equals(f.getString("type")) && List.of(x.id()).equals(f.getJsonArray("online").getList()), 10_000);
      assertEquals(List.of(seq), xb.seqs(space));
    }
  }

  @Test
  @Order(8)
  @DisplayName("a member removed on one node can no longer send through the other, whose cached role the removal event clears")
  void removalReachesTheOtherNodesCache() {
    Squad squad = xavierAndYasmine();
    ClusterWorld.Person x = squad.x();
    ClusterWorld.Person y = squad.y();
    String space = squad.space();
    String tx = b.login(x.email(), ClusterWorld.PASSWORD);
    String ty = b.login(y.email(), ClusterWorld.PASSWORD);
    try (ClusterWs xb = ClusterWs.connect(b.vertx, b.port(), tx); ClusterWs yb = ClusterWs.connect(b.vertx, b.port(), ty)) {
      yb.subscribe(space, 0);
      JsonObject first = xb.request(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", "before").put("text", "avant"), 10_000);
      assertEquals("ack", first.getString("type"), first.encode());
      assertEquals(204, a.call(io.vertx.core.http.HttpMethod.DELETE, "/api/spaces/" + space + "/members/" + x.id(), admin, null).status());
      // Once node b has the event, its cache no longer holds x's role.
      yb.await(f -> "event".equals(f.getString("type")) && "member.left".equals(f.getString("kind")), 10_000);
      JsonObject after = xb.request(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", "after").put("text", "après"), 10_000);
      assertEquals("forbidden", after.getString("code"), after.encode());
    }
  }

  @Test
  @Order(5)
  @DisplayName("the sign-in throttle counts failures on every node together: 3 on one and 2 on the other lock the pair on both")
  void loginThrottleAcrossNodes() {
    ClusterWorld.Person p = new ClusterWorld(a, admin).person("guessed");
    JsonObject wrong = new JsonObject().put("email", p.email()).put("password", "pas-le-bon");
    for (int i = 0; i < 3; i++) assertEquals(401, a.post("/api/auth/login", null, wrong).status());
    for (int i = 0; i < 2; i++) assertEquals(401, b.post("/api/auth/login", null, wrong).status());
    // auth.loginMaxFailures is 5: each node alone has seen fewer.
    assertEquals(429, a.post("/api/auth/login", null, wrong).status());
    assertEquals(429, b.post("/api/auth/login", null, wrong).status());
  }

  @Test
  @Order(5)
  @DisplayName("a person's rate budget is counted across nodes: twice the rate per second in all, whichever node counts")
  void rateAcrossNodes() {
    var budgetsA = a.atelier.services().platform.budgets().define("cluster.test", 1);
    var budgetsB = b.atelier.services().platform.budgets().define("cluster.test", 1);
    String user = "u" + UUID.randomUUID();
    for (int attempt = 0; attempt < 5; attempt++) {
      String who = user + attempt;
      long window = System.currentTimeMillis() / 1000;
      boolean first = budgetsA.allowAcrossNodes(who, "cluster.test").await();
      boolean second = budgetsB.allowAcrossNodes(who, "cluster.test").await();
      boolean third = budgetsA.allowAcrossNodes(who, "cluster.test").await();
      boolean fourth = budgetsB.allowAcrossNodes(who, "cluster.test").await();
      if (System.currentTimeMillis() / 1000 != window) continue; // straddled two windows: count again
      assertTrue(first && second, "two per second are allowed");
      assertTrue(!third && !fourth, "the third and fourth in the same second are refused, on either node");
      return;
    }
    throw new AssertionError("could not fit four calls in one second");
  }

  @Test
  @Order(9)
  @DisplayName("a node that joins late serves at once; when it leaves the others are told and keep serving")
  void lateJoinerAndLeave() {
    int portC = ClusterMember.freePort();
    List<String> left = new CopyOnWriteArrayList<>();
    a.membership().onLeft(left::add);
    Set<String> joinedSeen = new HashSet<>();
    ClusterMember c = ClusterMember.start("node-c", portC, List.of(portA, portB, portC), DB, FAST);
    String cId;
    try {
      cId = c.membership().nodeId();
      waitUntil("node a to see node c", 10_000, () -> a.membership().nodeIds().contains(cId));
      joinedSeen.addAll(a.membership().nodeIds());
      String token = c.login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
      assertEquals(200, a.get("/api/me", token).status());
      JsonArray members = c.get("/health", null).json().getJsonObject("cluster").getJsonArray("members");
      assertEquals(3, members.size(), members.encode());
    } finally {
      c.close();
    }
    waitUntil("node a to hear that node c left", 15_000, () -> left.contains(cId));
    assertEquals(2, a.membership().nodeIds().size());
    assertEquals(3, joinedSeen.size());
    assertEquals(200, b.get("/api/me", admin).status());
  }
}
