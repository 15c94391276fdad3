package atelier.cluster;

import static atelier.cluster.ClusterMember.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.TestNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sessions are shared by the nodes, so ending one on node a must close the sockets opened with it on
 * node b: the notice travels on the clustered event bus.
 */
@DisplayName("Cluster: a session ended on one node closes its sockets on the other (4401)")
class ClusterSessionEndTest {
  static final String DB = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  static ClusterMember a;
  static ClusterMember b;
  static String admin;

  @BeforeAll
  static void startCluster() {
    int portA = ClusterMember.freePort();
    int portB = ClusterMember.freePort();
    a = ClusterMember.start("node-a", portA, List.of(portA, portB), DB, Map.of());
    b = ClusterMember.start("node-b", portB, List.of(portA, portB), DB, Map.of());
    waitUntil("both members to see each other", 20_000,
        () -> a.membership().nodeIds().size() == 2 && b.membership().nodeIds().size() == 2);
    admin = a.login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stopCluster() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  private static void closedForSessionEnd(ClusterWs ws) {
    waitUntil("the socket on node b to be closed", 20_000, () -> ws.closed);
    assertEquals((short) 4401, ws.ws.closeStatusCode());
    assertEquals("session ended", ws.ws.closeReason());
  }

  @Test
  @DisplayName("disabling an account on a closes its sockets on b; signing out on a closes that session's socket on b")
  void acrossNodes() {
    ClusterWorld world = new ClusterWorld(a, admin);
    ClusterWorld.Person x = world.person("xavier");
    ClusterWorld.Person y = world.person("yasmine");
    String space = world.squad(x, y);
    String xOnB = b.login(x.email(), ClusterWorld.PASSWORD);
    String yFirst = a.login(y.email(), ClusterWorld.PASSWORD);
    String ySecond = b.login(y.email(), ClusterWorld.PASSWORD);
    try (ClusterWs xs = ClusterWs.connect(b.vertx, b.port(), xOnB);
        ClusterWs ys1 = ClusterWs.connect(b.vertx, b.port(), yFirst);
        ClusterWs ys2 = ClusterWs.connect(b.vertx, b.port(), ySecond)) {
      xs.subscribe(space, 0);
      assertEquals(200, a.call(HttpMethod.PATCH, "/api/users/" + x.id(), admin, new JsonObject().put("disabled", true)).status());
      closedForSessionEnd(xs);

      assertEquals(204, a.post("/api/auth/logout", yFirst, null).status());
      closedForSessionEnd(ys1);
      JsonObject pong = ys2.request(new JsonObject().put("type", "ping"), 10_000);
      assertEquals("pong", pong.getString("type"));
      assertFalse(ys2.closed);
      // Nothing the disabled account sent reached the space.
      NodeClient.Reply history = b.get("/api/spaces/" + space + "/channels/general/messages", ySecond);
      assertTrue(history.json().getJsonArray("messages").isEmpty(), history.toString());
    }
  }
}
