package atelier.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Accounts and sign-in")
@NodeTest(config = {"auth.loginMaxFailures=3", "auth.loginWindowSeconds=60"})
class AuthTest {
  static TestNode node;
  static World world;
  static Api api;

  @Test
  @DisplayName("signing in returns the user without any password or hash, a token and HttpOnly SameSite cookies")
  void login() {
    World.Person p = world.person("claire");
    Api.Reply r = api.login(p.email(), World.PASSWORD);
    assertEquals(200, r.status());
    JsonObject user = r.json().getJsonObject("user");
    assertEquals(p.id(), user.getString("id"));
    assertEquals(world.orgId, user.getJsonObject("organisation").getString("id"));
    assertFalse(r.raw().toString().contains("passwordHash"));
    assertFalse(r.raw().toString().contains(World.PASSWORD));
    assertNotNull(r.json().getString("token"));
    String cookies = String.join("\n", r.headers().getAll("Set-Cookie"));
    assertTrue(cookies.contains("atelier_session="), cookies);
    assertTrue(cookies.matches("(?s).*atelier_session=[^\\n]*HTTPOnly.*") || cookies.matches("(?s).*atelier_session=[^\\n]*HttpOnly.*"), cookies);
    assertTrue(cookies.contains("SameSite=Lax"), cookies);
    assertEquals(p.email(), api.get("/api/me", r.json().getString("token")).json().getString("email"));
  }

  @Test
  @DisplayName("a wrong password and an unknown email get the same 401 answer")
  void wrongPair() {
    World.Person p = world.person("wrong");
    Api.Reply bad = api.login(p.email(), "not-the-password");
    Api.Reply unknown = api.login("nobody@nowhere.test", "not-the-password");
    assertEquals(401, bad.status());
    assertEquals(401, unknown.status());
    assertEquals("unauthorized", bad.code());
    assertEquals(bad.json(), unknown.json());
  }

  @Test
  @DisplayName("repeated failures for one account are throttled with 429 and Retry-After, even with the right password")
  void throttled() {
    World.Person p = world.person("throttle");
    for (int i = 0; i < 3; i++) assertEquals(401, api.login(p.email(), "bad-password-" + i).status());
    Api.Reply r = api.login(p.email(), World.PASSWORD);
    assertEquals(429, r.status());
    assertEquals("rate_limited", r.code());
    assertNotNull(r.headers().get("Retry-After"));
  }

  @Test
  @DisplayName("without credentials every /api call is 401; logout stops the token")
  void logout() {
    assertEquals(401, api.get("/api/me", null).status());
    assertEquals("unauthorized", api.get("/api/spaces", "garbage-token").code());
    World.Person p = world.person("logout");
    assertEquals(200, api.get("/api/me", p.token()).status());
    assertEquals(204, api.post("/api/auth/logout", p.token(), null).status());
    assertEquals(401, api.get("/api/me", p.token()).status());
  }

  @Test
  @DisplayName("a cookie-authenticated change needs the CSRF token; bearer calls do not")
  void csrf() {
    World.Person p = world.person("csrf");
    Api.Reply login = api.login(p.email(), World.PASSWORD);
    String session = login.headers().getAll("Set-Cookie").stream().filter(c -> c.startsWith("atelier_session="))
        .findFirst().orElseThrow().split(";")[0];
    String csrf = login.json().getString("csrfToken");
    HttpResponse<Buffer> me = api.client.request(HttpMethod.GET, "/api/me").putHeader("Cookie", session).send().await();
    assertEquals(200, me.statusCode());
    assertEquals(csrf, me.bodyAsJsonObject().getString("csrfToken"));
    JsonObject change = new JsonObject().put("locale", "en");
    HttpResponse<Buffer> without = api.client.request(HttpMethod.PATCH, "/api/me").putHeader("Cookie", session).sendJsonObject(change).await();
    assertEquals(403, without.statusCode());
    assertEquals("fr", api.get("/api/me", p.token()).json().getString("locale"));
    HttpResponse<Buffer> with = api.client.request(HttpMethod.PATCH, "/api/me").putHeader("Cookie", session)
        .putHeader("X-CSRF-Token", csrf).sendJsonObject(change).await();
    assertEquals(200, with.statusCode());
    assertEquals("en", api.get("/api/me", p.token()).json().getString("locale"));
  }

  @Test
  @DisplayName("changing the password needs the current one and stops the person's other sessions")
  void changePassword() {
    World.Person p = world.person("pw");
    String other = api.token(p.email(), World.PASSWORD);
    Api.Reply wrong = api.post("/api/me/password", p.token(), new JsonObject().put("current", "nope-nope").put("password", "new-password-1"));
    assertEquals(400, wrong.status());
    assertEquals(200, api.get("/api/me", other).status());
    Api.Reply ok = api.post("/api/me/password", p.token(), new JsonObject().put("current", World.PASSWORD).put("password", "new-password-1"));
    assertEquals(204, ok.status());
    assertEquals(200, api.get("/api/me", p.token()).status());
    assertEquals(401, api.get("/api/me", other).status());
    assertEquals(401, api.login(p.email(), World.PASSWORD).status());
    assertEquals(200, api.login(p.email(), "new-password-1").status());
  }

  @Test
  @DisplayName("an administrator disables an account: its tokens stop at once and it cannot sign in")
  void disable() {
    World.Person p = world.person("disabled");
    Api.Reply r = api.patch("/api/users/" + p.id(), world.admin, new JsonObject().put("disabled", true));
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.json().getBoolean("disabled"));
    assertEquals(401, api.get("/api/me", p.token()).status());
    assertEquals(401, api.login(p.email(), World.PASSWORD).status());
    World.Person other = world.person("not-admin");
    assertEquals(403, api.patch("/api/users/" + p.id(), other.token(), new JsonObject().put("disabled", false)).status());
  }

  @Test
  @DisplayName("creating an account with an existing email is a 409 and the first account is untouched")
  void duplicateEmail() {
    World.Person p = world.person("dup");
    Api.Reply r = api.post("/api/users", world.admin, new JsonObject().put("email", p.email().toUpperCase()).put("name", "Autre")
        .put("password", "another-pass-1"));
    assertEquals(409, r.status());
    assertEquals("conflict", r.code());
    assertEquals(200, api.login(p.email(), World.PASSWORD).status());
  }

  @Test
  @DisplayName("error messages follow Accept-Language: French by default, English on request")
  void language() {
    HttpResponse<Buffer> fr = api.client.request(HttpMethod.GET, "/api/me").send().await();
    HttpResponse<Buffer> en = api.client.request(HttpMethod.GET, "/api/me").putHeader("Accept-Language", "en-CA,en;q=0.9").send().await();
    assertEquals("Authentification requise.", fr.bodyAsJsonObject().getJsonObject("error").getString("message"));
    assertEquals("Authentication required.", en.bodyAsJsonObject().getJsonObject("error").getString("message"));
  }
}
