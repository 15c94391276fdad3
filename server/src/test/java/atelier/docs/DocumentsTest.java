package atelier.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.docs.ot.RandomText;
import atelier.docs.ot.TextOperation;
import atelier.realtime.WsClient;
import atelier.support.Api;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Shared documents: REST, live operations, history and rights, over real HTTP and WebSocket")
class DocumentsTest {
  static final int LIMIT = 4000;
  static TestNode node;
  static World world;
  static Api api;
  static World.Person coordinator;
  static World.Person member;
  static World.Person other;
  static World.Person observer;
  static World.Person outsider;
  static String space;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("limits.documentBytes", Integer.toString(LIMIT)));
    world = new World(node);
    api = node.api;
    coordinator = world.person("coord");
    member = world.person("membre");
    other = world.person("autre");
    observer = world.person("obs");
    outsider = world.person("dehors");
    space = world.activeGroup(coordinator);
    world.add(space, member, "member");
    world.add(space, other, "member");
    world.add(space, observer, "observer");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String docs() {
    return "/api/spaces/" + space + "/documents";
  }

  static String create(World.Person who, String title, String text) {
    JsonObject body = new JsonObject().put("title", title);
    if (text != null) body.put("text", text);
    Api.Reply r = api.post(docs(), who.token(), body);
    assertEquals(201, r.status(), r.toString());
    return r.json().getString("id");
  }

  LiveEditor editor(World.Person who, String doc) {
    return new LiveEditor(node.vertx, node.port(), who.token(), space, doc);
  }

  @Test
  @DisplayName("create blank, with text or from a template; list with the last editor; rename; events in the space log")
  void createListRename() {
    try (WsClient ws = WsClient.connect(node.vertx, node.port(), member.token())) {
      ws.subscribe(space, 0);
      String blank = create(member, "Notes", null);
      JsonObject created = ws.next(f -> "event".equals(f.getString("type")) && "document.created".equals(f.getString("kind")));
      assertEquals(blank, created.getJsonObject("data").getJsonObject("document").getString("id"));

      Api.Reply fromTemplate = api.post(docs(), member.token(), new JsonObject().put("title", "Réunion").put("template", "meeting"));
      assertEquals(201, fromTemplate.status());
      assertTrue(fromTemplate.json().getString("text").startsWith("# Compte rendu de réunion"));
      assertEquals(1, fromTemplate.json().getLong("rev"));

      Api.Reply got = api.get(docs() + "/" + blank, observer.token());
      assertEquals(200, got.status());
      assertEquals("", got.json().getString("text"));

      Api.Reply renamed = api.patch(docs() + "/" + blank, other.token(), new JsonObject().put("title", "Notes d’équipe"));
      assertEquals(200, renamed.status());
      JsonObject updated = ws.next(f -> "event".equals(f.getString("type")) && "document.updated".equals(f.getString("kind")));
      assertEquals("Notes d’équipe", updated.getJsonObject("data").getJsonObject("document").getString("title"));

      JsonArray list = api.get(docs(), observer.token()).array("documents");
      JsonObject entry = list.stream().map(JsonObject.class::cast).filter(d -> d.getString("id").equals(blank)).findFirst().orElseThrow();
      assertEquals(member.id(), entry.getString("updatedBy"));
      assertNotNull(entry.getString("updatedAt"));
      assertFalse(entry.containsKey("text"));
    }
  }

  @Test
  @DisplayName("observers read only, outsiders nothing; bad input and too large are refused and change nothing")
  void rightsAndLimits() {
    String doc = create(member, "Droits", "abc");
    assertEquals(403, api.post(docs(), observer.token(), new JsonObject().put("title", "x")).status());
    assertEquals(403, api.get(docs() + "/" + doc, outsider.token()).status());
    assertEquals(403, api.get(docs(), outsider.token()).status());
    assertEquals(403, api.patch(docs() + "/" + doc, observer.token(), new JsonObject().put("title", "y")).status());
    assertEquals(400, api.post(docs(), member.token(), new JsonObject()).status());
    assertEquals(400, api.post(docs(), member.token(), new JsonObject().put("title", "x").put("extra", 1)).status());
    Api.Reply big = api.post(docs(), member.token(), new JsonObject().put("title", "Gros").put("text", "é".repeat(LIMIT / 2 + 1)));
    assertEquals(413, big.status());
    assertEquals("too_large", big.code());

    try (LiveEditor watcher = editor(observer, doc)) {
      JsonObject refused = watcher.raw(new JsonObject().put("type", "doc.op").put("rev", 1).put("clientId", "o1")
          .put("op", new JsonArray().add(3).add("!")));
      assertEquals("forbidden", refused.getString("code"), refused.encode());
    }
    try (LiveEditor e = editor(member, doc)) {
      for (JsonArray bad : List.of(new JsonArray().add(5), new JsonArray().add(0), new JsonArray().add(""),
          new JsonArray().add(true), new JsonArray().add(1.5), new JsonArray().add(-4))) {
        JsonObject refused = e.raw(new JsonObject().put("type", "doc.op").put("rev", 1).put("clientId", "bad" + bad.encode())
            .put("op", bad));
        assertEquals("bad_request", refused.getString("code"), bad.encode() + " → " + refused.encode());
      }
      JsonObject ahead = e.raw(new JsonObject().put("type", "doc.op").put("rev", 7).put("clientId", "ahead")
          .put("op", new JsonArray().add(3).add("x")));
      assertEquals("bad_request", ahead.getString("code"));
      JsonObject tooBig = e.raw(new JsonObject().put("type", "doc.op").put("rev", 1).put("clientId", "big")
          .put("op", new JsonArray().add(3).add("x".repeat(LIMIT))));
      assertEquals("too_large", tooBig.getString("code"));
    }
    Api.Reply after = api.get(docs() + "/" + doc, member.token());
    assertEquals("abc", after.json().getString("text"));
    assertEquals(1, after.json().getLong("rev"));
  }

  @Test
  @DisplayName("an operation is acknowledged to its author, broadcast to the others, and a resend of its clientId is applied once")
  void liveOperations() {
    String doc = create(member, "Direct", "Bonjour");
    try (LiveEditor a = editor(member, doc); LiveEditor b = editor(other, doc)) {
      JsonObject ack = a.raw(new JsonObject().put("type", "doc.op").put("rev", 1).put("clientId", "k1")
          .put("op", new JsonArray().add(7).add(" à tous")));
      assertEquals("ack", ack.getString("type"), ack.encode());
      assertEquals(2, ack.getLong("rev"));
      b.pumpUntil(x -> x.rev == 2);
      assertEquals("Bonjour à tous", b.text);
      // the same clientId again, even against an older revision: same revision, applied once
      JsonObject again = a.raw(new JsonObject().put("type", "doc.op").put("rev", 1).put("clientId", "k1")
          .put("op", new JsonArray().add(7).add(" à tous")));
      assertEquals(2, again.getLong("rev"));
      assertEquals("Bonjour à tous", api.get(docs() + "/" + doc, member.token()).json().getString("text"));
      // a stale operation is transformed over what came since
      JsonObject stale = a.raw(new JsonObject().put("type", "doc.op").put("rev", 1).put("clientId", "k2")
          .put("op", new JsonArray().add("« ").add(7)));
      assertEquals(3, stale.getLong("rev"));
      b.pumpUntil(x -> x.rev == 3);
      assertEquals("« Bonjour à tous", b.text);
      // cursors go to the others, never stored
      a.cursor(1, 3);
      b.pumpUntil(x -> !x.cursors.isEmpty());
      assertEquals(member.id(), b.cursors.get(0).getString("user"));
      assertEquals(new JsonArray().add(new JsonArray().add(1).add(3)), b.cursors.get(0).getJsonArray("ranges"));
    }
  }

  @Test
  @DisplayName("a client that reconnects resumes with since, resends its pending operation, and everyone converges")
  void concurrentEditorsConverge() throws Exception {
    String doc = create(member, "Ensemble", "Le texte de départ.\n");
    List<World.Person> people = List.of(member, other, coordinator, member);
    List<LiveEditor> editors = new ArrayList<>();
    for (World.Person p : people) editors.add(editor(p, doc));
    ExecutorService pool = Executors.newFixedThreadPool(editors.size());
    try {
      List<CompletableFuture<Void>> runs = new ArrayList<>();
      for (int i = 0; i < editors.size(); i++) {
        LiveEditor e = editors.get(i);
        long seed = 1000 + i;
        runs.add(CompletableFuture.runAsync(() -> {
          Random r = new Random(seed);
          for (int n = 0; n < 40; n++) {
            e.edit(RandomText.operation(e.text, r, true));
            e.pump(r.nextInt(20));
            if (n % 13 == 12) e.connect(null); // drop and resume, pending edits kept
          }
          e.pumpUntil(LiveEditor::synced);
        }, pool));
      }
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
      JsonObject server = api.get(docs() + "/" + doc, member.token()).json();
      for (LiveEditor e : editors) {
        e.pumpUntil(x -> x.rev == server.getLong("rev"));
        assertEquals(server.getString("text"), e.text);
        assertTrue(e.drainErrors().isEmpty());
      }
      // edits made while one is in flight are composed into one operation, so fewer revisions than edits
      assertTrue(server.getLong("rev") >= 20, "revisions: " + server.getLong("rev"));
    } finally {
      pool.shutdownNow();
      editors.forEach(LiveEditor::close);
    }
  }

  @Test
  @DisplayName("any past revision opens (snapshots), history groups versions, a version is restored live and downloaded")
  void historyAndRevisions() {
    String doc = create(member, "Historique", "");
    List<String> texts = new ArrayList<>();
    texts.add(""); // revision 0, the empty text
    texts.add(""); // revision 1, the text it was created with
    try (LiveEditor a = editor(member, doc); LiveEditor b = editor(other, doc)) {
      for (int i = 1; i <= 230; i++) {
        a.edit(TextOperation.builder().retain(a.text.length()).insert(i % 10 == 0 ? "\n" : "x").build());
        a.pumpUntil(LiveEditor::synced);
        texts.add(a.text);
      }
      for (long rev : new long[] {0, 1, 2, 99, 100, 101, 199, 200, 201, 231}) {
        Api.Reply r = api.get(docs() + "/" + doc + "?rev=" + rev, observer.token());
        assertEquals(200, r.status());
        assertEquals(texts.get((int) rev), r.json().getString("text"), "rev " + rev);
      }
      assertEquals(400, api.get(docs() + "/" + doc + "?rev=232", observer.token()).status());
      JsonObject history = api.get(docs() + "/" + doc + "/history", observer.token()).json();
      JsonObject newest = history.getJsonArray("versions").getJsonObject(0);
      assertEquals(231, newest.getLong("rev"));
      assertEquals(member.id(), newest.getString("author"));
      assertEquals(231, newest.getInteger("revisions"));
      assertTrue(newest.getBoolean("created", false), "the oldest version is the creation");

      Api.Reply restored = api.post(docs() + "/" + doc + "/history/restore", other.token(), new JsonObject().put("rev", 100));
      assertEquals(200, restored.status(), restored.toString());
      assertEquals(232, restored.json().getLong("rev"));
      b.pumpUntil(x -> x.rev == 232);
      assertEquals(texts.get(100), b.text);
      a.pumpUntil(x -> x.rev == 232);
      assertEquals(texts.get(100), a.text);

      Api.Reply md = api.get(docs() + "/" + doc + "/download", observer.token());
      assertEquals(200, md.status());
      assertTrue(md.headers().get("Content-Type").startsWith("text/markdown"));
      assertTrue(md.headers().get("Content-Disposition").contains("Historique.md"));
      assertEquals(texts.get(100), md.raw().toString());

      // resume from an old revision replays what was missed
      try (WsClient ws = WsClient.connect(node.vertx, node.port(), observer.token())) {
        ws.send(new JsonObject().put("type", "doc.join").put("space", space).put("doc", doc).put("since", 226).put("ref", "j"));
        JsonObject joined = ws.next(f -> "j".equals(f.getString("ref")));
        assertEquals(232, joined.getLong("rev"));
        assertFalse(joined.containsKey("text"));
        List<JsonObject> replay = ws.earlier(f -> "doc.op".equals(f.getString("type")));
        assertEquals(List.of(227L, 228L, 229L, 230L, 231L, 232L), replay.stream().map(f -> f.getLong("rev")).toList());
      }
    }
  }

  @Test
  @DisplayName("a burst of operations written against one revision all commit (those that wait together in one insert) and everyone converges")
  void burstOnOneRevision() {
    String doc = create(member, "Rafale", "abc");
    List<LiveEditor> editors = new ArrayList<>();
    try {
      for (World.Person p : List.of(member, other, coordinator, member, other, coordinator)) editors.add(editor(p, doc));
      for (int i = 0; i < editors.size(); i++) { // sent back to back, each against revision 1
        LiveEditor e = editors.get(i);
        e.edit(TextOperation.builder().retain(i % 4).insert("[" + i + "]").retain(3 - i % 4).build());
      }
      for (LiveEditor e : editors) e.pumpUntil(LiveEditor::synced);
      JsonObject server = api.get(docs() + "/" + doc, member.token()).json();
      assertEquals(1 + editors.size(), server.getLong("rev"));
      for (int i = 0; i < editors.size(); i++) assertTrue(server.getString("text").contains("[" + i + "]"), server.encode());
      for (LiveEditor e : editors) {
        e.pumpUntil(x -> x.rev == server.getLong("rev"));
        assertEquals(server.getString("text"), e.text);
        assertTrue(e.drainErrors().isEmpty());
      }
      // and the history replays to the same text
      assertEquals(server.getString("text"), api.get(docs() + "/" + doc + "?rev=" + server.getLong("rev"), member.token()).json()
          .getString("text"));
    } finally {
      editors.forEach(LiveEditor::close);
    }
  }

  @Test
  @DisplayName("while people type the list's last revision and editor lag at most a moment, and are exact once typing stops")
  void listFollowsTheHead() {
    String doc = create(member, "Suivi de tête", "");
    try (LiveEditor a = editor(member, doc); LiveEditor b = editor(other, doc)) {
      for (int i = 0; i < 30; i++) {
        LiveEditor e = i % 2 == 0 ? a : b;
        e.edit(TextOperation.builder().retain(e.text.length()).insert("x").build());
        e.pumpUntil(LiveEditor::synced);
      }
      a.pumpUntil(x -> x.rev == 31);
      long end = System.currentTimeMillis() + 20_000;
      JsonObject entry;
      do {
        entry = api.get(docs(), observer.token()).array("documents").stream().map(JsonObject.class::cast)
            .filter(d -> d.getString("id").equals(doc)).findFirst().orElseThrow();
      } while (entry.getLong("rev") != 31 && System.currentTimeMillis() < end);
      assertEquals(31, entry.getLong("rev"), entry.encode());
      assertEquals(other.id(), entry.getString("updatedBy"), entry.encode());
    }
  }

  @Test
  @DisplayName("when edits pause, the space log hears that the content changed, also at a snapshot boundary")
  void contentChangesReachTheSpaceLog() {
    String doc = create(member, "Pause", "");
    try (WsClient ws = WsClient.connect(node.vertx, node.port(), observer.token()); LiveEditor e = editor(member, doc)) {
      ws.subscribe(space, 0);
      for (int i = 2; i <= 100; i++) { // revision 100 is also a periodic snapshot
        e.edit(TextOperation.builder().retain(e.text.length()).insert("a").build());
        e.pumpUntil(LiveEditor::synced);
      }
      JsonObject updated = ws.next(f -> "event".equals(f.getString("type")) && "document.updated".equals(f.getString("kind"))
          && doc.equals(f.getJsonObject("data").getJsonObject("document").getString("id")));
      assertEquals(100, updated.getJsonObject("data").getJsonObject("document").getLong("rev"));
      assertEquals("a".repeat(99), api.get(docs() + "/" + doc, member.token()).json().getString("text"));
    }
  }

  @Test
  @DisplayName("trash (creator or coordinator; its open editors get doc.left, reason trashed), restore (coordinators); a dormant space is read-only")
  void trashAndDormant() {
    String doc = create(member, "À jeter", "x");
    assertEquals(403, api.delete(docs() + "/" + doc, other.token()).status());
    try (LiveEditor open = editor(other, doc); LiveEditor second = editor(coordinator, doc)) {
      assertEquals(204, api.delete(docs() + "/" + doc, member.token()).status());
      // those who have it open are told, so that their client stops and keeps what it could not send
      for (LiveEditor e : List.of(open, second)) {
        e.pumpUntil(x -> !x.left.isEmpty());
        JsonObject left = e.left.get(0);
        assertEquals("trashed", left.getString("reason"), left.encode());
        assertEquals(doc, left.getString("doc"));
        assertEquals(space, left.getString("space"));
      }
      long end = System.currentTimeMillis() + 20_000;
      JsonObject refused;
      do { // the head is forgotten on the home context right after the trash
        refused = open.raw(new JsonObject().put("type", "doc.op").put("rev", 1).put("clientId", "t" + System.nanoTime())
            .put("op", new JsonArray().add(1).add("!")));
      } while ("ack".equals(refused.getString("type")) && System.currentTimeMillis() < end);
      assertEquals("not_found", refused.getString("code"), refused.encode());
    }
    assertTrue(api.get(docs(), member.token()).array("documents").stream()
        .noneMatch(d -> ((JsonObject) d).getString("id").equals(doc)));
    assertEquals(404, api.get(docs() + "/" + doc, member.token()).status());
    assertEquals(403, api.post(docs() + "/" + doc + "/restore", member.token(), null).status());
    JsonArray trash = api.get(docs() + "?trashed=true", coordinator.token()).array("documents");
    assertTrue(trash.stream().anyMatch(d -> ((JsonObject) d).getString("id").equals(doc)));
    assertEquals(200, api.post(docs() + "/" + doc + "/restore", coordinator.token(), null).status());
    assertEquals(200, api.get(docs() + "/" + doc, member.token()).status());

    String group = world.activeGroup(coordinator);
    world.add(group, member, "member");
    Api.Reply made = api.post("/api/spaces/" + group + "/documents", member.token(), new JsonObject().put("title", "Avant"));
    String gdoc = made.json().getString("id");
    try (LiveEditor e = new LiveEditor(node.vertx, node.port(), member.token(), group, gdoc)) {
      Api.Reply closed = api.post("/api/spaces/" + group + "/state", world.admin,
          new JsonObject().put("state", "dormant").put("reason", "Mandat terminé"));
      assertEquals(200, closed.status(), closed.toString());
      assertEquals("read_only", api.post("/api/spaces/" + group + "/documents", member.token(),
          new JsonObject().put("title", "Après")).code());
      assertEquals("read_only", api.patch("/api/spaces/" + group + "/documents/" + gdoc, member.token(),
          new JsonObject().put("title", "Non")).code());
      long end = System.currentTimeMillis() + 20_000;
      JsonObject refused;
      do { // the node's access cache lasts a few seconds at most
        refused = e.raw(new JsonObject().put("type", "doc.op").put("rev", 1).put("clientId", "d" + System.nanoTime())
            .put("op", new JsonArray().add("z")));
      } while (!"read_only".equals(refused.getString("code")) && System.currentTimeMillis() < end);
      assertEquals("read_only", refused.getString("code"));
      assertEquals(200, api.get("/api/spaces/" + group + "/documents/" + gdoc, member.token()).status());
    }
  }
}
