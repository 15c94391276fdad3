package atelier.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.files.FileClient;
import atelier.realtime.WsClient;
import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A dormant space is read-only on every write path, and still readable and listed")
@NodeTest
class DormantReadOnlyTest {
  /**
   * Writes under /api/spaces/{id} that a dormant space still accepts, and why: its lifecycle (waking
   * it), a person's own read position (not content), membership by an administrator (the contract),
   * and what the archive feature does to a dormant space by design.
   */
  static final Set<String> ALLOWED_WHEN_DORMANT = Set.of("changeSpaceState", "markRead", "restoreArchive", "purgeSpace");

  static TestNode node;
  static World world;
  static Api api;

  @Test
  @DisplayName("messages, edits, deletions, reactions, files, channels, members, join requests and edits of the space answer read_only (REST and WebSocket); reads still work")
  void everyWritePath() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("membre");
    World.Person outsider = world.person("dehors");
    World.Person newcomer = world.person("nouveau");
    String g = world.activeGroup(coord);
    world.add(g, member, "member");
    String base = "/api/spaces/" + g;
    FileClient files = new FileClient(node.port());
    String fileId = files.upload(g, member.token(), "note.txt", "bonjour".getBytes(StandardCharsets.UTF_8)).json().getString("id");
    JsonObject sent = api.post(base + "/channels/general/messages", member.token(),
        new JsonObject().put("clientId", "c1").put("text", "Avant la dormance")).json().getJsonObject("message");
    String msg = sent.getString("id");
    String channel = api.post(base + "/channels", coord.token(), new JsonObject().put("name", "veille")).json().getString("id");
    JsonObject board = api.post(base + "/boards", member.token(), new JsonObject().put("name", "Suivi")).json();
    String boardPath = base + "/boards/" + board.getString("id");
    String todo = board.getJsonArray("columns").getJsonObject(0).getString("id");
    String cardPath = boardPath + "/cards/" + api.post(boardPath + "/cards", member.token(),
        new JsonObject().put("column", todo).put("title", "Avant")).json().getString("id");
    String docPath = base + "/documents/" + api.post(base + "/documents", member.token(),
        new JsonObject().put("title", "Compte rendu").put("text", "Avant")).json().getString("id");
    String trashedPath = base + "/documents/" + api.post(base + "/documents", coord.token(),
        new JsonObject().put("title", "Brouillon")).json().getString("id");
    assertEquals(204, api.delete(trashedPath, coord.token()).status());
    assertEquals(200, api.post(base + "/state", coord.token(), new JsonObject().put("state", "dormant")).status());

    // Every write route of the space, by someone who could make it while the space was active.
    Map<String, Supplier<Integer>> refusals = new LinkedHashMap<>();
    Map<String, Supplier<Api.Reply>> writes = new LinkedHashMap<>();
    writes.put("sendMessage", () -> api.post(base + "/channels/general/messages", member.token(), new JsonObject().put("clientId", "c2").put("text", "Après")));
    writes.put("editMessage", () -> api.patch(base + "/messages/" + msg, member.token(), new JsonObject().put("text", "modifié")));
    writes.put("deleteMessage", () -> api.delete(base + "/messages/" + msg, member.token()));
    writes.put("toggleReaction", () -> api.post(base + "/messages/" + msg + "/reactions", member.token(), new JsonObject().put("emoji", "👍")));
    writes.put("createChannel", () -> api.post(base + "/channels", world.admin, new JsonObject().put("name", "nouveau")));
    writes.put("updateChannel", () -> api.patch(base + "/channels/" + channel, coord.token(), new JsonObject().put("name", "renommé")));
    writes.put("renameFile", () -> api.patch(base + "/files/" + fileId, member.token(), new JsonObject().put("name", "autre.txt")));
    writes.put("deleteFile", () -> api.delete(base + "/files/" + fileId, member.token()));
    writes.put("putMember", () -> api.post(base + "/members", coord.token(), new JsonObject().put("user", newcomer.id()).put("role", "member")));
    writes.put("removeMember", () -> api.delete(base + "/members/" + member.id(), member.token()));
    writes.put("requestJoin", () -> api.post(base + "/join-requests", outsider.token(), new JsonObject()));
    writes.put("decideJoinRequest", () -> api.post(base + "/join-requests/x", coord.token(), new JsonObject().put("decision", "accept")));
    writes.put("updateSpace", () -> api.patch(base, coord.token(), new JsonObject().put("description", "changée")));
    writes.put("createBoard", () -> api.post(base + "/boards", member.token(), new JsonObject().put("name", "Après")));
    writes.put("updateBoard", () -> api.patch(boardPath, member.token(), new JsonObject().put("name", "Renommé")));
    writes.put("addColumn", () -> api.post(boardPath + "/columns", member.token(), new JsonObject().put("name", "Relecture")));
    writes.put("updateColumn", () -> api.patch(boardPath + "/columns/" + todo, member.token(), new JsonObject().put("wipLimit", 2)));
    writes.put("addSwimlane", () -> api.post(boardPath + "/swimlanes", member.token(), new JsonObject().put("name", "Lot 1")));
    writes.put("updateSwimlane", () -> api.patch(boardPath + "/swimlanes/x", member.token(), new JsonObject().put("name", "Lot 2")));
    writes.put("seedBoard", () -> api.post(boardPath + "/seed", coord.token(), new JsonObject()));
    writes.put("createCard", () -> api.post(boardPath + "/cards", member.token(), new JsonObject().put("column", todo).put("title", "Après")));
    writes.put("updateCard", () -> api.patch(cardPath, member.token(), new JsonObject().put("version", 1).put("title", "Changé")));
    writes.put("moveCard", () -> api.post(cardPath + "/move", member.token(), new JsonObject().put("column", todo)));
    writes.put("commentCard", () -> api.post(cardPath + "/comments", member.token(), new JsonObject().put("text", "Non")));
    writes.put("deleteCard", () -> api.delete(cardPath, member.token()));
    writes.put("createDocument", () -> api.post(base + "/documents", member.token(), new JsonObject().put("title", "Après")));
    writes.put("renameDocument", () -> api.patch(docPath, member.token(), new JsonObject().put("title", "Renommé")));
    writes.put("restoreDocumentVersion", () -> api.post(docPath + "/history/restore", member.token(), new JsonObject().put("rev", 1)));
    writes.put("trashDocument", () -> api.delete(docPath, coord.token()));
    writes.put("untrashDocument", () -> api.post(trashedPath + "/restore", coord.token(), new JsonObject()));
    writes.forEach((op, call) -> refusals.put(op, () -> {
      Api.Reply r = call.get();
      assertEquals("read_only", r.code(), op + ": " + r);
      return r.status();
    }));
    refusals.put("uploadFile", () -> {
      FileClient.Answer a = files.upload(g, member.token(), "après.txt", "non".getBytes(StandardCharsets.UTF_8));
      assertEquals("read_only", a.json().getJsonObject("error").getString("code"), a.toString());
      return a.status();
    });
    refusals.forEach((op, call) -> assertEquals(409, call.get(), op));

    // The walk covers every write of a space in the contract: a new route must say what it does here.
    Set<String> missing = new TreeSet<>(spaceWrites());
    missing.removeAll(refusals.keySet());
    missing.removeAll(ALLOWED_WHEN_DORMANT);
    assertEquals(Set.of(), missing, "write routes of a space not checked against a dormant space");

    // The WebSocket send path too.
    try (WsClient ws = WsClient.connect(node.vertx, node.port(), member.token())) {
      ws.subscribe(g, 0);
      JsonObject reply = ws.sendMessage(g, "general", "ws-1", "Par le socket");
      assertEquals("error", reply.getString("type"), reply.encode());
      assertEquals("read_only", reply.getString("code"));
      // A document can be opened, not edited.
      String doc = docPath.substring(docPath.lastIndexOf('/') + 1);
      JsonObject joined = ws.request(new JsonObject().put("type", "doc.join").put("space", g).put("doc", doc));
      assertEquals("doc.joined", joined.getString("type"), joined.encode());
      assertEquals("Avant", joined.getString("text"));
      JsonObject op = ws.request(new JsonObject().put("type", "doc.op").put("space", g).put("doc", doc).put("rev", joined.getLong("rev"))
          .put("clientId", "ws-doc-1").put("op", new JsonArray().add(5).add(" tout")));
      assertEquals("read_only", op.getString("code"), op.encode());
    }
    assertEquals("Avant", api.get(docPath, member.token()).json().getString("text"), "the document did not change");

    // Nothing changed, and everything is still readable and listed.
    JsonArray history = api.get(base + "/channels/general/messages", member.token()).array("messages");
    assertEquals(1, history.size());
    assertEquals("Avant la dormance", history.getJsonObject(0).getString("text"));
    assertTrue(history.getJsonObject(0).getJsonObject("reactions").isEmpty());
    assertEquals(1, api.get(base + "/files", member.token()).array("files").size());
    assertEquals(200, api.get(base + "/files/" + fileId + "/content", member.token()).status());
    assertEquals(2, api.get(base + "/channels", member.token()).array("channels").size());
    assertEquals(2, api.get(base + "/members", member.token()).array("members").size());
    assertTrue(api.get("/api/spaces?state=dormant", outsider.token()).array("spaces").stream()
        .anyMatch(s -> ((JsonObject) s).getString("id").equals(g)), "listed in the directory");
    assertEquals(200, api.post(base + "/channels/general/read", member.token(), new JsonObject().put("seq", 1)).status(),
        "one's own read position is not content");
  }

  /** The operations of docs/openapi.json that write under /api/spaces/{id}/…. */
  static Set<String> spaceWrites() {
    JsonObject doc = new JsonObject(node.vertx.fileSystem().readFileBlocking("docs/openapi.json"));
    Set<String> out = new TreeSet<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      if (!path.startsWith("/api/spaces/{id}")) continue;
      JsonObject ops = paths.getJsonObject(path);
      for (String method : ops.fieldNames()) {
        if (!Set.of("post", "patch", "put", "delete").contains(method)) continue;
        out.add(ops.getJsonObject(method).getString("operationId"));
      }
    }
    return out;
  }

}
