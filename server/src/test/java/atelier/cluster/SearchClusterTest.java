package atelier.cluster;

import static atelier.cluster.ClusterMember.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import atelier.support.TestNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each node keeps its own search index from the shared logs: what one node commits, every node finds. */
@DisplayName("Search in a cluster: one index per node, fed from the shared logs")
class SearchClusterTest {
  static final String DB = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  static ClusterMember a;
  static ClusterMember b;
  static String admin;

  @BeforeAll
  static void startCluster() {
    int portA = ClusterMember.freePort();
    int portB = ClusterMember.freePort();
    a = ClusterMember.start("search-a", portA, List.of(portA, portB), DB, Map.of());
    b = ClusterMember.start("search-b", portB, List.of(portA, portB), DB, Map.of());
    waitUntil("both members to see each other", 20_000,
        () -> a.membership().nodeIds().size() == 2 && b.membership().nodeIds().size() == 2);
    admin = a.login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stopCluster() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  static List<String> found(NodeClient node, String token, String q) {
    NodeClient.Reply r = node.get("/api/search?kind=message&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
    if (r.status() != 200) throw new AssertionError(r.toString());
    JsonArray results = r.json().getJsonArray("results");
    return results.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  @DisplayName("a message sent through one node is found through the other; its edit and deletion too")
  void bothNodesFindWhatEitherCommits() {
    ClusterWorld world = new ClusterWorld(a, admin);
    ClusterWorld.Person x = world.person("xavier");
    String space = world.squad(x);
    String tx = a.login(x.email(), ClusterWorld.PASSWORD);
    String tb = b.login(x.email(), ClusterWorld.PASSWORD);
    NodeClient.Reply sent = a.post("/api/spaces/" + space + "/channels/general/messages", tx,
        new JsonObject().put("clientId", UUID.randomUUID().toString()).put("text", "Inventaire des érablières du Bas-Saint-Laurent"));
    assertEquals(201, sent.status(), sent.toString());
    String id = sent.json().getJsonObject("message").getString("id");
    waitUntil("node b to index the message of node a", 20_000, () -> found(b, tb, "erabliere").equals(List.of(id)));
    waitUntil("node a to index its own message", 20_000, () -> found(a, tx, "érablières").equals(List.of(id)));

    NodeClient.Reply edited = b.call(HttpMethod.PATCH, "/api/spaces/" + space + "/messages/" + id, tb,
        new JsonObject().put("text", "Inventaire des tourbières du Bas-Saint-Laurent"));
    assertEquals(200, edited.status(), edited.toString());
    waitUntil("node a to see the edit made through node b", 20_000,
        () -> found(a, tx, "tourbiere").equals(List.of(id)) && found(a, tx, "erabliere").isEmpty());

    assertEquals(200, a.call(HttpMethod.DELETE, "/api/spaces/" + space + "/messages/" + id, tx, null).status());
    waitUntil("node b to see the deletion made through node a", 20_000, () -> found(b, tb, "tourbiere").isEmpty());
  }
}
