package atelier.docs;

import atelier.support.TempDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.docs.ot.RandomText;
import atelier.support.Api;
import atelier.support.NodeProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A node killed with SIGKILL while people type: no acknowledged or broadcast revision is lost. */
@DisplayName("Shared documents across a kill -9")
class DocumentCrashTest {
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
  @DisplayName("every revision an editor was shown survives the kill, and the editors then resume and converge")
  void killNineWhileTyping() throws Exception {
    Path data = TempDirs.create("atelier-docs-crash");
    int port = NodeProcess.freePort();
    String space;
    String doc;
    List<String> tokens = new ArrayList<>();
    List<LiveEditor> editors = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      try (NodeProcess node = NodeProcess.launch(data, port, Map.of()).awaitReady()) {
        Api api = new Api(vertx, port);
        String admin = api.adminToken();
        String org = api.post("/api/organisations", admin, new JsonObject().put("name", "Centre")).json().getString("id");
        space = api.post("/api/spaces", admin, new JsonObject().put("kind", "squad").put("name", "Escouade").put("theme", "Bois"))
            .json().getString("id");
        for (int i = 0; i < 3; i++) {
          String email = "plume" + i + "@cctt.test";
          String user = api.post("/api/users", admin, new JsonObject().put("email", email).put("name", "Plume " + i)
              .put("password", "person-secret-1").put("organisation", org)).json().getString("id");
          assertEquals(200, api.post("/api/spaces/" + space + "/members", admin,
              new JsonObject().put("user", user).put("role", "member")).status());
          tokens.add(api.token(email, "person-secret-1"));
        }
        doc = api.post("/api/spaces/" + space + "/documents", tokens.get(0), new JsonObject().put("title", "Brouillon"))
            .json().getString("id");
        for (String t : tokens) editors.add(new LiveEditor(vertx, port, t, space, doc));
        AtomicBoolean stop = new AtomicBoolean();
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < editors.size(); i++) {
          LiveEditor e = editors.get(i);
          Random r = new Random(11 + i);
          runs.add(CompletableFuture.runAsync(() -> {
            try {
              while (!stop.get()) {
                e.edit(RandomText.operation(e.text, r, true));
                e.pump(r.nextInt(10));
              }
            } catch (RuntimeException | AssertionError gone) {
              // the socket died under it: what it holds is checked below
            }
          }, pool));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (editors.stream().mapToLong(e -> e.rev).min().orElse(0) < 40 && System.nanoTime() < deadline) Thread.sleep(20);
        node.kill();
        stop.set(true);
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }
      long shown = editors.stream().mapToLong(e -> e.rev).max().orElseThrow();
      assertTrue(shown >= 40, "editors were shown " + shown + " revisions");
      try (NodeProcess node = NodeProcess.launch(data, port, Map.of()).awaitReady()) {
        Api api = new Api(vertx, port);
        String path = "/api/spaces/" + space + "/documents/" + doc;
        JsonObject head = api.get(path, tokens.get(0)).json();
        assertTrue(head.getLong("rev") >= shown, "head " + head.getLong("rev") + " < shown " + shown);
        for (LiveEditor e : editors) {
          assertEquals(e.confirmed, api.get(path + "?rev=" + e.rev, tokens.get(0)).json().getString("text"),
              "the text at revision " + e.rev + " as its editor saw it");
        }
        for (LiveEditor e : editors) e.connect(port);
        for (LiveEditor e : editors) e.pumpUntil(LiveEditor::synced);
        JsonObject end = api.get(path, tokens.get(0)).json();
        for (LiveEditor e : editors) {
          e.pumpUntil(x -> x.rev == end.getLong("rev"));
          assertEquals(end.getString("text"), e.text);
        }
      }
    } finally {
      pool.shutdownNow();
      editors.forEach(e -> {
        try {
          e.close();
        } catch (RuntimeException ignored) {
          // already closed
        }
      });
    }
  }
}
