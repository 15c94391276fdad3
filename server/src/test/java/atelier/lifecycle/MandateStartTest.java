package atelier.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.MutableClock;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An approved tactical group whose mandate starts later waits, and the scheduler makes it active on its start date")
@NodeTest(config = "lifecycle.checkSeconds=1")
class MandateStartTest {
  static final LocalDate TODAY = LocalDate.of(2031, 4, 10);
  static MutableClock clock = new MutableClock(MandateSchedulerTest.toronto(TODAY, 12, 0));
  static TestNode node;
  static World world;
  static Api api;
  static Groups groups;

  @BeforeAll
  static void groups() {
    groups = new Groups(world);
  }

  @Test
  @DisplayName("approved before its start: proposed with approval (space.approved, public, joinable); the start day in Toronto makes it active once, by the scheduler, with the reason")
  void startsOnItsStartDate() {
    clock.set(MandateSchedulerTest.toronto(TODAY, 12, 0));
    World.Person coord = world.person("coordDebut");
    World.Person passerby = world.person("passant");
    LocalDate start = TODAY.plusDays(10);
    String g = groups.proposed(coord, start, start.plusMonths(3));
    assertFalse(listed(passerby, g), "a proposal is not public");
    String name = groups.space(g).getString("name").substring(3); // "GT <number>": a word only this card has
    Eventually.until("the proposal is indexed", () -> api.get("/api/search?kind=space&q=" + name, coord.token())
        .array("results").size() == 1);
    assertEquals(0, api.get("/api/search?kind=space&q=" + name, passerby.token()).array("results").size(),
        "a proposal's card is not found by others");

    JsonObject approved = groups.approve(g);
    assertEquals("proposed", approved.getString("state"), "it waits for its start date");
    assertEquals(TestNode.ADMIN_EMAIL, adminEmailOf(approved.getJsonObject("approval").getString("by")));
    assertEquals("Mandat approuvé", approved.getJsonObject("approval").getString("reason"));
    List<Document> approvals = Groups.events(node, g, "space.approved");
    assertEquals(1, approvals.size());
    assertEquals(approved.getJsonObject("approval").getString("by"), approvals.get(0).getString("actor"));
    assertEquals(start.toString(), approvals.get(0).get("data", Document.class).getString("start"));
    Api.Reply twice = api.post("/api/spaces/" + g + "/state", world.admin, new JsonObject().put("state", "active"));
    assertEquals(409, twice.status(), twice.toString());
    assertTrue(listed(passerby, g), "an approved group is in the directory before it starts");
    Eventually.until("its card is found by search", () -> api.get("/api/search?kind=space&q=" + name, passerby.token())
        .array("results").stream().anyMatch(r -> g.equals(((JsonObject) r).getJsonObject("space").getString("id"))));
    assertEquals(201, api.post("/api/spaces/" + g + "/join-requests", passerby.token(), new JsonObject()).status(),
        "and people may ask to join it");

    groups.awaitCheck(coord, TODAY);
    clock.set(MandateSchedulerTest.toronto(start.minusDays(1), 23, 30)); // already the start day in UTC
    groups.awaitCheck(coord, start.minusDays(1));
    assertEquals("proposed", groups.state(g), "the day before its start it still waits");
    assertTrue(Groups.events(node, g, "space.state").isEmpty());

    clock.set(MandateSchedulerTest.toronto(start, 0, 30));
    Eventually.until("the group is active", () -> "active".equals(groups.state(g)));
    groups.awaitCheck(coord, start);
    JsonObject space = groups.space(g);
    assertTrue(space.getString("stateReason").contains(start.toString()), space.encode());
    assertEquals(approved.getJsonObject("approval"), space.getJsonObject("approval"), "who approved it stays on record");
    List<Document> transitions = Groups.events(node, g, "space.state");
    assertEquals(1, transitions.size(), "one transition, one event, however many checks");
    Document event = transitions.get(0);
    assertNull(event.getString("actor"), "made by the scheduler, not a person");
    assertEquals("active", event.get("data", Document.class).getString("state"));
    assertEquals(Boolean.TRUE, event.get("data", Document.class).getBoolean("automatic"));
  }

  @Test
  @DisplayName("moving the start date with PATCH reschedules: to today it starts at the next check, later it waits for the new day; created approved by an administrator it waits too")
  void patchReschedules() {
    clock.set(MandateSchedulerTest.toronto(TODAY, 12, 0));
    World.Person coord = world.person("coordReport");
    String sooner = groups.proposed(coord, TODAY.plusDays(30), TODAY.plusDays(120));
    String later = groups.proposed(coord, TODAY.plusDays(5), TODAY.plusDays(120));
    groups.approve(sooner);
    groups.approve(later);

    Api.Reply today = api.patch("/api/spaces/" + sooner, coord.token(), new JsonObject().put("mandate", Groups.mandate(TODAY, TODAY.plusDays(120))));
    assertEquals(200, today.status(), today.toString());
    Eventually.until("the group moved to today is active", () -> "active".equals(groups.state(sooner)));
    assertEquals(200, api.patch("/api/spaces/" + later, coord.token(),
        new JsonObject().put("mandate", Groups.mandate(TODAY.plusDays(20), TODAY.plusDays(120)))).status());
    clock.set(MandateSchedulerTest.toronto(TODAY.plusDays(6), 12, 0));
    groups.awaitCheck(coord, TODAY.plusDays(6));
    assertEquals("proposed", groups.state(later), "its old start date no longer counts");
    clock.set(MandateSchedulerTest.toronto(TODAY.plusDays(20), 9, 0));
    Eventually.until("the group starts on its new date", () -> "active".equals(groups.state(later)));

    // The contract's creation by an administrator with "state":"active" is an approval too.
    Api.Reply created = api.post("/api/spaces", world.admin, new JsonObject().put("kind", "tactical").put("name", "GT créé approuvé")
        .put("state", "active").put("mandate", Groups.mandate(TODAY.plusDays(40), TODAY.plusDays(90))));
    assertEquals(201, created.status(), created.toString());
    assertEquals("proposed", created.json().getString("state"));
    assertTrue(created.json().containsKey("approval"));
    // Declined after all: the approval goes.
    String id = created.json().getString("id");
    Api.Reply declined = api.post("/api/spaces/" + id + "/state", world.admin, new JsonObject().put("state", "declined"));
    assertEquals("declined", declined.json().getString("state"), declined.toString());
    assertFalse(declined.json().containsKey("approval"));
  }

  @Test
  @DisplayName("after downtime a new node catches up: a start day passed while no node ran starts the group; a whole mandate passed starts and ends it, each with its event")
  void catchUpAfterDowntime() {
    String store;
    String started;
    String whole;
    // An installation of one node: two groups approved, then the node stops.
    try (TestNode first = TestNode.start(Map.of("lifecycle.checkSeconds", "1"), new MutableClock(MandateSchedulerTest.toronto(TODAY, 12, 0)))) {
      Groups before = new Groups(new World(first));
      World.Person coord = new World(first).person("coordPanne");
      started = before.proposed(coord, TODAY.plusDays(3), TODAY.plusDays(200));
      whole = before.proposed(coord, TODAY.plusDays(3), TODAY.plusDays(10));
      before.approve(started);
      before.approve(whole);
      store = first.database;
    }
    // Weeks later a node starts again on the same store.
    MutableClock later = new MutableClock(MandateSchedulerTest.toronto(TODAY.plusDays(40), 8, 0));
    try (TestNode restarted = TestNode.start(Map.of("lifecycle.checkSeconds", "1", "mongo.database", store), later)) {
      Groups back = new Groups(new World(restarted));
      Eventually.until("the group whose start passed is active", () -> "active".equals(back.state(started)));
      Eventually.until("the group whose whole mandate passed is dormant", () -> "dormant".equals(back.state(whole)));
      List<String> states = Groups.events(restarted, whole, "space.state").stream()
          .map(e -> e.get("data", Document.class).getString("state")).toList();
      assertEquals(List.of("active", "dormant"), states, "it started, then ended: both transitions on record");
      assertEquals(1, Groups.events(restarted, started, "space.state").size());
    }
  }

  private static boolean listed(World.Person p, String space) {
    return api.get("/api/spaces", p.token()).array("spaces").stream().anyMatch(s -> ((JsonObject) s).getString("id").equals(space));
  }

  private static String adminEmailOf(String userId) {
    return api.get("/api/me", world.admin).json().getString("id").equals(userId) ? TestNode.ADMIN_EMAIL : userId;
  }
}
