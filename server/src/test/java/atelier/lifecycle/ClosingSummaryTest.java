package atelier.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import atelier.support.Api;
import atelier.support.MutableClock;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The closing summary of a group the scheduler put to sleep, written afterwards by its coordinators")
@NodeTest(config = "lifecycle.checkSeconds=1")
class ClosingSummaryTest {
  static final LocalDate TODAY = LocalDate.of(2032, 5, 20);
  static MutableClock clock = new MutableClock(MandateSchedulerTest.toronto(TODAY, 12, 0));
  static TestNode node;
  static World world;
  static Api api;
  static Groups groups;

  @BeforeAll
  static void groups() {
    groups = new Groups(world);
  }

  static JsonObject summary(String outcomes) {
    return new JsonObject().put("outcomes", outcomes).put("deliverables", "Guide des séchoirs").put("lessons", "Mesurer d’abord");
  }

  @Test
  @DisplayName("coordinators write and rewrite it (event with who, on the card); members, observers and outsiders get 403, bad input 400, an active group or a squad 409 — and nothing changes")
  void writtenAfterTheEnd() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("membre");
    World.Person observer = world.person("obs");
    World.Person outsider = world.person("dehors");
    String g = groups.active(coord, TODAY.minusDays(1));
    world.add(g, member, "member");
    world.add(g, observer, "observer");
    Eventually.until("the scheduler puts the group to sleep", () -> "dormant".equals(groups.state(g)));
    assertNull(groups.space(g).getJsonObject("closing"), "no summary after an automatic end");
    String path = "/api/spaces/" + g + "/closing";

    for (World.Person p : List.of(member, observer, outsider)) {
      Api.Reply r = api.post(path, p.token(), summary("Non"));
      assertEquals(403, r.status(), p + ": " + r);
    }
    List<JsonObject> bad = List.of(new JsonObject(), summary("x").put("extra", "y"), summary("x").put("lessons", 3),
        new JsonObject().put("outcomes", " ").put("deliverables", "").put("lessons", "\n"),
        summary("x".repeat(10_001)));
    for (JsonObject body : bad) {
      Api.Reply r = api.post(path, coord.token(), body);
      assertEquals(400, r.status(), body.encode() + ": " + r);
      assertEquals("bad_request", r.code());
    }
    assertNull(groups.space(g).getJsonObject("closing"), "refusals changed nothing");
    assertEquals(0, Groups.events(node, g, "space.closing").size());

    Api.Reply written = api.post(path, coord.token(), summary("Trois séchoirs optimisés"));
    assertEquals(200, written.status(), written.toString());
    assertEquals("dormant", written.json().getString("state"), "still asleep");
    JsonObject closing = written.json().getJsonObject("closing");
    assertEquals("Trois séchoirs optimisés", closing.getString("outcomes"));
    assertEquals(coord.id(), closing.getString("by"));
    List<Document> events = Groups.events(node, g, "space.closing");
    assertEquals(1, events.size());
    assertEquals(coord.id(), events.get(0).getString("actor"));
    assertEquals("Mesurer d’abord", events.get(0).get("data", Document.class).get("closing", Document.class).getString("lessons"));

    // On the directory card, for anyone.
    JsonObject card = api.get("/api/spaces?state=dormant", outsider.token()).array("spaces").stream().map(o -> (JsonObject) o)
        .filter(s -> s.getString("id").equals(g)).findFirst().orElseThrow();
    assertEquals("Trois séchoirs optimisés", card.getJsonObject("closing").getString("outcomes"));

    // Searchable by what it says (the directory card is indexed again on space.* events).
    Eventually.until("the summary is searchable", () -> api.get("/api/search?q=optimis%C3%A9s&kind=space", outsider.token())
        .array("results").stream().anyMatch(r -> g.equals(((JsonObject) r).getJsonObject("space").getString("id"))));

    // Rewritten by an administrator: the whole summary is replaced, with its new author.
    Api.Reply again = api.post(path, world.admin, summary("Quatre séchoirs optimisés").put("lessons", ""));
    assertEquals(200, again.status(), again.toString());
    assertEquals("", again.json().getJsonObject("closing").getString("lessons"));
    assertFalse(coord.id().equals(again.json().getJsonObject("closing").getString("by")));
    assertEquals(2, Groups.events(node, g, "space.closing").size());

    // The rest of the space stays read-only for its coordinators.
    assertEquals("read_only", api.patch("/api/spaces/" + g, coord.token(), new JsonObject().put("description", "Non")).code());

    // Only a dormant tactical group has a summary to write here.
    String active = groups.active(coord, TODAY.plusMonths(3));
    assertEquals(409, api.post("/api/spaces/" + active + "/closing", coord.token(), summary("Trop tôt")).status());
    assertNull(groups.space(active).getJsonObject("closing"));
    String squad = world.squad("Forêt");
    assertEquals(200, api.post("/api/spaces/" + squad + "/state", world.admin, new JsonObject().put("state", "dormant")).status());
    assertEquals(409, api.post("/api/spaces/" + squad + "/closing", world.admin, summary("Escouade")).status());
    assertEquals(404, api.post("/api/spaces/inconnu/closing", world.admin, summary("?")).status());
  }

  @Test
  @DisplayName("a summary written after the archive was taken makes that archive stale for the purge: the bag must hold the final summary")
  void purgeWantsTheFinalSummary() {
    World.Person coord = world.person("coordPurge");
    String g = groups.active(coord, TODAY.minusDays(1));
    Eventually.until("the scheduler puts the group to sleep", () -> "dormant".equals(groups.state(g)));
    byte[] before = api.get("/api/spaces/" + g + "/archive", coord.token()).raw().getBytes();
    clock.set(clock.instant().plusSeconds(60));
    assertEquals(200, api.post("/api/spaces/" + g + "/closing", coord.token(), summary("Bilan tardif")).status());
    Api.Reply stale = api.post("/api/spaces/" + g + "/purge", world.admin, new JsonObject().put("sha256", sha256(before)));
    assertEquals(409, stale.status(), stale.toString());
    clock.set(clock.instant().plusSeconds(60));
    byte[] after = api.get("/api/spaces/" + g + "/archive", coord.token()).raw().getBytes();
    Api.Reply purged = api.post("/api/spaces/" + g + "/purge", world.admin, new JsonObject().put("sha256", sha256(after)));
    assertEquals(200, purged.status(), purged.toString());
    assertEquals("Bilan tardif", purged.json().getJsonObject("closing").getString("outcomes"));
    assertEquals(409, api.post("/api/spaces/" + g + "/closing", world.admin, summary("Après la purge")).status(),
        "a tombstone's summary is final");
  }

  private static String sha256(byte[] b) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
