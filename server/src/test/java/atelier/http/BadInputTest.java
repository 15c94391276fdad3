package atelier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad input gets the documented error and changes nothing")
@NodeTest(config = {"http.maxBodyBytes=4096"})
class BadInputTest {
  static TestNode node;
  static World world;
  static Api api;

  private int organisations() {
    return api.get("/api/organisations", world.admin).array("organisations").size();
  }

  @Test
  @DisplayName("malformed JSON is a 400 bad_request")
  void malformed() {
    int before = organisations();
    Api.Reply r = api.post("/api/organisations", world.admin, "{\"name\": ");
    assertEquals(400, r.status());
    assertEquals("bad_request", r.code());
    assertEquals(before, organisations());
    assertEquals(400, api.post("/api/auth/login", null, "not json").status());
  }

  @Test
  @DisplayName("wrong types and missing fields are a 400 naming the fields")
  void typesAndMissing() {
    int before = organisations();
    Api.Reply wrongType = api.post("/api/organisations", world.admin, new JsonObject().put("name", 42));
    assertEquals(400, wrongType.status());
    assertTrue(wrongType.json().getJsonObject("error").getJsonObject("fields").containsKey("name"), wrongType.toString());
    Api.Reply missing = api.post("/api/users", world.admin, new JsonObject().put("email", "a@b.test"));
    assertEquals(400, missing.status());
    JsonObject fields = missing.json().getJsonObject("error").getJsonObject("fields");
    assertTrue(fields.containsKey("name") && fields.containsKey("password"), missing.toString());
    Api.Reply extra = api.post("/api/organisations", world.admin, new JsonObject().put("name", "X").put("admin", true));
    assertEquals(400, extra.status());
    assertEquals(before, organisations());
  }

  @Test
  @DisplayName("MongoDB operators smuggled into fields are refused, never run")
  void operators() {
    Api.Reply login = api.post("/api/auth/login", null, "{\"email\":{\"$ne\":null},\"password\":{\"$ne\":null}}");
    assertEquals(400, login.status());
    assertEquals("bad_request", login.code());
    assertFalse(login.json().containsKey("token"));
    Api.Reply member = api.post("/api/spaces/x/members", world.admin, "{\"user\":{\"$gt\":\"\"},\"role\":\"member\"}");
    assertEquals(400, member.status());
    Api.Reply object = api.get("/api/users?q=%7B%22%24ne%22%3Anull%7D", world.admin);
    assertEquals(200, object.status(), "a query string is only ever text");
    assertEquals(0, object.array("users").size(), "JSON in a query string is searched for as text, never read as an operator");
    Api.Reply query = api.get("/api/users?q=.*%24ne", world.admin);
    assertEquals(200, query.status());
    assertEquals(0, query.array("users").size(), "a query string is matched as literal text, not as a regex or an operator");
  }

  @Test
  @DisplayName("a body over the limit is a 413 too_large")
  void oversized() {
    int before = organisations();
    Api.Reply r = api.post("/api/organisations", world.admin, new JsonObject().put("name", "x".repeat(10_000)));
    assertEquals(413, r.status());
    assertEquals("too_large", r.code());
    assertEquals(before, organisations());
  }

  @Test
  @DisplayName("unknown ids are 404 not_found; unknown paths too")
  void unknownIds() {
    assertEquals("not_found", api.get("/api/spaces/000000000000000000000000", world.admin).code());
    assertEquals(404, api.get("/api/spaces/000000000000000000000000/members", world.admin).status());
    assertEquals(404, api.patch("/api/users/000000000000000000000000", world.admin, new JsonObject().put("disabled", true)).status());
    assertEquals(404, api.get("/api/nothing-here", world.admin).status());
    Api.Reply unknownUser = api.post("/api/spaces/" + world.squad("S") + "/members", world.admin,
        new JsonObject().put("user", "000000000000000000000000").put("role", "member"));
    assertEquals(400, unknownUser.status());
    assertTrue(unknownUser.json().getJsonObject("error").getJsonObject("fields").containsKey("user"));
  }

  @Test
  @DisplayName("a proposal with a blank name names only its own faulty fields, not the squad variant's")
  void proposalFields() {
    Api.Reply r = api.post("/api/spaces", world.admin, new JsonObject().put("kind", "tactical").put("name", "")
        .put("mandate", atelier.support.World.mandate()));
    assertEquals(400, r.status());
    assertEquals(java.util.Set.of("name"), r.json().getJsonObject("error").getJsonObject("fields").fieldNames(), r.toString());
    Api.Reply squad = api.post("/api/spaces", world.admin, new JsonObject().put("kind", "squad").put("name", "Escouade"));
    assertEquals(java.util.Set.of("theme"), squad.json().getJsonObject("error").getJsonObject("fields").fieldNames(), squad.toString());
  }

  @Test
  @DisplayName("an empty or blank name is refused")
  void blank() {
    int before = organisations();
    assertEquals(400, api.post("/api/organisations", world.admin, new JsonObject().put("name", "")).status());
    assertEquals(400, api.post("/api/organisations", world.admin, new JsonObject().put("name", "   ")).status());
    assertEquals(before, organisations());
  }

  @Test
  @DisplayName("no error answer leaks a stack trace or driver detail")
  void noLeak() {
    Api.Reply r = api.post("/api/organisations", world.admin, "{\"name\": [1,2,");
    assertFalse(r.raw().toString().contains("Exception"));
    assertFalse(r.raw().toString().contains("at atelier."));
  }
}
