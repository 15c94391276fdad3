package atelier.board;

import static atelier.board.BoardClient.board;
import static atelier.board.BoardClient.boards;
import static atelier.board.BoardClient.card;
import static atelier.board.BoardClient.column;
import static atelier.board.BoardClient.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.realtime.WsClient;
import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Task boards: boards, columns, cards, moves, conflicts, roles, events, over real HTTP and WebSocket")
@NodeTest
class BoardsTest {
  static TestNode node;
  static World world;
  static Api api;
  static BoardClient client;

  @BeforeAll
  static void start() {
    client = new BoardClient(api);
  }

  static BoardClient.Group scene() {
    return BoardClient.Group.of(world);
  }

  static JsonObject event(WsClient ws, String space, String kind) {
    return BoardClient.event(ws, space, kind);
  }

  @Test
  @DisplayName("a board starts with À faire / En cours / Terminé; columns are added, renamed, reordered and archived; each change is an event")
  void boardsAndColumns() {
    BoardClient.Group s = scene();
    try (WsClient ws = WsClient.connect(node.vertx, node.port(), s.observer().token())) {
      ws.subscribe(s.space(), 0);
      JsonObject b = client.createBoard(s.member().token(), s.space(), "Suivi du mandat");
      assertEquals(List.of("À faire", "En cours", "Terminé"),
          b.getJsonArray("columns").stream().map(c -> ((JsonObject) c).getString("name")).toList());
      assertEquals(b.getString("id"), event(ws, s.space(), "board.created").getJsonObject("data").getJsonObject("board").getString("id"));
      String id = b.getString("id");

      JsonObject review = BoardClient.expect(201, api.post(board(s.space(), id) + "/columns", s.coord().token(),
          new JsonObject().put("name", "Révision").put("wipLimit", 3)));
      assertEquals(3, review.getInteger("wipLimit"));
      JsonObject updated = event(ws, s.space(), "board.updated").getJsonObject("data").getJsonObject("board");
      assertEquals(4, updated.getJsonArray("columns").size());

      String r = review.getString("id");
      BoardClient.expect(200, api.patch(board(s.space(), id) + "/columns/" + r, s.member().token(),
          new JsonObject().put("name", "Relecture").put("wipLimit", null)));
      List<String> order = List.of(column(b, 0), column(b, 1), r, column(b, 2));
      JsonObject reordered = BoardClient.expect(200, api.patch(board(s.space(), id), s.member().token(),
          new JsonObject().put("columns", new JsonArray(order)).put("name", "Suivi").put("swimlanes",
              new JsonArray().add(new JsonObject().put("name", "Livrable 1")))));
      assertEquals(order, reordered.getJsonArray("columns").stream().map(c -> ((JsonObject) c).getString("id")).toList());
      assertEquals(1, reordered.getJsonArray("swimlanes").size());
      JsonObject relecture = reordered.getJsonArray("columns").getJsonObject(2);
      assertEquals("Relecture", relecture.getString("name"));
      assertNull(relecture.getInteger("wipLimit"));

      BoardClient.expect(200, api.patch(board(s.space(), id) + "/columns/" + r, s.member().token(), new JsonObject().put("archived", true)));
      JsonObject got = client.get(s.observer().token(), s.space(), id);
      assertEquals("Suivi", got.getString("name"));
      assertTrue(got.getJsonArray("columns").getJsonObject(2).getBoolean("archived"));
      // An archived column takes no new card; the last open column is "Terminé".
      Api.Reply refused = api.post(board(s.space(), id) + "/cards", s.member().token(), new JsonObject().put("column", r).put("title", "x"));
      assertEquals(400, refused.status(), refused.toString());

      client.createBoard(s.coord().token(), s.space(), "Deuxième tableau");
      assertEquals(2, api.get(boards(s.space()), s.observer().token()).array("boards").size());
      // Each change above came as an event, seen live by the observer, in log order.
      assertEquals("board.updated", event(ws, s.space(), "board.updated").getString("kind"));
    }
  }

  @Test
  @DisplayName("cards: created at the bottom, edited over their version, moved between two cards, deleted; GET orders by column then position")
  void cards() {
    BoardClient.Group s = scene();
    JsonObject b = client.createBoard(s.member().token(), s.space(), "Tâches");
    String id = b.getString("id");
    String todo = column(b, 0);
    String doing = column(b, 1);
    JsonObject a = client.card(s.member().token(), s.space(), id, todo, "A");
    JsonObject bb = client.card(s.member().token(), s.space(), id, todo, "B");
    JsonObject c = client.card(s.member().token(), s.space(), id, todo, "C");
    assertEquals(List.of(a.getString("id"), bb.getString("id"), c.getString("id")), ids(client.get(s.member().token(), s.space(), id)));
    assertTrue(a.getString("position").compareTo(bb.getString("position")) < 0);

    JsonObject patched = BoardClient.expect(200, api.patch(card(s.space(), id, a.getString("id")), s.member().token(),
        new JsonObject().put("version", 1).put("description", "# Livrable\n\nLe **rapport**").put("assignees", new JsonArray().add(s.observer().id()))
            .put("labels", new JsonArray().add("urgent")).put("due", "2026-12-01")
            .put("checklist", new JsonArray().add(new JsonObject().put("text", "Plan")).add(new JsonObject().put("text", "Texte").put("done", true)))
            .put("blockedBy", new JsonArray().add(bb.getString("id")))
            .put("links", new JsonArray().add(new JsonObject().put("kind", "document").put("id", "doc1")))));
    assertEquals(2, patched.getLong("version"));
    assertEquals("2026-12-01", patched.getString("due"));
    assertEquals(2, patched.getJsonArray("checklist").size());
    assertNotEquals(null, patched.getJsonArray("checklist").getJsonObject(0).getString("id"));
    // Clearing the due date with null.
    JsonObject cleared = BoardClient.expect(200, api.patch(card(s.space(), id, a.getString("id")), s.member().token(),
        new JsonObject().put("version", 2).put("due", (Object) null)));
    assertNull(cleared.getString("due"));

    // C between A and B; then A to the top of "En cours"; then B after A there.
    JsonObject moved = client.move(s.member().token(), s.space(), id, c.getString("id"), new JsonObject().put("column", todo).put("after", a.getString("id")));
    assertTrue(moved.getString("position").compareTo(a.getString("position")) > 0 && moved.getString("position").compareTo(bb.getString("position")) < 0);
    assertEquals(List.of(a.getString("id"), c.getString("id"), bb.getString("id")), ids(client.get(s.member().token(), s.space(), id)));
    client.move(s.member().token(), s.space(), id, a.getString("id"), new JsonObject().put("column", doing));
    client.move(s.member().token(), s.space(), id, bb.getString("id"), new JsonObject().put("column", doing).put("after", a.getString("id")));
    client.move(s.member().token(), s.space(), id, c.getString("id"), new JsonObject().put("column", doing).put("before", bb.getString("id")));
    JsonObject view = client.get(s.member().token(), s.space(), id);
    assertEquals(List.of(a.getString("id"), c.getString("id"), bb.getString("id")), ids(view));
    assertTrue(view.getJsonArray("cards").stream().allMatch(x -> doing.equals(((JsonObject) x).getString("column"))));

    JsonObject commented = BoardClient.expect(201, api.post(card(s.space(), id, c.getString("id")) + "/comments", s.coord().token(),
        new JsonObject().put("text", "Je m’en occupe")));
    assertEquals("Je m’en occupe", commented.getJsonArray("comments").getJsonObject(0).getString("text"));

    assertEquals(204, api.delete(card(s.space(), id, bb.getString("id")), s.member().token()).status());
    assertEquals(404, api.delete(card(s.space(), id, bb.getString("id")), s.member().token()).status());
    assertEquals(List.of(a.getString("id"), c.getString("id")), ids(client.get(s.member().token(), s.space(), id)));
  }

  @Test
  @DisplayName("a PATCH over a stale version gets 409 conflict with the current card, and changes nothing")
  void conflicts() {
    BoardClient.Group s = scene();
    JsonObject b = client.createBoard(s.member().token(), s.space(), "Conflits");
    JsonObject c = client.card(s.member().token(), s.space(), b.getString("id"), column(b, 0), "Rédiger");
    String path = card(s.space(), b.getString("id"), c.getString("id"));
    BoardClient.expect(200, api.patch(path, s.coord().token(), new JsonObject().put("version", 1).put("title", "Rédiger le rapport")));
    Api.Reply stale = api.patch(path, s.member().token(), new JsonObject().put("version", 1).put("title", "Rédiger la note"));
    assertEquals(409, stale.status());
    assertEquals("conflict", stale.code());
    assertEquals("Rédiger le rapport", stale.json().getJsonObject("card").getString("title"));
    assertEquals(2, stale.json().getJsonObject("card").getLong("version"));
    JsonObject now = client.get(s.member().token(), s.space(), b.getString("id")).getJsonArray("cards").getJsonObject(0);
    assertEquals("Rédiger le rapport", now.getString("title"));
    assertEquals(2, now.getLong("version"));
    // A move makes a new version too: an edit made before it must say so.
    client.move(s.member().token(), s.space(), b.getString("id"), c.getString("id"), new JsonObject().put("column", column(b, 1)));
    assertEquals(409, api.patch(path, s.member().token(), new JsonObject().put("version", 2).put("title", "x")).status());
    assertEquals(200, api.patch(path, s.member().token(), new JsonObject().put("version", 3).put("title", "x")).status());
  }

  @Test
  @DisplayName("observers read only, outsiders are refused, administrators read; a dormant space answers read_only to every write")
  void roles() {
    BoardClient.Group s = scene();
    World.Person outsider = world.person("dehors");
    JsonObject b = client.createBoard(s.coord().token(), s.space(), "Rôles");
    String id = b.getString("id");
    JsonObject c = client.card(s.member().token(), s.space(), id, column(b, 0), "Carte");
    String cardPath = card(s.space(), id, c.getString("id"));

    client.get(s.observer().token(), s.space(), id);
    client.get(world.admin, s.space(), id);
    assertEquals(403, api.get(board(s.space(), id), outsider.token()).status());
    assertEquals(403, api.get(boards(s.space()), outsider.token()).status());
    assertEquals(401, api.get(board(s.space(), id), null).status());
    for (World.Person p : List.of(s.observer(), outsider)) {
      assertEquals("forbidden", api.post(boards(s.space()), p.token(), new JsonObject().put("name", "x")).code());
      assertEquals("forbidden", api.post(board(s.space(), id) + "/cards", p.token(), new JsonObject().put("column", column(b, 0)).put("title", "x")).code());
      assertEquals("forbidden", api.patch(cardPath, p.token(), new JsonObject().put("version", 1).put("title", "x")).code());
      assertEquals("forbidden", api.post(cardPath + "/move", p.token(), new JsonObject().put("column", column(b, 1))).code());
      assertEquals("forbidden", api.delete(cardPath, p.token()).code());
      assertEquals("forbidden", api.post(board(s.space(), id) + "/columns", p.token(), new JsonObject().put("name", "x")).code());
    }

    assertEquals(200, api.post("/api/spaces/" + s.space() + "/state", world.admin, new JsonObject().put("state", "dormant").put("reason", "fin")).status());
    client.get(s.member().token(), s.space(), id);
    for (World.Person p : List.of(s.member(), s.coord())) {
      assertEquals("read_only", api.post(boards(s.space()), p.token(), new JsonObject().put("name", "x")).code());
      assertEquals("read_only", api.post(board(s.space(), id) + "/cards", p.token(), new JsonObject().put("column", column(b, 0)).put("title", "x")).code());
      assertEquals("read_only", api.patch(cardPath, p.token(), new JsonObject().put("version", 1).put("title", "x")).code());
      assertEquals("read_only", api.post(cardPath + "/move", p.token(), new JsonObject().put("column", column(b, 1))).code());
      assertEquals("read_only", api.post(cardPath + "/comments", p.token(), new JsonObject().put("text", "x")).code());
      assertEquals("read_only", api.delete(cardPath, p.token()).code());
      assertEquals("read_only", api.patch(board(s.space(), id), p.token(), new JsonObject().put("name", "x")).code());
    }
    JsonObject after = client.get(s.member().token(), s.space(), id);
    assertEquals("Rôles", after.getString("name"));
    assertEquals(1, after.getJsonArray("cards").size());
    assertEquals("Carte", after.getJsonArray("cards").getJsonObject(0).getString("title"));
    assertEquals(1, after.getJsonArray("cards").getJsonObject(0).getLong("version"));
  }

  @Test
  @DisplayName("bad input gets 400 bad_request and changes nothing")
  void badInput() {
    BoardClient.Group s = scene();
    World.Person outsider = world.person("dehors");
    JsonObject b = client.createBoard(s.member().token(), s.space(), "Entrées");
    String id = b.getString("id");
    JsonObject c = client.card(s.member().token(), s.space(), id, column(b, 0), "Carte");
    JsonObject other = client.card(s.member().token(), s.space(), id, column(b, 1), "Autre");
    String cards = board(s.space(), id) + "/cards";
    String cardPath = card(s.space(), id, c.getString("id"));
    List<Api.Reply> bad = new ArrayList<>();
    bad.add(api.post(boards(s.space()), s.member().token(), new JsonObject()));
    bad.add(api.post(boards(s.space()), s.member().token(), new JsonObject().put("name", "   ")));
    bad.add(api.post(boards(s.space()), s.member().token(), new JsonObject().put("name", "x").put("columns", new JsonArray())));
    bad.add(api.post(boards(s.space()), s.member().token(), new JsonObject().put("name", "x").put("owner", "y")));
    bad.add(api.post(cards, s.member().token(), new JsonObject().put("column", "nope").put("title", "x")));
    bad.add(api.post(cards, s.member().token(), new JsonObject().put("column", column(b, 0)).put("title", 12)));
    bad.add(api.post(cards, s.member().token(), new JsonObject().put("column", column(b, 0)).put("title", "x").put("due", "2026-02-30")));
    bad.add(api.post(cards, s.member().token(), new JsonObject().put("column", column(b, 0)).put("title", "x").put("due", "demain")));
    bad.add(api.post(cards, s.member().token(), new JsonObject().put("column", column(b, 0)).put("title", "x")
        .put("assignees", new JsonArray().add(outsider.id()))));
    bad.add(api.post(cards, s.member().token(), new JsonObject().put("column", column(b, 0)).put("title", "x")
        .put("blockedBy", new JsonArray().add("inconnue"))));
    bad.add(api.post(cards, s.member().token(), new JsonObject().put("column", column(b, 0)).put("title", "x").put("message", "inconnu")));
    bad.add(api.post(cards, s.member().token(), new JsonObject().put("column", column(b, 0)).put("title", "x")
        .put("links", new JsonArray().add(new JsonObject().put("kind", "site").put("id", "x")))));
    bad.add(api.post(cards, s.member().token(), "{\"column\":\"" + column(b, 0) + "\",\"title\":{\"$ne\":null}}"));
    bad.add(api.patch(cardPath, s.member().token(), new JsonObject().put("title", "sans version")));
    bad.add(api.patch(cardPath, s.member().token(), new JsonObject().put("version", 1).put("assignees", new JsonArray().add(outsider.id()))));
    bad.add(api.patch(cardPath, s.member().token(), new JsonObject().put("version", 1).put("blockedBy", new JsonArray().add(c.getString("id")))));
    bad.add(api.patch(cardPath, s.member().token(), new JsonObject().put("version", 1).put("swimlane", "inconnue")));
    bad.add(api.patch(cardPath, s.member().token(), new JsonObject().put("version", 1).put("position", "0")));
    bad.add(api.post(cardPath + "/move", s.member().token(), new JsonObject().put("column", column(b, 0)).put("after", other.getString("id"))));
    bad.add(api.post(cardPath + "/move", s.member().token(), new JsonObject().put("column", column(b, 0)).put("after", c.getString("id"))));
    bad.add(api.post(cardPath + "/move", s.member().token(), new JsonObject().put("column", "nope")));
    bad.add(api.post(cardPath + "/move", s.member().token(), new JsonObject()));
    bad.add(api.patch(board(s.space(), id), s.member().token(), new JsonObject().put("columns", new JsonArray().add(column(b, 0)))));
    bad.add(api.post(board(s.space(), id) + "/columns", s.member().token(), new JsonObject().put("name", "x").put("wipLimit", 0)));
    bad.add(api.get(board(s.space(), id) + "?due=bientot", s.member().token()));
    for (Api.Reply r : bad) {
      assertEquals(400, r.status(), r.toString());
      assertEquals("bad_request", r.code(), r.toString());
    }
    JsonObject after = client.get(s.member().token(), s.space(), id);
    assertEquals(List.of(c.getString("id"), other.getString("id")), ids(after));
    assertEquals(1, after.getJsonArray("cards").getJsonObject(0).getLong("version"));
    assertEquals(c.getString("position"), after.getJsonArray("cards").getJsonObject(0).getString("position"));
    assertEquals(3, after.getJsonArray("columns").size());
    assertEquals(1, api.get(boards(s.space()), s.member().token()).array("boards").size());
    assertEquals(404, api.get(board(s.space(), "inconnu"), s.member().token()).status());
  }

  /** What a client holds after applying card events: per card, the highest version seen; deleted ones dropped. */
  static final class Replica {
    final Map<String, JsonObject> cards = new HashMap<>();
    final Set<String> deleted = new HashSet<>();

    void apply(JsonObject event) {
      String kind = event.getString("kind");
      JsonObject data = event.getJsonObject("data");
      if (kind.equals("card.deleted")) {
        deleted.add(data.getString("id"));
        cards.remove(data.getString("id"));
      } else if (kind.startsWith("card.")) {
        JsonObject c = data.getJsonObject("card");
        JsonObject known = cards.get(c.getString("id"));
        if (!deleted.contains(c.getString("id")) && (known == null || known.getLong("version") < c.getLong("version"))) cards.put(c.getString("id"), c);
      }
    }

    List<String> order(List<String> columns) {
      return cards.values().stream().sorted(Comparator.comparingInt((JsonObject c) -> columns.indexOf(c.getString("column")))
          .thenComparing(c -> c.getString("position"))).map(c -> c.getString("id")).toList();
    }
  }

  @Test
  @DisplayName("six people moving cards at once: no card lost or doubled, and a client applying the events sees the order of GET, live and on resume")
  void concurrentMoves() throws Exception {
    BoardClient.Group s = scene();
    List<World.Person> movers = new ArrayList<>(List.of(s.coord(), s.member()));
    for (int i = 0; i < 4; i++) {
      World.Person p = world.person("p" + i);
      world.add(s.space(), p, "member");
      movers.add(p);
    }
    JsonObject b = client.createBoard(s.member().token(), s.space(), "Course");
    String id = b.getString("id");
    List<String> columns = List.of(column(b, 0), column(b, 1), column(b, 2));
    try (WsClient live = WsClient.connect(node.vertx, node.port(), s.observer().token())) {
      long head = live.subscribe(s.space(), 0).getLong("head");
      List<String> cardIds = new ArrayList<>();
      for (int i = 0; i < 24; i++) cardIds.add(client.card(s.member().token(), s.space(), id, columns.get(i % 3), "Carte " + i).getString("id"));
      int movesEach = 15;
      ExecutorService pool = Executors.newFixedThreadPool(movers.size());
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int p = 0; p < movers.size(); p++) {
          World.Person who = movers.get(p);
          Random r = new Random(p);
          done.add(pool.submit(() -> {
            int ok = 0;
            for (int m = 0; m < movesEach; m++) {
              JsonObject view = client.get(who.token(), s.space(), id);
              JsonArray all = view.getJsonArray("cards");
              String moving = all.getJsonObject(r.nextInt(all.size())).getString("id");
              String target = columns.get(r.nextInt(3));
              List<JsonObject> there = all.stream().map(JsonObject.class::cast)
                  .filter(c -> c.getString("column").equals(target) && !c.getString("id").equals(moving)).toList();
              JsonObject where = new JsonObject().put("column", target);
              if (!there.isEmpty() && r.nextBoolean()) where.put("after", there.get(r.nextInt(there.size())).getString("id"));
              Api.Reply reply = api.post(card(s.space(), id, moving) + "/move", who.token(), where);
              // The card named as a neighbour may have left that column meanwhile: 400, and nothing moved.
              if (reply.status() == 200) ok++;
              else if (reply.status() != 400) throw new AssertionError(reply.toString());
            }
            return ok;
          }));
        }
        int moved = 0;
        for (Future<Integer> f : done) moved += f.get();
        assertTrue(moved > movers.size() * movesEach / 2, "most moves succeed: " + moved);
      } finally {
        pool.shutdownNow();
      }
      JsonObject view = client.get(s.observer().token(), s.space(), id);
      List<String> order = ids(view);
      assertEquals(24, order.size());
      assertEquals(new HashSet<>(cardIds), new HashSet<>(order));
      long last = node.atelier.services().eventLog.head(s.space()).await();

      Replica liveReplica = new Replica();
      for (JsonObject e : live.events(s.space(), (int) (last - head))) liveReplica.apply(e);
      assertEquals(order, liveReplica.order(columns), "live events give the order of GET");

      try (WsClient resumed = WsClient.connect(node.vertx, node.port(), s.member().token())) {
        resumed.subscribe(s.space(), head);
        Replica replayed = new Replica();
        resumed.earlier(f -> "event".equals(f.getString("type"))).forEach(replayed::apply);
        assertEquals(order, replayed.order(columns), "replayed events give the order of GET");
      }
    }
  }
}
