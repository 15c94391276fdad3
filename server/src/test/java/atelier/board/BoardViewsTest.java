package atelier.board;

import static atelier.board.BoardClient.board;
import static atelier.board.BoardClient.card;
import static atelier.board.BoardClient.column;
import static atelier.board.BoardClient.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Board views: filters, my tasks across spaces, due-date reminders, a board seeded from the mandate")
@NodeTest
class BoardViewsTest {
  static TestNode node;
  static World world;
  static Api api;
  static BoardClient client;

  @BeforeAll
  static void start() {
    client = new BoardClient(api);
  }

  static String today(int plus) {
    return BoardClock.system().today().plusDays(plus).toString();
  }

  static JsonObject newCard(World.Person p, String space, String board, String column, JsonObject fields) {
    return BoardClient.expect(201, api.post(board(space, board) + "/cards", p.token(), fields.put("column", column)));
  }

  @Test
  @DisplayName("filters by assignee (me), label, due soon, overdue and blocked; done cards are neither overdue nor blocking")
  void filters() {
    World.Person c = world.person("coord");
    World.Person m = world.person("membre");
    String s = world.activeGroup(c);
    world.add(s, m, "member");
    JsonObject b = client.createBoard(c.token(), s, "Filtres");
    String id = b.getString("id");
    String todo = column(b, 0);
    String done = column(b, 2);
    JsonObject late = newCard(c, s, id, todo, new JsonObject().put("title", "En retard").put("due", today(-2))
        .put("assignees", new JsonArray().add(m.id())).put("labels", new JsonArray().add("rapport")));
    JsonObject soon = newCard(c, s, id, todo, new JsonObject().put("title", "Bientôt").put("due", today(3)));
    JsonObject far = newCard(c, s, id, todo, new JsonObject().put("title", "Plus tard").put("due", today(30)).put("labels", new JsonArray().add("rapport")));
    JsonObject lateDone = newCard(c, s, id, done, new JsonObject().put("title", "En retard mais fait").put("due", today(-5)));
    JsonObject blocked = newCard(c, s, id, todo, new JsonObject().put("title", "Bloquée").put("blockedBy", new JsonArray().add(soon.getString("id"))));
    JsonObject free = newCard(c, s, id, todo, new JsonObject().put("title", "Débloquée").put("blockedBy", new JsonArray().add(lateDone.getString("id"))));

    String base = board(s, id);
    assertEquals(List.of(late.getString("id")), ids(BoardClient.expect(200, api.get(base + "?assignee=me", m.token()))));
    assertEquals(List.of(late.getString("id")), ids(BoardClient.expect(200, api.get(base + "?assignee=" + m.id(), c.token()))));
    assertEquals(List.of(late.getString("id"), far.getString("id")), ids(BoardClient.expect(200, api.get(base + "?label=rapport", c.token()))));
    assertEquals(List.of(late.getString("id")), ids(BoardClient.expect(200, api.get(base + "?due=overdue", c.token()))));
    assertEquals(List.of(soon.getString("id")), ids(BoardClient.expect(200, api.get(base + "?due=soon", c.token()))));
    assertEquals(List.of(blocked.getString("id")), ids(BoardClient.expect(200, api.get(base + "?blocked=true", c.token()))));
    assertEquals(List.of(), ids(BoardClient.expect(200, api.get(base + "?label=rapport&due=soon", c.token()))), "filters combine with and");
    assertTrue(ids(BoardClient.expect(200, api.get(base + "?blocked=false", c.token()))).contains(free.getString("id")));
  }

  @Test
  @DisplayName("my tasks: the cards assigned to me in every space I belong to, soonest due first; leaving a space hides its cards")
  void myTasks() {
    World.Person c = world.person("coord");
    World.Person me = world.person("moi");
    String one = world.activeGroup(c);
    String two = world.activeGroup(c);
    world.add(one, me, "member");
    world.add(two, me, "observer");
    JsonObject b1 = client.createBoard(c.token(), one, "Un");
    JsonObject b2 = client.createBoard(c.token(), two, "Deux");
    JsonArray mine = new JsonArray().add(me.id());
    JsonObject later = newCard(c, one, b1.getString("id"), column(b1, 0), new JsonObject().put("title", "Plus tard").put("due", today(10)).put("assignees", mine));
    JsonObject first = newCard(c, two, b2.getString("id"), column(b2, 1), new JsonObject().put("title", "D’abord").put("due", today(1)).put("assignees", mine));
    JsonObject undated = newCard(c, one, b1.getString("id"), column(b1, 2), new JsonObject().put("title", "Sans date").put("assignees", mine));
    newCard(c, one, b1.getString("id"), column(b1, 0), new JsonObject().put("title", "Pas à moi"));

    JsonArray tasks = BoardClient.expect(200, api.get("/api/me/tasks", me.token())).getJsonArray("tasks");
    assertEquals(List.of(first.getString("id"), later.getString("id"), undated.getString("id")),
        tasks.stream().map(t -> ((JsonObject) t).getJsonObject("card").getString("id")).toList());
    JsonObject t0 = tasks.getJsonObject(0);
    assertEquals("Deux", t0.getJsonObject("board").getString("name"));
    assertEquals(two, t0.getJsonObject("space").getString("id"));
    assertEquals("En cours", t0.getString("columnName"));
    assertTrue(tasks.getJsonObject(2).getBoolean("done"));

    assertEquals(204, api.delete("/api/spaces/" + two + "/members/" + me.id(), world.admin).status());
    JsonArray after = BoardClient.expect(200, api.get("/api/me/tasks", me.token())).getJsonArray("tasks");
    assertEquals(List.of(later.getString("id"), undated.getString("id")),
        after.stream().map(t -> ((JsonObject) t).getJsonObject("card").getString("id")).toList());
  }

  @Test
  @DisplayName("a card due today or tomorrow puts a reminder in each assignee's inbox, once per due date; done cards do not")
  void reminders() {
    World.Person c = world.person("coord");
    World.Person m = world.person("membre");
    String s = world.activeGroup(c);
    world.add(s, m, "member");
    JsonObject b = client.createBoard(c.token(), s, "Rappels");
    JsonArray who = new JsonArray().add(m.id()).add(c.id());
    JsonObject due = newCard(c, s, b.getString("id"), column(b, 0), new JsonObject().put("title", "Remettre le rapport").put("due", today(1)).put("assignees", who));
    newCard(c, s, b.getString("id"), column(b, 2), new JsonObject().put("title", "Déjà fait").put("due", today(0)).put("assignees", who));
    newCard(c, s, b.getString("id"), column(b, 0), new JsonObject().put("title", "Loin").put("due", today(9)).put("assignees", who));

    Boards boards = node.atelier.services().boards;
    boards.reminders.runOnce().await();
    boards.reminders.runOnce().await();
    List<JsonObject> notes = reminders(m);
    assertEquals(1, notes.size(), notes.toString());
    assertEquals("Remettre le rapport", notes.get(0).getJsonObject("data").getString("title"));
    assertEquals(s, notes.get(0).getJsonObject("space").getString("id"));
    assertEquals(1, reminders(c).size());

    // A new due date reminds again.
    BoardClient.expect(200, api.patch(card(s, b.getString("id"), due.getString("id")), c.token(), new JsonObject().put("version", 1).put("due", today(0))));
    boards.reminders.runOnce().await();
    assertEquals(2, reminders(m).size());
  }

  static List<JsonObject> reminders(World.Person p) {
    return BoardClient.expect(200, api.get("/api/notifications", p.token())).getJsonArray("notifications").stream()
        .map(JsonObject.class::cast).filter(n -> DueReminders.KIND.equals(n.getString("kind"))).toList();
  }

  @Test
  @DisplayName("a tactical group's board is seeded with a card per deliverable of its mandate; seeding again adds nothing")
  void seededFromMandate() {
    World.Person c = world.person("coord");
    JsonObject mandate = World.mandate().put("deliverables", "- Rapport d’étape\n- Prototype du séchoir ; Guide de bonnes pratiques\n\n2. Atelier de transfert.");
    String s = api.post("/api/spaces", c.token(), new JsonObject().put("kind", "tactical").put("name", "Séchage " + System.nanoTime())
        .put("mandate", mandate)).json().getString("id");
    assertEquals(200, api.post("/api/spaces/" + s + "/state", world.admin, new JsonObject().put("state", "active")).status());
    JsonObject b = BoardClient.expect(201, api.post(BoardClient.boards(s), c.token(), new JsonObject().put("name", "Livrables").put("fromMandate", true)));
    List<String> titles = b.getJsonArray("cards").stream().map(x -> ((JsonObject) x).getString("title")).toList();
    assertEquals(List.of("Rapport d’étape", "Prototype du séchoir", "Guide de bonnes pratiques", "Atelier de transfert"), titles);
    assertTrue(b.getJsonArray("cards").stream().allMatch(x -> ((JsonObject) x).getString("column").equals(column(b, 0))));
    JsonObject again = BoardClient.expect(200, api.post(board(s, b.getString("id")) + "/seed", c.token(), new JsonObject()));
    assertEquals(0, again.getJsonArray("cards").size());
    assertEquals(4, client.get(c.token(), s, b.getString("id")).getJsonArray("cards").size());

    String squad = world.squad("Énergie");
    world.add(squad, c, "member");
    JsonObject sb = client.createBoard(c.token(), squad, "Escouade");
    assertEquals(400, api.post(board(squad, sb.getString("id")) + "/seed", c.token(), new JsonObject()).status());
  }
}
