package atelier.cluster;

import static atelier.cluster.ClusterMember.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.docs.LiveEditor;
import atelier.docs.ot.RandomText;
import atelier.support.TestNode;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Several people type into one document at once through two clustered nodes (real Hazelcast
 * members, one shared store): the unique (doc, rev) index arbitrates between the nodes, each
 * socket gets every revision in order, and everyone ends with the server's text.
 */
@DisplayName("Shared documents on two clustered nodes")
class DocumentClusterTest {
  static final String DB = "d" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  static ClusterMember a;
  static ClusterMember b;
  static String admin;

  @BeforeAll
  static void startCluster() {
    int portA = ClusterMember.freePort();
    int portB = ClusterMember.freePort();
    List<Integer> members = List.of(portA, portB);
    a = ClusterMember.start("doc-a", portA, members, DB, Map.of());
    b = ClusterMember.start("doc-b", portB, members, DB, Map.of());
    waitUntil("both members to see each other", 20_000,
        () -> a.membership().nodeIds().size() == 2 && b.membership().nodeIds().size() == 2);
    admin = a.login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stopCluster() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  @Test
  @DisplayName("six editors on two nodes typing at once, reconnecting to the other node, all converge to the server's text")
  void editorsOnTwoNodesConverge() throws Exception {
    ClusterWorld world = new ClusterWorld(a, admin);
    List<ClusterWorld.Person> people = new ArrayList<>();
    for (int i = 0; i < 6; i++) people.add(world.person("ed" + i));
    String space = world.squad(people.toArray(ClusterWorld.Person[]::new));
    List<String> tokens = people.stream().map(p -> a.login(p.email(), ClusterWorld.PASSWORD)).toList();
    NodeClient.Reply made = a.post("/api/spaces/" + space + "/documents", tokens.get(0),
        new JsonObject().put("title", "Proposition de projet").put("text", "Début.\n"));
    assertEquals(201, made.status(), made.toString());
    String doc = made.json().getString("id");

    List<LiveEditor> editors = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ClusterMember node = i % 2 == 0 ? a : b;
      editors.add(new LiveEditor(node.vertx, node.port(), tokens.get(i), space, doc));
    }
    ExecutorService pool = Executors.newFixedThreadPool(editors.size());
    try {
      List<CompletableFuture<Void>> runs = new ArrayList<>();
      for (int i = 0; i < editors.size(); i++) {
        LiveEditor e = editors.get(i);
        int index = i;
        runs.add(CompletableFuture.runAsync(() -> {
          Random r = new Random(77 + index);
          boolean onA = index % 2 == 0;
          for (int n = 0; n < 50; n++) {
            e.edit(RandomText.operation(e.text, r, true));
            e.pump(r.nextInt(15));
            if (n % 17 == 16) { // the socket drops; the person comes back through the other node
              onA = !onA;
              e.connect((onA ? a : b).port());
            }
          }
          e.pumpUntil(LiveEditor::synced);
        }, pool));
      }
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
      JsonObject onA = a.get("/api/spaces/" + space + "/documents/" + doc, tokens.get(0)).json();
      JsonObject onB = b.get("/api/spaces/" + space + "/documents/" + doc, tokens.get(1)).json();
      assertEquals(onA.getLong("rev"), onB.getLong("rev"));
      assertEquals(onA.getString("text"), onB.getString("text"));
      for (LiveEditor e : editors) {
        e.pumpUntil(x -> x.rev == onA.getLong("rev"));
        assertEquals(onA.getString("text"), e.text);
        assertTrue(e.drainErrors().isEmpty());
      }
      assertTrue(onA.getLong("rev") >= 30, "revisions: " + onA.getLong("rev"));
    } finally {
      pool.shutdownNow();
      editors.forEach(LiveEditor::close);
    }
  }
}
