package atelier.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The managed list of themes")
@NodeTest
class ThemeTest {
  static TestNode node;
  static World world;
  static Api api;

  private static List<String> names(String token) {
    return api.get("/api/themes", token).array("themes").stream().map(JsonObject.class::cast).map(t -> t.getString("name")).toList();
  }

  @Test
  @DisplayName("starts with the network's four axes; administrators add and rename; duplicates by case or accents are refused")
  void themes() {
    World.Person p = world.person("paul");
    assertTrue(names(p.token()).containsAll(ThemeService.AXES), names(p.token()).toString());

    Api.Reply added = api.post("/api/themes", world.admin, new JsonObject().put("name", "Efficacité énergétique"));
    assertEquals(201, added.status(), added.toString());
    String id = added.json().getString("id");
    Api.Reply twin = api.post("/api/themes", world.admin, new JsonObject().put("name", "efficacite ENERGETIQUE"));
    assertEquals(409, twin.status());
    assertEquals("conflict", twin.code());
    assertEquals(403, api.post("/api/themes", p.token(), new JsonObject().put("name", "Autre")).status());
    assertEquals(400, api.post("/api/themes", world.admin, new JsonObject().put("name", " ")).status());
    assertEquals(1, names(p.token()).stream().filter(n -> n.startsWith("Efficacit")).count());

    // A rename carries over to the spaces that followed the theme.
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    api.patch("/api/spaces/" + space, coord.token(), new JsonObject().put("theme", "Efficacité énergétique"));
    Api.Reply renamed = api.patch("/api/themes/" + id, world.admin, new JsonObject().put("name", "Sobriété énergétique"));
    assertEquals(200, renamed.status(), renamed.toString());
    assertEquals("Sobriété énergétique", api.get("/api/spaces/" + space, coord.token()).json().getString("theme"));
    assertEquals(409, api.patch("/api/themes/" + id, world.admin, new JsonObject().put("name", "NUMERIQUE")).status());
    assertEquals(403, api.patch("/api/themes/" + id, p.token(), new JsonObject().put("name", "X")).status());
    assertEquals(404, api.patch("/api/themes/inconnu", world.admin, new JsonObject().put("name", "X")).status());
  }
}
