package atelier.org;

import static org.junit.jupiter.api.Assertions.assertEquals;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Organisations list how many people they have")
@NodeTest
class OrganisationCountTest {
  static TestNode node;
  static World world;
  static Api api;

  private static long count(String org) {
    return api.get("/api/organisations", world.admin).array("organisations").stream().map(JsonObject.class::cast)
        .filter(o -> o.getString("id").equals(org)).findFirst().orElseThrow().getLong("memberCount");
  }

  @Test
  @DisplayName("enabled accounts are counted per organisation; a disabled one stops counting; an empty one says 0")
  void counts() {
    String empty = api.post("/api/organisations", world.admin, new JsonObject().put("name", "Centre vide")).json().getString("id");
    World.Person a = world.person("a");
    world.person("b");
    String org = api.get("/api/me", a.token()).json().getJsonObject("organisation") == null
        ? api.get("/api/me", a.token()).json().getString("organisation")
        : api.get("/api/me", a.token()).json().getJsonObject("organisation").getString("id");
    long before = count(org);
    assertEquals(0, count(empty));
    assertEquals(200, api.patch("/api/users/" + a.id(), world.admin, new JsonObject().put("disabled", true)).status());
    assertEquals(before - 1, count(org));
  }
}
