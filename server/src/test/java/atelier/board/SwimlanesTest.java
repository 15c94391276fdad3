package atelier.board;

import static atelier.board.BoardClient.board;
import static atelier.board.BoardClient.card;
import static atelier.board.BoardClient.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Swimlanes of a board: added, renamed, reordered, archived; cards moved between lanes in one write, over real HTTP and WebSocket")
@NodeTest
class SwimlanesTest {
  static TestNode node;
  static World world;
  static Api api;
  static BoardClient client;

  @BeforeAll
  static void start() {
    client = new BoardClient(api);
  }

  /** A group (BoardClient.Group) and a board of it. */
  record Scene(BoardClient.Group group, JsonObject board) {
    String space() {
      return group.space();
    }

    World.Person coord() {
      return group.coord();
    }

    World.Person member() {
      return group.member();
    }

    World.Person observer() {
      return group.observer();
    }

    String path() {
      return BoardClient.board(space(), board.getString("id"));
    }

    String id() {
      return board.getString("id");
    }
  }

  static Scene scene() {
    BoardClient.Group g = BoardClient.Group.of(world);
    return new Scene(g, client.createBoard(g.member().token(), g.space(), "Couloirs"));
  }

  static JsonObject lane(Scene s, String token, String name) {
    return BoardClient.expect(201, api.post(s.path() + "/swimlanes", token, new JsonObject().put("name", name)));
  }

  static JsonObject changeLane(Scene s, String lane, JsonObject changes) {
    return BoardClient.expect(200, api.patch(s.path() + "/swimlanes/" + lane, s.member().token(), changes));
  }

  static List<String> laneNames(JsonObject board) {
    return board.getJsonArray("swimlanes").stream().map(l -> ((JsonObject) l).getString("name")).toList();
  }

  static JsonObject cardIn(String token, Scene s, String column, String lane, String title) {
    return BoardClient.expect(201, api.post(s.path() + "/cards", token,
        new JsonObject().put("column", column).put("title", title).put("swimlane", lane)));
  }

  static JsonObject event(WsClient ws, String space, String kind) {
    return BoardClient.event(ws, space, kind);
  }

  @Test
  @DisplayName("lanes are added at the bottom, renamed, moved after another lane or first; each change is a board.updated event with the whole board")
  void manageLanes() {
    Scene s = scene();
    try (WsClient ws = WsClient.connect(node.vertx, node.port(), s.observer().token())) {
      ws.subscribe(s.space(), 0);
      JsonObject one = lane(s, s.member().token(), "Lot 1");
      assertFalse(one.getBoolean("archived"));
      assertEquals(List.of("Lot 1"), laneNames(event(ws, s.space(), "board.updated").getJsonObject("data").getJsonObject("board")));
      JsonObject two = lane(s, s.coord().token(), "  Lot 2 ");
      assertEquals("Lot 2", two.getString("name"));
      JsonObject three = lane(s, s.member().token(), "Lot 3");

      assertEquals("Lot B", changeLane(s, two.getString("id"), new JsonObject().put("name", "Lot B")).getString("name"));
      changeLane(s, three.getString("id"), new JsonObject().put("after", (Object) null));
      assertEquals(List.of("Lot 3", "Lot 1", "Lot B"), laneNames(client.get(s.observer().token(), s.space(), s.id())));
      changeLane(s, three.getString("id"), new JsonObject().put("after", two.getString("id")));
      changeLane(s, one.getString("id"), new JsonObject().put("after", two.getString("id")));
      JsonObject got = client.get(s.observer().token(), s.space(), s.id());
      assertEquals(List.of("Lot B", "Lot 1", "Lot 3"), laneNames(got));

      // The live replica of the board ends equal to GET: the last board.updated carries the whole list.
      JsonObject last = null;
      for (int i = 0; i < 6; i++) last = event(ws, s.space(), "board.updated");
      assertEquals(got.getJsonArray("swimlanes"), last.getJsonObject("data").getJsonObject("board").getJsonArray("swimlanes"));
    }
  }

  @Test
  @DisplayName("people adding lanes at the same moment lose none of them")
  void concurrentAdds() throws Exception {
    Scene s = scene();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<JsonObject>> made = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String name = "Équipe " + i;
        made.add(pool.submit(() -> lane(s, (name.endsWith("0") ? s.coord() : s.member()).token(), name)));
      }
      for (Future<JsonObject> f : made) f.get();
    } finally {
      pool.shutdownNow();
    }
    assertEquals(6, new HashSet<>(laneNames(client.get(s.member().token(), s.space(), s.id()))).size());
  }

  @Test
  @DisplayName("a move into another lane changes column, position and lane in one write and one card.moved event; no lane, or the lane kept, as asked")
  void moveAcrossLanes() {
    Scene s = scene();
    String l1 = lane(s, s.member().token(), "Lot 1").getString("id");
    String l2 = lane(s, s.member().token(), "Lot 2").getString("id");
    String todo = column(s.board(), 0);
    String doing = column(s.board(), 1);
    JsonObject a = cardIn(s.member().token(), s, todo, l1, "A");
    JsonObject b = cardIn(s.member().token(), s, doing, l2, "B");
    assertEquals(l1, a.getString("swimlane"));
    try (WsClient ws = WsClient.connect(node.vertx, node.port(), s.observer().token())) {
      ws.subscribe(s.space(), 0);
      JsonObject moved = client.move(s.member().token(), s.space(), s.id(), a.getString("id"),
          new JsonObject().put("column", doing).put("before", b.getString("id")).put("swimlane", l2));
      assertEquals(doing, moved.getString("column"));
      assertEquals(l2, moved.getString("swimlane"));
      assertEquals(2, moved.getLong("version"));
      assertTrue(moved.getString("position").compareTo(b.getString("position")) < 0);
      JsonObject told = event(ws, s.space(), "card.moved").getJsonObject("data").getJsonObject("card");
      assertEquals(moved, told);
    }
    JsonObject view = client.get(s.member().token(), s.space(), s.id());
    assertEquals(List.of(a.getString("id"), b.getString("id")), BoardClient.ids(view));
    assertEquals(l2, view.getJsonArray("cards").getJsonObject(0).getString("swimlane"));

    // No swimlane given: the card keeps its lane; null: it leaves every lane.
    JsonObject kept = client.move(s.member().token(), s.space(), s.id(), a.getString("id"), new JsonObject().put("column", todo));
    assertEquals(l2, kept.getString("swimlane"));
    JsonObject out = client.move(s.member().token(), s.space(), s.id(), a.getString("id"),
        new JsonObject().put("column", todo).put("swimlane", (Object) null));
    assertNull(out.getString("swimlane"));
    assertEquals(4, out.getLong("version"));
    // The lane is a field of the card's version: an edit made before the move is a conflict.
    Api.Reply stale = api.patch(card(s.space(), s.id(), a.getString("id")), s.member().token(),
        new JsonObject().put("version", 3).put("swimlane", l1));
    assertEquals(409, stale.status(), stale.toString());
    assertNull(stale.json().getJsonObject("card").getString("swimlane"));
    JsonObject patched = BoardClient.expect(200, api.patch(card(s.space(), s.id(), a.getString("id")), s.member().token(),
        new JsonObject().put("version", 4).put("swimlane", l1)));
    assertEquals(l1, patched.getString("swimlane"));
  }

  @Test
  @DisplayName("an archived lane keeps its cards, which still move inside it, but takes no other card until it is restored")
  void archivedLane() {
    Scene s = scene();
    String l1 = lane(s, s.member().token(), "Lot 1").getString("id");
    String l2 = lane(s, s.member().token(), "Lot 2").getString("id");
    String todo = column(s.board(), 0);
    String doing = column(s.board(), 1);
    JsonObject inside = cardIn(s.member().token(), s, todo, l1, "Dedans");
    JsonObject outside = cardIn(s.member().token(), s, todo, l2, "Dehors");
    assertTrue(changeLane(s, l1, new JsonObject().put("archived", true)).getBoolean("archived"));

    List<Api.Reply> refused = List.of(
        api.post(s.path() + "/cards", s.member().token(), new JsonObject().put("column", todo).put("title", "x").put("swimlane", l1)),
        api.post(card(s.space(), s.id(), outside.getString("id")) + "/move", s.member().token(),
            new JsonObject().put("column", todo).put("swimlane", l1)),
        api.patch(card(s.space(), s.id(), outside.getString("id")), s.member().token(),
            new JsonObject().put("version", 1).put("swimlane", l1)));
    for (Api.Reply r : refused) {
      assertEquals(400, r.status(), r.toString());
      assertEquals("archived", r.json().getJsonObject("error").getJsonObject("fields").getString("swimlane"), r.toString());
    }
    JsonObject stillIn = client.move(s.member().token(), s.space(), s.id(), inside.getString("id"),
        new JsonObject().put("column", doing).put("swimlane", l1));
    assertEquals(l1, stillIn.getString("swimlane"));
    JsonObject view = client.get(s.member().token(), s.space(), s.id());
    assertEquals(2, view.getJsonArray("cards").size());
    assertEquals(l2, view.getJsonArray("cards").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(outside.getString("id"))).findFirst().orElseThrow().getString("swimlane"));

    // The whole-list form keeps the archived flag of a lane it does not mention it for.
    JsonObject b = BoardClient.expect(200, api.patch(s.path(), s.member().token(), new JsonObject().put("swimlanes", new JsonArray()
        .add(new JsonObject().put("id", l2).put("name", "Lot 2")).add(new JsonObject().put("id", l1).put("name", "Lot 1")))));
    assertTrue(b.getJsonArray("swimlanes").getJsonObject(1).getBoolean("archived"));
    assertFalse(changeLane(s, l1, new JsonObject().put("archived", false)).getBoolean("archived"));
    client.move(s.member().token(), s.space(), s.id(), outside.getString("id"), new JsonObject().put("column", todo).put("swimlane", l1));
  }

  @Test
  @DisplayName("bad lane input gets 400 (404 for an unknown lane), observers are refused, and nothing changes")
  void badInputAndRoles() {
    Scene s = scene();
    String l1 = lane(s, s.member().token(), "Lot 1").getString("id");
    JsonObject c = cardIn(s.member().token(), s, column(s.board(), 0), l1, "Carte");
    List<Api.Reply> bad = new ArrayList<>();
    bad.add(api.post(s.path() + "/swimlanes", s.member().token(), new JsonObject().put("name", "   ")));
    bad.add(api.post(s.path() + "/swimlanes", s.member().token(), new JsonObject()));
    bad.add(api.post(s.path() + "/swimlanes", s.member().token(), new JsonObject().put("name", "x").put("color", "red")));
    bad.add(api.patch(s.path() + "/swimlanes/" + l1, s.member().token(), new JsonObject().put("after", l1)));
    bad.add(api.patch(s.path() + "/swimlanes/" + l1, s.member().token(), new JsonObject().put("after", "inconnu")));
    bad.add(api.patch(s.path() + "/swimlanes/" + l1, s.member().token(), new JsonObject().put("name", "")));
    bad.add(api.patch(s.path() + "/swimlanes/" + l1, s.member().token(), new JsonObject().put("archived", "oui")));
    bad.add(api.post(card(s.space(), s.id(), c.getString("id")) + "/move", s.member().token(),
        new JsonObject().put("column", column(s.board(), 1)).put("swimlane", "inconnu")));
    bad.add(api.post(s.path() + "/cards", s.member().token(),
        new JsonObject().put("column", column(s.board(), 0)).put("title", "x").put("swimlane", "inconnu")));
    for (Api.Reply r : bad) {
      assertEquals(400, r.status(), r.toString());
      assertEquals("bad_request", r.code(), r.toString());
    }
    assertEquals(404, api.patch(s.path() + "/swimlanes/inconnu", s.member().token(), new JsonObject().put("name", "x")).status());
    assertEquals("forbidden", api.post(s.path() + "/swimlanes", s.observer().token(), new JsonObject().put("name", "x")).code());
    assertEquals("forbidden", api.patch(s.path() + "/swimlanes/" + l1, s.observer().token(), new JsonObject().put("name", "x")).code());
    for (int i = 1; i < BoardService.MAX_SWIMLANES; i++) lane(s, s.member().token(), "Lot " + (i + 1));
    Api.Reply tooMany = api.post(s.path() + "/swimlanes", s.member().token(), new JsonObject().put("name", "Un de trop"));
    assertEquals(400, tooMany.status(), tooMany.toString());

    JsonObject after = client.get(s.member().token(), s.space(), s.id());
    assertEquals(BoardService.MAX_SWIMLANES, after.getJsonArray("swimlanes").size());
    assertEquals("Lot 1", after.getJsonArray("swimlanes").getJsonObject(0).getString("name"));
    JsonObject card = after.getJsonArray("cards").getJsonObject(0);
    assertEquals(1, card.getLong("version"));
    assertEquals(l1, card.getString("swimlane"));
  }

  @Test
  @DisplayName("four people moving cards across lanes and columns at once: every card once, and the events give GET's columns, lanes and order")
  void concurrentLaneMoves() throws Exception {
    Scene s = scene();
    List<String> lanes = new ArrayList<>();
    for (int i = 0; i < 3; i++) lanes.add(lane(s, s.member().token(), "Lot " + i).getString("id"));
    List<World.Person> movers = new ArrayList<>(List.of(s.coord(), s.member()));
    for (int i = 0; i < 2; i++) {
      World.Person p = world.person("p" + i);
      world.add(s.space(), p, "member");
      movers.add(p);
    }
    List<String> columns = List.of(column(s.board(), 0), column(s.board(), 1), column(s.board(), 2));
    try (WsClient live = WsClient.connect(node.vertx, node.port(), s.observer().token())) {
      long head = live.subscribe(s.space(), 0).getLong("head");
      List<String> cardIds = new ArrayList<>();
      for (int i = 0; i < 12; i++) cardIds.add(cardIn(s.member().token(), s, columns.get(i % 3), lanes.get(i % 3), "Carte " + i).getString("id"));
      ExecutorService pool = Executors.newFixedThreadPool(movers.size());
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int p = 0; p < movers.size(); p++) {
          World.Person who = movers.get(p);
          Random r = new Random(100 + p);
          done.add(pool.submit(() -> {
            int ok = 0;
            for (int m = 0; m < 10; m++) {
              String moving = cardIds.get(r.nextInt(cardIds.size()));
              JsonObject where = new JsonObject().put("column", columns.get(r.nextInt(3)));
              int lane = r.nextInt(4);
              where.put("swimlane", lane == 3 ? null : lanes.get(lane));
              Api.Reply reply = api.post(card(s.space(), s.id(), moving) + "/move", who.token(), where);
              if (reply.status() != 200) throw new AssertionError(reply.toString());
              ok++;
            }
            return ok;
          }));
        }
        for (Future<Integer> f : done) assertEquals(10, f.get());
      } finally {
        pool.shutdownNow();
      }
      JsonObject view = client.get(s.observer().token(), s.space(), s.id());
      List<String> order = BoardClient.ids(view);
      assertEquals(12, order.size());
      assertEquals(new HashSet<>(cardIds), new HashSet<>(order));
      long last = node.atelier.services().eventLog.head(s.space()).await();
      BoardsTest.Replica replica = new BoardsTest.Replica();
      for (JsonObject e : live.events(s.space(), (int) (last - head))) replica.apply(e);
      assertEquals(order, replica.order(columns));
      Map<String, String> laneOfGet = new HashMap<>();
      for (Object o : view.getJsonArray("cards")) laneOfGet.put(((JsonObject) o).getString("id"), String.valueOf(((JsonObject) o).getString("swimlane")));
      Map<String, String> laneOfEvents = new HashMap<>();
      replica.cards.forEach((id, c) -> laneOfEvents.put(id, String.valueOf(c.getString("swimlane"))));
      assertEquals(laneOfGet, laneOfEvents);
    }
  }
}
