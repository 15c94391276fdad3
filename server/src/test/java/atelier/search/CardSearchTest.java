package atelier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import atelier.support.Api;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Search finds board cards by their words, follows their edits and forgets deleted ones; outsiders find nothing")
class CardSearchTest {
  static TestNode node;
  static World world;
  static SearchClient search;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    world = new World(node);
    search = new SearchClient(node.api);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  @DisplayName("a card is found by a word form of its title or description, in its edited form, and no longer once deleted")
  void cards() {
    World.Person c = world.person("coord");
    World.Person outsider = world.person("dehors");
    String space = world.activeGroup(c);
    Api api = node.api;
    JsonObject b = api.post("/api/spaces/" + space + "/boards", c.token(), new JsonObject().put("name", "Essais")).json();
    String column = b.getJsonArray("columns").getJsonObject(0).getString("id");
    String base = "/api/spaces/" + space + "/boards/" + b.getString("id") + "/cards";
    JsonObject card = api.post(base, c.token(), new JsonObject().put("column", column).put("title", "Comparer les séchoirs solaires")
        .put("description", "Mesures de l’humidité résiduelle")).json();
    String id = card.getString("id");

    List<JsonObject> found = search.until(c.token(), "séchoir", "kind=card", r -> SearchClient.ids(r).contains(id));
    assertEquals("card", found.get(0).getString("kind"));
    assertEquals("/spaces/" + space + "/boards?board=" + b.getString("id") + "&card=" + id, found.get(0).getString("link"));
    search.until(c.token(), "humidite", "kind=card", r -> SearchClient.ids(r).contains(id));
    assertEquals(List.of(), SearchClient.ids(search.search(outsider.token(), "séchoir", "kind=card")));

    assertEquals(200, api.patch(base + "/" + id, c.token(), new JsonObject().put("version", 1).put("title", "Comparer les fours")).status());
    search.until(c.token(), "fours", "kind=card", r -> SearchClient.ids(r).contains(id));
    // The description still says "humidité", so the card is still found by it, under its new title.
    search.until(c.token(), "humidité", "kind=card", r -> r.stream().anyMatch(x -> x.getString("id").equals(id)
        && x.getString("title", "").contains("fours")));

    assertEquals(204, api.delete(base + "/" + id, c.token()).status());
    search.until(c.token(), "fours", "kind=card", r -> !SearchClient.ids(r).contains(id));
  }
}
