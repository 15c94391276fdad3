package atelier.search;

import atelier.support.TempDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The index of a node in its own JVM, on the embedded store: kill -9, restart, rebuild. */
@DisplayName("Search index recovery")
class SearchRecoveryTest {
  static Vertx vertx;

  @BeforeAll
  static void init() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("after a kill -9 the index replays the logs from its last commit; reindex rebuilds it from the store; a corrupt index is rebuilt at start")
  void crashThenReplayThenRebuild() throws Exception {
    Path data = TempDirs.create("atelier-search-crash");
    int port = NodeProcess.freePort();
    List<String> ids = new ArrayList<>();
    String space;
    // Commits far apart: everything indexed before the kill is lost with it, so the restart must replay.
    try (NodeProcess node = NodeProcess.launch(data, port, Map.of("ATELIER_SEARCH_COMMIT_MS", "3600000")).awaitReady()) {
      Api api = new Api(vertx, port);
      String admin = api.adminToken();
      Api.Reply s = api.post("/api/spaces", admin, new JsonObject().put("kind", "squad").put("name", "Forêt").put("theme", "Bois"));
      assertEquals(201, s.status(), s.toString());
      space = s.json().getString("id");
      String me = api.get("/api/me", admin).json().getString("id");
      assertEquals(200, api.post("/api/spaces/" + space + "/members", admin, new JsonObject().put("user", me).put("role", "coordinator")).status());
      for (int i = 0; i < 60; i++) {
        Api.Reply r = api.post("/api/spaces/" + space + "/channels/general/messages", admin,
            new JsonObject().put("clientId", UUID.randomUUID().toString()).put("text", "Relevé d'hygrométrie numéro " + i));
        assertEquals(201, r.status(), r.toString());
        ids.add(r.json().getJsonObject("message").getString("id"));
      }
      // More spaces than the feed reads at a time: all of them must be caught up after the restart.
      for (int i = 0; i < 12; i++) {
        Api.Reply sq = api.post("/api/spaces", admin, new JsonObject().put("kind", "squad").put("name", "Station " + i).put("theme", "Vent"));
        String station = sq.json().getString("id");
        assertEquals(200, api.post("/api/spaces/" + station + "/members", admin, new JsonObject().put("user", me).put("role", "member")).status());
        assertEquals(201, api.post("/api/spaces/" + station + "/channels/general/messages", admin,
            new JsonObject().put("clientId", UUID.randomUUID().toString()).put("text", "Relevé d'anémomètre " + i)).status());
      }
      Api.Reply edit = api.patch("/api/spaces/" + space + "/messages/" + ids.get(0), admin, new JsonObject().put("text", "Relevé de thermographie"));
      assertEquals(200, edit.status(), edit.toString());
      Api.Reply deleted = api.delete("/api/spaces/" + space + "/messages/" + ids.get(1), admin);
      assertEquals(200, deleted.status(), deleted.toString());
      new SearchClient(api).until(admin, "hygrometrie", "limit=100", r -> r.size() == 58);
      node.kill();
    }
    assertTrue(SearchIndex.committedPositions(data.resolve("search")).getOrDefault(space, 0L) < 63, "nothing committed before the kill");

    int port2 = NodeProcess.freePort();
    try (NodeProcess node = NodeProcess.launch(data, port2, Map.of()).awaitReady()) {
      Api api = new Api(vertx, port2);
      String admin = api.adminToken();
      SearchClient search = new SearchClient(api);
      List<String> expected = new ArrayList<>(ids.subList(2, ids.size()));
      search.until(admin, "hygrometrie", "limit=100", r -> SearchClient.ids(r).containsAll(expected) && r.size() == expected.size());
      search.until(admin, "thermographie", r -> SearchClient.ids(r).equals(List.of(ids.get(0))));
      search.until(admin, "anemometre", "kind=message", r -> r.size() == 12);
      node.terminate();
    }

    // Rebuild from the store, with the old index gone.
    deleteTree(data.resolve("search"));
    NodeProcess reindex = NodeProcess.launch(data, NodeProcess.freePort(), Map.of(), "reindex");
    assertEquals(0, reindex.awaitExit(), String.join("\n", reindex.output));
    String report = reindex.output.stream().filter(l -> l.startsWith("Search index rebuilt")).findFirst().orElseThrow(
        () -> new AssertionError(String.join("\n", reindex.output)));
    Matcher m = Pattern.compile(": (\\d+) documents").matcher(report);
    assertTrue(m.find(), report);
    // 59 messages (one deleted) and the squad's card; 12 stations with a message each
    assertEquals(60 + 24, Integer.parseInt(m.group(1)), report);
    Map<String, Long> positions = SearchIndex.committedPositions(data.resolve("search"));
    assertTrue(positions.getOrDefault(space, 0L) >= 63, positions.toString());

    // A corrupt index does not stop the node: it is rebuilt from the logs.
    try (var files = Files.list(data.resolve("search"))) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
      }
    }
    int port3 = NodeProcess.freePort();
    try (NodeProcess node = NodeProcess.launch(data, port3, Map.of()).awaitReady()) {
      Api api = new Api(vertx, port3);
      List<String> expected = new ArrayList<>(ids.subList(2, ids.size()));
      new SearchClient(api).until(api.adminToken(), "hygrometrie", "limit=100",
          r -> SearchClient.ids(r).containsAll(expected) && r.size() == expected.size());
      assertTrue(node.output.stream().anyMatch(l -> l.contains("rebuilding it from the logs")), String.join("\n", node.output));
      node.terminate();
    }
  }

  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) return;
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.delete(p);
    }
  }
}
