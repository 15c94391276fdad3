package atelier.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Spaces and membership, through the REST API")
@NodeTest
class SpaceFlowTest {
  static TestNode node;
  static World world;
  static Api api;

  @Test
  @DisplayName("an administrator creates a squad, active, with a general channel; others may not")
  void squads() {
    World.Person p = world.person("paul");
    Api.Reply created = api.post("/api/spaces", world.admin, new JsonObject().put("kind", "squad").put("name", "Escouade Test")
        .put("theme", "Transition énergétique"));
    assertEquals(201, created.status(), created.toString());
    assertEquals("active", created.json().getString("state"));
    assertEquals("squad", created.json().getString("kind"));
    Api.Reply refused = api.post("/api/spaces", p.token(), new JsonObject().put("kind", "squad").put("name", "X").put("theme", "Y"));
    assertEquals(403, refused.status());
    assertEquals("forbidden", refused.code());
  }

  @Test
  @DisplayName("a tactical group is proposed by anyone, hidden from others until an administrator approves it")
  void proposeAndApprove() {
    World.Person author = world.person("auteur");
    World.Person other = world.person("autre");
    String squad = world.squad("Numérique");
    Api.Reply proposed = api.post("/api/spaces", author.token(), new JsonObject().put("kind", "tactical").put("name", "GT IA")
        .put("mandate", World.mandate()).put("squad", squad));
    assertEquals(201, proposed.status(), proposed.toString());
    JsonObject g = proposed.json();
    assertEquals("proposed", g.getString("state"));
    assertEquals("coordinator", g.getString("membership"));
    assertEquals("Un enjeu précis", g.getJsonObject("mandate").getString("issue"));
    assertEquals(squad, g.getJsonObject("squad").getString("id"));
    String id = g.getString("id");

    assertEquals(404, api.get("/api/spaces/" + id, other.token()).status());
    assertFalse(ids(api.get("/api/spaces", other.token()).array("spaces")).contains(id));
    assertEquals(403, api.post("/api/spaces/" + id + "/state", author.token(), new JsonObject().put("state", "active")).status());

    Api.Reply approved = api.post("/api/spaces/" + id + "/state", world.admin, new JsonObject().put("state", "active").put("reason", "ok"));
    assertEquals(200, approved.status(), approved.toString());
    assertEquals("active", approved.json().getString("state"));
    assertTrue(ids(api.get("/api/spaces", other.token()).array("spaces")).contains(id));
    JsonObject seen = api.get("/api/spaces/" + id, other.token()).json();
    assertNull(seen.getValue("membership"));
    assertEquals(1, seen.getInteger("memberCount"));
  }

  @Test
  @DisplayName("an end date before the start date is refused and nothing is created")
  void badDates() {
    World.Person author = world.person("dates");
    int before = api.get("/api/spaces", world.admin).array("spaces").size();
    Api.Reply r = api.post("/api/spaces", author.token(), new JsonObject().put("kind", "tactical").put("name", "GT dates")
        .put("mandate", World.mandate().put("start", "2026-05-01").put("end", "2026-04-01")));
    assertEquals(400, r.status());
    assertEquals("bad_request", r.code());
    assertEquals(before, api.get("/api/spaces", world.admin).array("spaces").size());
  }

  @Test
  @DisplayName("a person asks to join, a coordinator accepts, and the person is a member")
  void joinRequest() {
    World.Person coord = world.person("coord");
    World.Person asker = world.person("demandeur");
    String g = world.activeGroup(coord);
    assertEquals(403, api.get("/api/spaces/" + g + "/members", asker.token()).status());
    Api.Reply asked = api.post("/api/spaces/" + g + "/join-requests", asker.token(), new JsonObject().put("message", "Bonjour"));
    assertEquals(201, asked.status(), asked.toString());
    assertEquals("pending", api.get("/api/spaces/" + g, asker.token()).json().getString("joinRequest"));
    Api.Reply again = api.post("/api/spaces/" + g + "/join-requests", asker.token(), new JsonObject());
    assertEquals(409, again.status());
    assertEquals(403, api.get("/api/spaces/" + g + "/join-requests", asker.token()).status());
    JsonArray pending = api.get("/api/spaces/" + g + "/join-requests", coord.token()).array("requests");
    assertEquals(1, pending.size());
    String rid = pending.getJsonObject(0).getString("id");
    Api.Reply accepted = api.post("/api/spaces/" + g + "/join-requests/" + rid, coord.token(), new JsonObject().put("decision", "accept"));
    assertEquals(200, accepted.status(), accepted.toString());
    assertEquals("accepted", accepted.json().getString("status"));
    assertEquals("member", api.get("/api/spaces/" + g, asker.token()).json().getString("membership"));
    assertEquals(2, api.get("/api/spaces/" + g + "/members", asker.token()).array("members").size());
    assertEquals(409, api.post("/api/spaces/" + g + "/join-requests/" + rid, coord.token(), new JsonObject().put("decision", "decline")).status());
  }

  @Test
  @DisplayName("the last coordinator cannot leave; with a second coordinator they can")
  void lastCoordinator() {
    World.Person coord = world.person("seul");
    World.Person second = world.person("second");
    String g = world.activeGroup(coord);
    Api.Reply leave = api.delete("/api/spaces/" + g + "/members/" + coord.id(), coord.token());
    assertEquals(409, leave.status());
    assertEquals("conflict", leave.code());
    Api.Reply demote = api.post("/api/spaces/" + g + "/members", coord.token(), new JsonObject().put("user", coord.id()).put("role", "member"));
    assertEquals(409, demote.status());
    assertEquals(200, api.post("/api/spaces/" + g + "/members", coord.token(), new JsonObject().put("user", second.id()).put("role", "coordinator")).status());
    assertEquals(204, api.delete("/api/spaces/" + g + "/members/" + coord.id(), coord.token()).status());
    assertNull(api.get("/api/spaces/" + g, coord.token()).json().getValue("membership"));
  }

  @Test
  @DisplayName("a dormant space is read-only: joining and adding members answer read_only; waking it restores writes")
  void dormant() {
    World.Person coord = world.person("dormeur");
    World.Person newcomer = world.person("nouveau");
    String g = world.activeGroup(coord);
    Api.Reply slept = api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "dormant").put("reason", "Mandat complété"));
    assertEquals(200, slept.status(), slept.toString());
    assertEquals("dormant", slept.json().getString("state"));
    Api.Reply join = api.post("/api/spaces/" + g + "/join-requests", newcomer.token(), new JsonObject());
    assertEquals(409, join.status());
    assertEquals("read_only", join.code());
    Api.Reply add = api.post("/api/spaces/" + g + "/members", coord.token(), new JsonObject().put("user", newcomer.id()).put("role", "member"));
    assertEquals("read_only", add.code());
    assertEquals(403, api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "active")).status());
    assertEquals(200, api.post("/api/spaces/" + g + "/state", world.admin, new JsonObject().put("state", "active")).status());
    assertEquals(200, api.post("/api/spaces/" + g + "/members", coord.token(), new JsonObject().put("user", newcomer.id()).put("role", "member")).status());
  }

  @Test
  @DisplayName("the directory filters by kind, state and name, and shows member organisations")
  void directoryFilters() {
    World.Person coord = world.person("filtre");
    String g = world.activeGroup(coord);
    JsonArray tactical = api.get("/api/spaces?kind=tactical", coord.token()).array("spaces");
    assertTrue(tactical.stream().allMatch(o -> ((JsonObject) o).getString("kind").equals("tactical")));
    assertTrue(ids(tactical).contains(g));
    JsonArray squads = api.get("/api/spaces?kind=squad", coord.token()).array("spaces");
    assertFalse(ids(squads).contains(g));
    JsonObject mine = api.get("/api/spaces/" + g, coord.token()).json();
    assertEquals(world.orgId, mine.getJsonArray("organisations").getJsonObject(0).getString("id"));
    assertEquals(400, api.get("/api/spaces?kind=planet", coord.token()).status());
  }

  static java.util.List<String> ids(JsonArray arr) {
    return arr.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
