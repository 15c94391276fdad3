package atelier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.realtime.WsClient;
import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The low-severity findings of the security review (docs/security.md), each through the real API. */
@DisplayName("Hardening: what an ordinary account could learn or break")
@NodeTest(config = {"metrics.token=" + HardeningTest.METRICS_TOKEN})
class HardeningTest {
  static final String METRICS_TOKEN = "scraper-secret-token";
  static TestNode node;
  static World world;

  private static Api.Reply raw(HttpMethod method, String path, String token, String body) {
    return node.api.call(method, path, token, body == null ? null : Buffer.buffer(body, "UTF-8"));
  }

  private static String proposal(World.Person author) {
    Api.Reply r = node.api.post("/api/spaces", author.token(), new JsonObject().put("kind", "tactical")
        .put("name", "Proposition " + System.nanoTime()).put("mandate", World.mandate()));
    assertEquals(201, r.status(), r.toString());
    assertEquals("proposed", r.json().getString("state"));
    return r.json().getString("id");
  }

  @Test
  @DisplayName("4: a proposal of someone else answers exactly like an unknown id, over REST and WebSocket")
  void proposalsAreNotConfirmed() {
    World.Person author = world.person("author");
    World.Person prober = world.person("prober");
    String p = proposal(author);
    String unknown = "0123456789abcdef01234567";
    for (String id : List.of(p, unknown)) {
      for (String path : List.of("", "/members", "/channels", "/channels/general/messages")) {
        Api.Reply r = node.api.get("/api/spaces/" + id + path, prober.token());
        assertEquals(404, r.status(), path + " " + r);
      }
      assertEquals(404, node.api.post("/api/spaces/" + id + "/join-requests", prober.token(), new JsonObject()).status());
    }
    try (WsClient c = WsClient.connect(node.vertx, node.port(), prober.token())) {
      assertEquals("not_found", c.subscribe(p, 0).getString("code"));
      assertEquals("not_found", c.subscribe(unknown, 0).getString("code"));
    }
    assertEquals(200, node.api.get("/api/spaces/" + p + "/members", author.token()).status());
  }

  @Test
  @DisplayName("5: a read marker never moves past the log's head, so later messages still count as unread")
  void readMarkerClamped() {
    World.Person reader = world.person("reader");
    World.Person writer = world.person("writer");
    String space = world.activeGroup(reader);
    world.add(space, writer, "member");
    Api.Reply read = raw(HttpMethod.POST, "/api/spaces/" + space + "/channels/general/read", reader.token(), "{\"seq\":1e308}");
    assertEquals(200, read.status(), read.toString());
    long head = node.atelier.services().eventLog.head(space).await();
    assertEquals(head, read.json().getLong("lastRead"));
    assertEquals(201, node.api.post("/api/spaces/" + space + "/channels/general/messages", writer.token(),
        new JsonObject().put("clientId", "after").put("text", "nouveau")).status());
    JsonObject general = node.api.get("/api/spaces/" + space + "/channels", reader.token()).array("channels").stream()
        .map(JsonObject.class::cast).filter(c -> "general".equals(c.getString("id"))).findFirst().orElseThrow();
    assertEquals(1, general.getLong("unread"));
  }

  @Test
  @DisplayName("6: invisible texts and names are blank, bidi overrides and lone surrogates are refused, on both edges")
  void unicodeRules() {
    World.Person p = world.person("unicode");
    String space = world.activeGroup(p);
    for (String blank : List.of("\u00A0\u00A0", "\u200B", "\uFEFF", "\u0000", " \u3164 ")) {
      Api.Reply r = node.api.post("/api/spaces/" + space + "/channels/general/messages", p.token(),
          new JsonObject().put("clientId", "b" + blank.hashCode()).put("text", blank));
      assertEquals(400, r.status(), r.toString());
      Api.Reply u = node.api.post("/api/users", world.admin, new JsonObject().put("email", "b" + blank.hashCode() + "@x.test")
          .put("name", blank).put("password", "secret-secret").put("organisation", world.orgId));
      assertEquals(400, u.status(), u.toString());
    }
    Api.Reply spoof = node.api.post("/api/users", world.admin, new JsonObject().put("email", "spoof@x.test")
        .put("name", "Bob\u202Enimda").put("password", "secret-secret").put("organisation", world.orgId));
    assertEquals(400, spoof.status(), spoof.toString());
    assertEquals(400, node.api.post("/api/spaces/" + space + "/channels", p.token(), new JsonObject().put("name", "\u200B\u200B")).status());
    Api.Reply lone = raw(HttpMethod.POST, "/api/spaces/" + space + "/channels/general/messages", p.token(),
        "{\"clientId\":\"lone\",\"text\":\"a\\ud800b\"}");
    assertEquals(400, lone.status(), lone.toString());
    assertEquals("invalid", lone.json().getJsonObject("error").getJsonObject("fields").getString("text"));
    Buffer latin1 = Buffer.buffer("{\"clientId\":\"latin1\",\"text\":\"caf").appendByte((byte) 0xE9).appendString("\"}");
    Api.Reply notUtf8 = node.api.post("/api/spaces/" + space + "/channels/general/messages", p.token(), latin1);
    assertEquals(400, notUtf8.status(), notUtf8.toString());
    try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token())) {
      c.sendText("{\"type\":\"message.send\",\"ref\":\"l\",\"space\":\"" + space
          + "\",\"channel\":\"general\",\"clientId\":\"lone-ws\",\"text\":\"a\\udc00\"}");
      JsonObject e = c.next(f -> "l".equals(f.getString("ref")));
      assertEquals("bad_request", e.getString("code"), e.encode());
      assertEquals("bad_request", c.sendMessage(space, "general", "zw", "\u200B\u200B").getString("code"));
      // Real text with bidi marks and emoji is kept as sent.
      JsonObject ok = c.sendMessage(space, "general", "rtl", "\u05E9\u05DC\u05D5\u05DD \u200F👋🏽");
      assertEquals("\u05E9\u05DC\u05D5\u05DD \u200F👋🏽", ok.getJsonObject("message").getString("text"));
    }
  }

  @Test
  @DisplayName("7: typing must name an open channel, and WebSocket frames refuse unknown fields like REST")
  void framesAreStrict() {
    World.Person p = world.person("typist");
    World.Person other = world.person("watcher");
    String space = world.activeGroup(p);
    world.add(space, other, "member");
    try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token());
        WsClient w = WsClient.connect(node.vertx, node.port(), other.token())) {
      c.subscribe(space, 0);
      w.subscribe(space, 0);
      JsonObject refused = c.request(new JsonObject().put("type", "typing").put("space", space).put("channel", "nowhere"));
      assertEquals("bad_request", refused.getString("code"));
      assertEquals("unknown", refused.getJsonObject("fields").getString("channel"));
      c.send(new JsonObject().put("type", "typing").put("space", space).put("channel", "general"));
      assertEquals("general", w.next("typing").getString("channel"));
      assertTrue(w.drain().stream().noneMatch(f -> "nowhere".equals(f.getString("channel"))));
      JsonObject extra = c.request(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", "extra").put("text", "salut").put("admin", true));
      assertEquals("bad_request", extra.getString("code"));
      assertEquals("unknown", extra.getJsonObject("fields").getString("admin"));
      assertEquals("unknown", c.request(new JsonObject().put("type", "ping").put("x", 1)).getJsonObject("fields").getString("x"));
    }
  }

  @Test
  @DisplayName("9: an account hashed with fewer iterations is rehashed at its next sign-in")
  void rehashOnSignIn() {
    World.Person p = world.person("oldhash");
    String before = node.atelier.services().users.byId(p.id()).await().orElseThrow().passwordHash();
    assertTrue(before.startsWith("pbkdf2-sha256$1000$"), before);
    try (TestNode stronger = TestNode.start(Map.of("mongo.database", node.database, "auth.hashIterations", "2000"))) {
      stronger.api.token(p.email(), World.PASSWORD);
      String after = stronger.atelier.services().users.byId(p.id()).await().orElseThrow().passwordHash();
      assertTrue(after.startsWith("pbkdf2-sha256$2000$"), after);
      stronger.api.token(p.email(), World.PASSWORD); // the new hash verifies
    }
  }

  @Test
  @DisplayName("10: /metrics needs an administrator or the scraper token; no source map; HSTS over HTTPS; the page is revalidated")
  void edgeHeaders() {
    World.Person p = world.person("curious");
    assertEquals(401, node.api.get("/metrics", null).status());
    assertEquals(403, node.api.get("/metrics", p.token()).status());
    assertEquals(200, node.api.get("/metrics", world.admin).status());
    assertEquals(200, node.api.get("/metrics", METRICS_TOKEN).status());
    assertEquals(401, node.api.get("/metrics", METRICS_TOKEN + "x").status());

    Api.Reply index = node.api.get("/index.html", null);
    assertEquals(200, index.status());
    String html = index.raw().toString();
    assertEquals("no-cache", index.headers().get("Cache-Control"));
    assertEquals("no-cache", node.api.get("/", null).headers().get("Cache-Control"));
    assertEquals("no-cache", node.api.get("/spaces/quelque-part", null).headers().get("Cache-Control"));
    java.util.regex.Matcher script = java.util.regex.Pattern.compile("/assets/[^\"]+\\.js").matcher(html);
    assertTrue(script.find(), html);
    Api.Reply asset = node.api.get(script.group(), null);
    assertEquals(200, asset.status());
    assertTrue(asset.headers().get("Cache-Control").contains("immutable"));
    assertEquals(404, node.api.get(script.group() + ".map", null).status());

    WebClient web = WebClient.create(node.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port()));
    HttpResponse<Buffer> proxied = web.get("/health").putHeader("X-Forwarded-Proto", "https").send().await();
    assertTrue(proxied.getHeader("Strict-Transport-Security").startsWith("max-age="));
    assertNull(web.get("/health").send().await().getHeader("Strict-Transport-Security"));
    web.close();
  }

  @Test
  @DisplayName("11: wrong passwords from one address lock that address out of the account, not its owner")
  void lockoutPerAddress() {
    World.Person p = world.person("victim");
    WebClient attacker = WebClient.create(node.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(node.port()).setLocalAddress("127.0.0.2"));
    JsonObject wrong = new JsonObject().put("email", p.email()).put("password", "not-the-password");
    int last = 0;
    for (int i = 0; i < 6; i++) last = attacker.post("/api/auth/login").sendJsonObject(wrong).await().statusCode();
    assertEquals(429, last);
    JsonObject right = new JsonObject().put("email", p.email()).put("password", World.PASSWORD);
    assertEquals(429, attacker.post("/api/auth/login").sendJsonObject(right).await().statusCode());
    attacker.close();
    assertEquals(200, node.api.login(p.email(), World.PASSWORD).status(), "the owner, from their own address");
  }

  @Test
  @DisplayName("11: e-mail addresses are shown only to administrators, their owner and people sharing a space")
  void emailsNeedASharedSpace() {
    World.Person a = world.person("alice");
    World.Person b = world.person("bruno");
    World.Person stranger = world.person("stranger");
    String space = world.activeGroup(a);
    world.add(space, b, "member");
    JsonArray seenByB = node.api.get("/api/users?q=alice", b.token()).array("users");
    assertTrue(seenByB.stream().map(JsonObject.class::cast).anyMatch(u -> a.email().equals(u.getString("email"))));
    JsonArray seenByStranger = node.api.get("/api/users?q=alice", stranger.token()).array("users");
    JsonObject alice = seenByStranger.stream().map(JsonObject.class::cast).filter(u -> a.id().equals(u.getString("id")))
        .findFirst().orElseThrow();
    assertFalse(alice.containsKey("email"), alice.encode());
    String byEmail = "/api/users?q=" + URLEncoder.encode(a.email(), StandardCharsets.UTF_8);
    assertTrue(node.api.get(byEmail, stranger.token()).array("users").isEmpty(), "no search by a stranger's address");
    assertEquals(1, node.api.get(byEmail, b.token()).array("users").size());
    assertTrue(node.api.get("/api/users", stranger.token()).array("users").stream().map(JsonObject.class::cast)
        .noneMatch(u -> u.containsKey("email") && !stranger.id().equals(u.getString("id"))));
    assertTrue(node.api.get(byEmail, world.admin).array("users").getJsonObject(0).containsKey("email"));
  }

  /** A GET sent exactly as written (the Vert.x client would re-encode the query). */
  private static int exactGet(String pathAndQuery, String token) {
    try {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
          .newBuilder(java.net.URI.create("http://127.0.0.1:" + node.port() + pathAndQuery))
          .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) System.err.println(pathAndQuery + " -> " + r.body());
      return r.statusCode();
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** A GET written byte for byte on a socket, for targets no URI class accepts; answers the status. */
  private static int rawGetStatus(String target, String token) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", node.port())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("12: parameter errors name the parameter; %, quotes and backslashes search fine; join requests need no body")
  void docDrift() {
    World.Person p = world.person("drift");
    Api.Reply limit = node.api.get("/api/spaces/" + world.activeGroup(p) + "/channels/general/messages?limit=abc", p.token());
    assertEquals(400, limit.status());
    assertEquals("invalid", limit.json().getJsonObject("error").getJsonObject("fields").getString("limit"), limit.toString());
    Api.Reply id = node.api.get("/api/spaces/not*an*id/members", p.token());
    assertEquals(400, id.status(), id.toString());
    assertEquals("invalid", id.json().getJsonObject("error").getJsonObject("fields").getString("id"), id.toString());
    for (String q : List.of("%", "\"", "\\", "50% \"off\" a\\b", "2024", "true")) {
      String enc = URLEncoder.encode(q, StandardCharsets.UTF_8);
      for (String path : List.of("/api/users?q=", "/api/spaces?q=", "/api/spaces?theme=")) {
        int status = exactGet(path + enc, p.token());
        assertEquals(200, status, path + q);
      }
    }
    // A query that is not URL-encoding at all is a clear 400, not a server error.
    assertEquals(400, rawGetStatus("/api/users?q=%zz", p.token()));
    assertEquals(400, rawGetStatus("/api/users?q=%", p.token()));
    World.Person asker = world.person("asker");
    String squad = world.squad("Ouverte");
    Api.Reply join = node.api.post("/api/spaces/" + squad + "/join-requests", asker.token(), null);
    assertEquals(201, join.status(), join.toString());
  }

  @Test
  @DisplayName("a large body (checked off the event loop) is validated exactly like a small one")
  void largeBodies() {
    World.Person coordinator = world.person("grand");
    String space = world.activeGroup(coordinator);
    String docs = "/api/spaces/" + space + "/documents";
    String text = "Compte rendu détaillé. ".repeat(6_000); // ~140 KB: past the inline validation size
    int before = node.api.get(docs, coordinator.token()).array("documents").size();
    Api.Reply wrong = node.api.post(docs, coordinator.token(), new JsonObject().put("title", 42).put("text", text));
    assertEquals(400, wrong.status(), wrong.toString());
    assertTrue(wrong.json().getJsonObject("error").getJsonObject("fields").containsKey("title"), wrong.toString());
    Api.Reply extra = node.api.post(docs, coordinator.token(), new JsonObject().put("title", "x").put("text", text).put("$set", 1));
    assertEquals(400, extra.status(), extra.toString());
    assertEquals(before, node.api.get(docs, coordinator.token()).array("documents").size(), "refused bodies change nothing");
    Api.Reply ok = node.api.post(docs, coordinator.token(), new JsonObject().put("title", "Grand").put("text", text));
    assertEquals(201, ok.status(), ok.toString());
  }
}
