package atelier.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.realtime.WsClient;
import atelier.support.Api;
import atelier.support.MutableClock;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Closing a tactical group with a summary, reactivating it with a new mandate, and squads put to sleep")
class SpaceLifecycleTest {
  static final LocalDate TODAY = LocalDate.of(2030, 9, 15);
  static TestNode node;
  static World world;
  static Groups groups;
  static Api api;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of(), new MutableClock(MandateSchedulerTest.toronto(TODAY, 12, 0)));
    world = new World(node);
    groups = new Groups(world);
    api = node.api;
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static JsonObject closing() {
    return new JsonObject().put("outcomes", "Trois séchoirs optimisés").put("deliverables", "Guide de bonnes pratiques")
        .put("lessons", "Mesurer avant d’agir");
  }

  @Test
  @DisplayName("a coordinator closes early with a summary, then reactivates with a whole new mandate; the old one is kept with its summary; each step is a space.state event with who and why")
  void closeAndReactivate() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("membre");
    String g = groups.active(coord, TODAY.plusMonths(2));
    world.add(g, member, "member");
    try (WsClient ws = WsClient.connect(node.vertx, node.port(), member.token())) {
      ws.subscribe(g, 0);
      Api.Reply closed = api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "dormant")
          .put("reason", "Objectifs atteints plus tôt").put("closing", closing()));
      assertEquals(200, closed.status(), closed.toString());
      assertEquals("dormant", closed.json().getString("state"));
      assertEquals("Trois séchoirs optimisés", closed.json().getJsonObject("closing").getString("outcomes"));
      assertEquals(coord.id(), closed.json().getJsonObject("closing").getString("by"));
      JsonObject event = ws.next(f -> "space.state".equals(f.getString("kind")));
      assertEquals(coord.id(), event.getString("actor"));
      assertEquals("Objectifs atteints plus tôt", event.getJsonObject("data").getString("reason"));
      assertEquals("Mesurer avant d’agir", event.getJsonObject("data").getJsonObject("closing").getString("lessons"));

      // The summary is on the directory card.
      JsonArray dir = api.get("/api/spaces?state=dormant", member.token()).array("spaces");
      JsonObject card = dir.stream().map(o -> (JsonObject) o).filter(s -> s.getString("id").equals(g)).findFirst().orElseThrow();
      assertEquals("Guide de bonnes pratiques", card.getJsonObject("closing").getString("deliverables"));

      // Members may not wake it; a coordinator needs a whole new mandate that has not ended.
      JsonObject next = Groups.mandate(TODAY, TODAY.plusMonths(4)).put("issue", "Deuxième phase");
      assertEquals(403, api.post("/api/spaces/" + g + "/state", member.token(), new JsonObject().put("state", "active").put("mandate", next)).status());
      Api.Reply past = api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "active")
          .put("mandate", Groups.mandate(TODAY.minusMonths(3), TODAY.minusDays(1))));
      assertEquals(400, past.status(), past.toString());
      assertEquals("dormant", groups.state(g), "a refused reactivation changes nothing");
      Api.Reply woken = api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "active")
          .put("reason", "Deuxième phase financée").put("mandate", next));
      assertEquals(200, woken.status(), woken.toString());
      JsonObject s = woken.json();
      assertEquals("active", s.getString("state"));
      assertEquals("Deuxième phase", s.getJsonObject("mandate").getString("issue"));
      assertNull(s.getJsonObject("closing"), "the summary went with the old mandate");
      JsonArray history = s.getJsonArray("mandates");
      assertEquals(1, history.size());
      assertEquals(TODAY.plusMonths(2).toString(), history.getJsonObject(0).getString("end"));
      assertEquals("Trois séchoirs optimisés", history.getJsonObject(0).getJsonObject("closing").getString("outcomes"));
      JsonObject wake = ws.next(f -> "space.state".equals(f.getString("kind")) && "active".equals(f.getJsonObject("data").getString("state")));
      assertEquals("Deuxième phase", wake.getJsonObject("data").getJsonObject("mandate").getString("issue"));

      // Closed and woken again: the mandates pile up oldest first.
      assertEquals(200, api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "dormant")).status());
      JsonObject third = Groups.mandate(TODAY, TODAY.plusMonths(8)).put("issue", "Troisième phase");
      JsonObject again = api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "active").put("mandate", third)).json();
      assertEquals(2, again.getJsonArray("mandates").size());
      assertEquals("Deuxième phase", again.getJsonArray("mandates").getJsonObject(1).getString("issue"));
    }
  }

  @Test
  @DisplayName("coordinators extend or shorten the mandate with PATCH; a summary or a mandate where they do not belong is a 400")
  void extendAndRefusals() {
    World.Person coord = world.person("coord2");
    String g = groups.active(coord, TODAY.plusDays(10));
    Api.Reply longer = api.patch("/api/spaces/" + g, coord.token(), new JsonObject().put("mandate", Groups.mandate(TODAY.minusMonths(1), TODAY.plusMonths(6))));
    assertEquals(200, longer.status(), longer.toString());
    assertEquals(TODAY.plusMonths(6).toString(), longer.json().getJsonObject("mandate").getString("end"));
    assertEquals(400, api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "dormant")
        .put("closing", closing().put("extra", "x"))).status());
    assertEquals(400, api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "dormant")
        .put("mandate", Groups.mandate(TODAY, TODAY.plusMonths(1)))).status());
    assertEquals("active", groups.state(g));
    // An administrator waking a group whose mandate is over must give a new one.
    assertEquals(200, api.post("/api/spaces/" + g + "/state", world.admin, new JsonObject().put("state", "dormant")).status());
    assertEquals(200, api.patch("/api/spaces/" + g, world.admin, new JsonObject().put("mandate", Groups.mandate(TODAY.minusMonths(2), TODAY.minusDays(2)))).status());
    Api.Reply stale = api.post("/api/spaces/" + g + "/state", world.admin, new JsonObject().put("state", "active"));
    assertEquals(400, stale.status(), stale.toString());
  }

  @Test
  @DisplayName("a squad is permanent: only an administrator puts it to sleep and wakes it, with the reason in the event")
  void squads() {
    World.Person coord = world.person("coordEsc");
    String squad = world.squad("Énergie");
    world.add(squad, coord, "coordinator");
    assertEquals(403, api.post("/api/spaces/" + squad + "/state", coord.token(), new JsonObject().put("state", "dormant")).status());
    Api.Reply slept = api.post("/api/spaces/" + squad + "/state", world.admin, new JsonObject().put("state", "dormant").put("reason", "Pause estivale"));
    assertEquals(200, slept.status());
    assertEquals("Pause estivale", slept.json().getString("stateReason"));
    assertFalse(slept.json().containsKey("mandates"));
    assertEquals(403, api.post("/api/spaces/" + squad + "/state", coord.token(), new JsonObject().put("state", "active")).status());
    assertEquals(200, api.post("/api/spaces/" + squad + "/state", world.admin, new JsonObject().put("state", "active").put("reason", "Rentrée")).status());
    assertTrue("active".equals(groups.state(squad)));
  }
}
