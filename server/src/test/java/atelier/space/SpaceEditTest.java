package atelier.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.realtime.WsClient;
import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Editing a space (PATCH /api/spaces/{id}) and finding it in the directory")
@NodeTest
class SpaceEditTest {
  static TestNode node;
  static World world;
  static Api api;

  @Test
  @DisplayName("its coordinators and administrators change name, description, theme and mandate; members see it live")
  void edit() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("membre");
    String space = world.activeGroup(coord);
    world.add(space, member, "member");
    try (WsClient ws = WsClient.connect(node.vertx, node.port(), member.token())) {
      ws.subscribe(space, 0);
      JsonObject mandate = World.mandate().put("issue", "Séchoirs à bois plus sobres").put("end", "2027-06-30");
      Api.Reply r = api.patch("/api/spaces/" + space, coord.token(), new JsonObject().put("name", "  GT Séchage  ")
          .put("description", "Un groupe pour réduire l’énergie des séchoirs.").put("theme", "Transition énergétique").put("mandate", mandate));
      assertEquals(200, r.status(), r.toString());
      assertEquals("GT Séchage", r.json().getString("name"));
      assertEquals("Un groupe pour réduire l’énergie des séchoirs.", r.json().getString("description"));
      assertEquals("2027-06-30", r.json().getJsonObject("mandate").getString("end"));
      JsonObject event = ws.next(f -> "event".equals(f.getString("type")) && "space.updated".equals(f.getString("kind")));
      assertEquals("GT Séchage", event.getJsonObject("data").getString("name"));
      assertEquals("Transition énergétique", event.getJsonObject("data").getString("theme"));

      assertEquals(200, api.patch("/api/spaces/" + space, world.admin, new JsonObject().put("description", "Par l’administration")).status());
      assertEquals("Par l’administration", api.get("/api/spaces/" + space, member.token()).json().getString("description"));
    }
  }

  @Test
  @DisplayName("others get 403, bad input 400, an unknown space 404, and nothing changes")
  void refusals() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("membre");
    String space = world.activeGroup(coord);
    String squad = world.squad("Bois");
    world.add(space, member, "member");
    String before = api.get("/api/spaces/" + space, coord.token()).json().getString("name");
    assertEquals(403, api.patch("/api/spaces/" + space, member.token(), new JsonObject().put("name", "Pirate")).status());
    assertEquals(400, api.patch("/api/spaces/" + space, coord.token(), new JsonObject().put("name", "  ")).status());
    assertEquals(400, api.patch("/api/spaces/" + space, coord.token(), new JsonObject()).status());
    assertEquals(400, api.patch("/api/spaces/" + space, coord.token(), new JsonObject().put("owner", "moi")).status());
    assertEquals(400, api.patch("/api/spaces/" + space, coord.token(),
        new JsonObject().put("mandate", World.mandate().put("end", "2025-01-01"))).status());
    assertEquals(400, api.patch("/api/spaces/" + squad, world.admin, new JsonObject().put("mandate", World.mandate())).status());
    assertEquals(404, api.patch("/api/spaces/inconnu", world.admin, new JsonObject().put("name", "X")).status());
    assertEquals(before, api.get("/api/spaces/" + space, coord.token()).json().getString("name"));
  }

  @Test
  @DisplayName("the directory search ignores case and accents and looks in theme, description and mandate too")
  void search() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    api.patch("/api/spaces/" + space, coord.token(), new JsonObject().put("name", "Groupe Hydrogène vert")
        .put("theme", "Efficacité énergétique").put("description", "Électrolyseurs pour PME")
        .put("mandate", World.mandate().put("issue", "Stockage saisonnier")));
    for (String q : List.of("hydrogene", "HYDROGÈNE VERT", "efficacite energetique", "electrolyseurs", "stockage saisonnier", "vert pme")) {
      JsonArray found = api.get("/api/spaces?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), coord.token()).array("spaces");
      assertTrue(found.stream().map(JsonObject.class::cast).anyMatch(s -> s.getString("id").equals(space)), q);
    }
    JsonArray none = api.get("/api/spaces?q=introuvable", coord.token()).array("spaces");
    assertEquals(0, none.size());
    JsonArray byTheme = api.get("/api/spaces?theme=" + URLEncoder.encode("efficacite ENERGETIQUE", StandardCharsets.UTF_8), coord.token())
        .array("spaces");
    assertTrue(byTheme.stream().map(JsonObject.class::cast).anyMatch(s -> s.getString("id").equals(space)));
  }
}
