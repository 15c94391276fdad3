package atelier.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retention: an administrator purges a dormant, archived space, and a tombstone card stays")
@NodeTest
class PurgeTest {
  static TestNode node;
  static World world;
  static Api api;

  static JsonObject sha(String s) {
    return new JsonObject().put("sha256", s);
  }

  @Test
  @DisplayName("only dormant, only with the SHA-256 of an archive taken since it went dormant, only administrators; then the content is gone and the card keeps the closing summary")
  void purge() {
    World.Person coord = world.person("coord");
    String g = world.activeGroup(coord);
    String base = "/api/spaces/" + g;
    api.post(base + "/channels/general/messages", coord.token(), new JsonObject().put("clientId", "p1").put("text", "À oublier"));
    String early = Bags.sha256(Bags.download(api, g, coord.token()).raw().getBytes());
    assertEquals("not_dormant", conflict(api.post(base + "/purge", world.admin, sha(early))));
    assertEquals(200, api.post(base + "/state", coord.token(), new JsonObject().put("state", "dormant")
        .put("closing", new JsonObject().put("outcomes", "Bilan").put("deliverables", "Livrable").put("lessons", "Leçon"))).status());
    assertEquals("not_archived", conflict(api.post(base + "/purge", world.admin, sha(early))), "that archive predates the dormancy");
    byte[] bag = Bags.download(api, g, coord.token()).raw().getBytes();
    String good = Bags.sha256(bag);
    assertEquals("archive_mismatch", conflict(api.post(base + "/purge", world.admin, sha("0".repeat(64)))));
    assertEquals(400, api.post(base + "/purge", world.admin, sha("pas-un-sha")).status());
    assertEquals(403, api.post(base + "/purge", coord.token(), sha(good)).status());
    assertEquals(200, api.get(base + "/channels/general/messages", coord.token()).status(), "refusals changed nothing");

    Api.Reply purged = api.post(base + "/purge", world.admin, sha(good));
    assertEquals(200, purged.status(), purged.toString());
    assertNotNull(purged.json().getString("purgedAt"));
    assertEquals("Leçon", purged.json().getJsonObject("closing").getString("lessons"));
    assertEquals(404, api.get(base + "/channels/general/messages", world.admin).status(), "the content is gone");
    assertEquals(0, api.get(base + "/members", world.admin).array("members").size(), "and its memberships");
    JsonObject card = api.get("/api/spaces?state=dormant", world.person("passant").token()).array("spaces").stream()
        .map(o -> (JsonObject) o).filter(s -> s.getString("id").equals(g)).findFirst().orElseThrow();
    assertEquals("Bilan", card.getJsonObject("closing").getString("outcomes"), "the tombstone card keeps the summary");
    assertEquals("purged", conflict(Bags.download(api, g, world.admin)));
    assertEquals("purged", conflict(api.post(base + "/purge", world.admin, sha(good))));
    assertEquals(409, api.post(base + "/state", world.admin, new JsonObject().put("state", "active")
        .put("mandate", World.mandate())).status(), "a tombstone is not woken");
  }

  static String conflict(Api.Reply r) {
    assertEquals(409, r.status(), r.toString());
    JsonObject e = r.json().getJsonObject("error");
    return errorKey(e.getString("message"));
  }

  /** The refusal, recognised by its (French) message from the server's message bundle. */
  static String errorKey(String message) {
    java.util.Properties fr = new java.util.Properties();
    try (var in = PurgeTest.class.getResourceAsStream("/i18n/messages_fr.properties")) {
      fr.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (String key : fr.stringPropertyNames()) if (fr.getProperty(key).equals(message)) return key.substring("error.".length());
    return message;
  }
}
