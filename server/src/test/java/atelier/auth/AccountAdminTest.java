package atelier.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Administrators edit accounts and reset passwords")
@NodeTest
class AccountAdminTest {
  static TestNode node;
  static World world;
  static Api api;

  private static String newOrganisation(String name) {
    Api.Reply r = api.post("/api/organisations", world.admin, new JsonObject().put("name", name));
    assertEquals(201, r.status(), r.toString());
    return r.json().getString("id");
  }

  @Test
  @DisplayName("an administrator changes name, organisation, administration and disabled; omitted fields stay")
  void edit() {
    World.Person p = world.person("edit");
    String other = newOrganisation("Coopérative Nord");
    Api.Reply r = api.patch("/api/users/" + p.id(), world.admin,
        new JsonObject().put("name", "  Élise Martin  ").put("organisation", other).put("admin", true));
    assertEquals(200, r.status(), r.toString());
    assertEquals("Élise Martin", r.json().getString("name"));
    assertEquals(other, r.json().getJsonObject("organisation").getString("id"));
    assertEquals("admin", r.json().getJsonArray("roles").getString(0));
    Api.Reply renamed = api.patch("/api/users/" + p.id(), world.admin, new JsonObject().put("name", "Élise M."));
    assertEquals(other, renamed.json().getJsonObject("organisation").getString("id"));
    assertTrue(renamed.json().getJsonArray("roles").contains("admin"));
    Api.Reply cleared = api.patch("/api/users/" + p.id(), world.admin, new JsonObject().putNull("organisation").put("admin", false));
    assertEquals(200, cleared.status(), cleared.toString());
    assertNull(cleared.json().getValue("organisation"));
    assertTrue(cleared.json().getJsonArray("roles").isEmpty());
    assertEquals("Élise M.", api.get("/api/me", p.token()).json().getString("name"));
  }

  @Test
  @DisplayName("a bad name, an unknown organisation or account is refused with a clear error and nothing changes")
  void badInput() {
    World.Person p = world.person("bad");
    JsonObject before = api.get("/api/me", p.token()).json();
    Api.Reply blank = api.patch("/api/users/" + p.id(), world.admin, new JsonObject().put("name", "\u200B\u200B").put("admin", true));
    assertEquals(400, blank.status(), blank.toString());
    assertEquals("bad_request", blank.code());
    assertTrue(blank.json().getJsonObject("error").getJsonObject("fields").containsKey("name"), blank.toString());
    Api.Reply bidi = api.patch("/api/users/" + p.id(), world.admin, new JsonObject().put("name", "Jean\u202EnaeJ"));
    assertEquals(400, bidi.status(), bidi.toString());
    Api.Reply org = api.patch("/api/users/" + p.id(), world.admin, new JsonObject().put("organisation", "inconnue").put("name", "Autre"));
    assertEquals(400, org.status(), org.toString());
    assertEquals("unknown", org.json().getJsonObject("error").getJsonObject("fields").getString("organisation"));
    Api.Reply extra = api.patch("/api/users/" + p.id(), world.admin, new JsonObject().put("passwordHash", "x"));
    assertEquals(400, extra.status(), extra.toString());
    assertEquals(404, api.patch("/api/users/000000000000000000000000", world.admin, new JsonObject().put("name", "Personne")).status());
    assertEquals(404, api.post("/api/users/000000000000000000000000/password-reset", world.admin, null).status());
    JsonObject after = api.get("/api/me", p.token()).json();
    assertEquals(before, after);
  }

  @Test
  @DisplayName("someone who is not an administrator can neither edit an account nor reset its password")
  void nonAdminRefused() {
    World.Person p = world.person("victim");
    World.Person other = world.person("intruder");
    Api.Reply edit = api.patch("/api/users/" + p.id(), other.token(), new JsonObject().put("name", "Volé"));
    assertEquals(403, edit.status());
    assertEquals("forbidden", edit.code());
    assertEquals(403, api.post("/api/users/" + p.id() + "/password-reset", other.token(), null).status());
    assertEquals(200, api.login(p.email(), World.PASSWORD).status());
    assertNotEquals("Volé", api.get("/api/me", p.token()).json().getString("name"));
  }

  @Test
  @DisplayName("after a reset the old password and sessions stop; the temporary one only lets the person choose a new one")
  void reset() {
    World.Person p = world.person("reset");
    Api.Reply r = api.post("/api/users/" + p.id() + "/password-reset", world.admin, null);
    assertEquals(200, r.status(), r.toString());
    String temporary = r.json().getString("temporaryPassword");
    assertTrue(temporary.length() >= 16, temporary);
    assertEquals(401, api.get("/api/me", p.token()).status());
    assertEquals(401, api.login(p.email(), World.PASSWORD).status());

    Api.Reply login = api.login(p.email(), temporary);
    assertEquals(200, login.status(), login.toString());
    assertTrue(login.json().getJsonObject("user").getBoolean("mustChangePassword"));
    String token = login.json().getString("token");
    Api.Reply me = api.get("/api/me", token);
    assertEquals(200, me.status());
    assertTrue(me.json().getBoolean("mustChangePassword"));
    Api.Reply spaces = api.get("/api/spaces", token);
    assertEquals(403, spaces.status());
    assertEquals("password_change_required", spaces.code());
    assertEquals("password_change_required", api.patch("/api/me", token, new JsonObject().put("locale", "en")).code());
    assertEquals("password_change_required", api.get("/api/users", token).code());
    assertEquals("fr", api.get("/api/me", token).json().getString("locale"));
    Api.Reply same = api.post("/api/me/password", token, new JsonObject().put("current", temporary).put("password", temporary));
    assertEquals(400, same.status(), same.toString());
    assertEquals(403, api.get("/api/spaces", token).status());

    Api.Reply changed = api.post("/api/me/password", token, new JsonObject().put("current", temporary).put("password", "chosen-password-1"));
    assertEquals(204, changed.status(), changed.toString());
    assertEquals(200, api.get("/api/spaces", token).status());
    assertFalse(api.get("/api/me", token).json().containsKey("mustChangePassword"));
    assertEquals(401, api.login(p.email(), temporary).status());
    Api.Reply fresh = api.login(p.email(), "chosen-password-1");
    assertEquals(200, fresh.status());
    assertFalse(fresh.json().getJsonObject("user").containsKey("mustChangePassword"));
  }

  @Test
  @DisplayName("each reset makes a new temporary password, the previous one stops, and no other answer shows it")
  void temporaryNotStored() {
    World.Person p = world.person("twice");
    String first = api.post("/api/users/" + p.id() + "/password-reset", world.admin, null).json().getString("temporaryPassword");
    String second = api.post("/api/users/" + p.id() + "/password-reset", world.admin, null).json().getString("temporaryPassword");
    assertNotEquals(first, second);
    assertEquals(401, api.login(p.email(), first).status());
    assertEquals(200, api.login(p.email(), second).status());
    Api.Reply listed = api.get("/api/users?q=twice", world.admin);
    assertFalse(listed.raw().toString().contains(second));
    assertFalse(listed.raw().toString().contains("passwordHash"));
  }

  @Test
  @DisplayName("the last active administrator cannot be demoted or disabled; once there is another, it can")
  void lastAdministrator() {
    try (TestNode alone = TestNode.start()) {
      World w = new World(alone);
      String me = alone.api.get("/api/me", w.admin).json().getString("id");
      Api.Reply demote = alone.api.patch("/api/users/" + me, w.admin, new JsonObject().put("admin", false));
      assertEquals(409, demote.status(), demote.toString());
      assertEquals("conflict", demote.json().getJsonObject("error").getString("code"));
      assertEquals(409, alone.api.patch("/api/users/" + me, w.admin, new JsonObject().put("disabled", true)).status());
      assertEquals(200, alone.api.get("/api/me", w.admin).status(), "nothing changed");
      World.Person other = w.person("seconde");
      assertEquals(200, alone.api.patch("/api/users/" + other.id(), w.admin, new JsonObject().put("admin", true)).status());
      Api.Reply now = alone.api.patch("/api/users/" + me, w.admin, new JsonObject().put("admin", false));
      assertEquals(200, now.status(), now.toString());
    }
  }
}
