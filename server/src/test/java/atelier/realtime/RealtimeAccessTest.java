package atelier.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WebSocket authentication, authorisation per role, dormant spaces, membership, presence and typing")
@NodeTest(config = {"limits.presenceGraceMs=100"})
class RealtimeAccessTest {
  static TestNode node;
  static World world;
  static Api api;

  private WsClient ws(World.Person p) {
    return WsClient.connect(node.vertx, node.port(), p.token());
  }

  private static String cookie(World.Person p) {
    Api.Reply r = api.login(p.email(), World.PASSWORD);
    for (String c : r.headers().getAll("Set-Cookie")) {
      if (c.startsWith("atelier_session=")) return c.substring(0, c.indexOf(';'));
    }
    throw new AssertionError("no session cookie");
  }

  @Test
  @DisplayName("an upgrade without credentials is refused; a cookie upgrade needs our own Origin")
  void authentication() {
    assertThrows(RuntimeException.class, () -> WsClient.connect(node.vertx, node.port(), null));
    assertThrows(RuntimeException.class, () -> WsClient.connect(node.vertx, node.port(), "not-a-token"));
    World.Person p = world.person("cookie");
    String cookie = cookie(p);
    WebSocketConnectOptions foreign = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/ws")
        .addHeader("Cookie", cookie).addHeader("Origin", "https://evil.example");
    assertThrows(RuntimeException.class, () -> WsClient.connect(node.vertx, foreign));
    WebSocketConnectOptions own = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/ws")
        .addHeader("Cookie", cookie).addHeader("Origin", "http://127.0.0.1:" + node.port());
    try (WsClient c = WsClient.connect(node.vertx, own)) {
      assertEquals("pong", c.request(new JsonObject().put("type", "ping")).getString("type"));
    }
  }

  @Test
  @DisplayName("non-members are refused, observers read but cannot write, members write, coordinators moderate")
  void roles() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("member");
    World.Person observer = world.person("observer");
    World.Person stranger = world.person("stranger");
    String space = world.activeGroup(coord);
    world.add(space, member, "member");
    world.add(space, observer, "observer");

    try (WsClient s = ws(stranger)) {
      assertEquals("forbidden", s.subscribe(space, 0).getString("code"));
      assertEquals("forbidden", s.sendMessage(space, "general", "x", "intrus").getString("code"));
      assertEquals("not_found", s.subscribe("nosuchspace", 0).getString("code"));
    }
    String messageId;
    try (WsClient o = ws(observer); WsClient m = ws(member)) {
      assertEquals("subscribed", o.subscribe(space, 0).getString("type"));
      JsonObject refused = o.sendMessage(space, "general", "o1", "je regarde");
      assertEquals("error", refused.getString("type"));
      assertEquals("forbidden", refused.getString("code"));
      assertTrue(refused.getString("message").length() > 0);
      assertEquals("forbidden", o.request(new JsonObject().put("type", "typing").put("space", space).put("channel", "general"))
          .getString("code"));
      JsonObject ack = m.sendMessage(space, "general", "m1", "Bonjour");
      assertEquals("ack", ack.getString("type"));
      messageId = ack.getJsonObject("message").getString("id");
      JsonObject seen = o.next(f -> "event".equals(f.getString("type")));
      assertEquals("Bonjour", seen.getJsonObject("data").getString("text"));
    }
    assertEquals(403, api.delete("/api/spaces/" + space + "/messages/" + messageId, observer.token()).status());
    Api.Reply deleted = api.delete("/api/spaces/" + space + "/messages/" + messageId, coord.token());
    assertEquals(200, deleted.status(), deleted.toString());
    assertTrue(deleted.json().getBoolean("deleted"));
    assertEquals("", deleted.json().getString("text"));
  }

  @Test
  @DisplayName("a dormant space is read-only on the WebSocket: subscribe works, sending answers read_only")
  void dormant() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    try (WsClient c = ws(coord)) {
      c.subscribe(space, 0);
      Api.Reply closed = api.post("/api/spaces/" + space + "/state", coord.token(), new JsonObject().put("state", "dormant"));
      assertEquals(200, closed.status(), closed.toString());
      JsonObject state = c.next(f -> "event".equals(f.getString("type")));
      assertEquals("space.state", state.getString("kind"));
      assertEquals("dormant", state.getJsonObject("data").getString("state"));
      assertEquals("read_only", c.sendMessage(space, "general", "late", "trop tard").getString("code"));
    }
    try (WsClient c = ws(coord)) {
      assertEquals("subscribed", c.subscribe(space, 0).getString("type"));
    }
  }

  @Test
  @DisplayName("member events reach subscribers; a removed member's sockets stop receiving the space")
  void removal() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("member");
    String space = world.activeGroup(coord);
    try (WsClient c = ws(coord)) {
      c.subscribe(space, 0);
      world.add(space, member, "member");
      JsonObject joined = c.next(f -> "event".equals(f.getString("type")));
      assertEquals("member.joined", joined.getString("kind"));
      assertEquals(member.id(), joined.getJsonObject("data").getString("user"));
      try (WsClient m = ws(member)) {
        m.subscribe(space, 0);
        assertEquals(204, api.delete("/api/spaces/" + space + "/members/" + member.id(), coord.token()).status());
        JsonObject left = m.next(f -> "event".equals(f.getString("type")));
        assertEquals("member.left", left.getString("kind"));
        JsonObject gone = m.next("unsubscribed");
        assertEquals("removed", gone.getString("reason"));
        c.sendMessage(space, "general", "after", "après son départ");
        assertEquals("pong", m.request(new JsonObject().put("type", "ping")).getString("type"));
        assertTrue(m.drain().stream().noneMatch(f -> "event".equals(f.getString("type"))), "no event after removal");
        assertEquals("forbidden", m.subscribe(space, 0).getString("code"));
      }
    }
  }

  @Test
  @DisplayName("presence: sent on subscribe and on change, several tabs are one presence; typing reaches the others")
  void presenceAndTyping() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("member");
    String space = world.activeGroup(coord);
    world.add(space, member, "member");
    try (WsClient a = ws(coord)) {
      a.subscribe(space, 0);
      assertEquals(List.of(coord.id()), a.next("presence").getJsonArray("online").getList());
      WsClient b1 = ws(member);
      WsClient b2 = ws(member);
      b1.subscribe(space, 0);
      b2.subscribe(space, 0);
      JsonArray both = b2.next("presence").getJsonArray("online");
      assertEquals(2, both.size(), both.encode());
      assertTrue(both.contains(coord.id()) && both.contains(member.id()));
      assertEquals(2, a.next("presence").getJsonArray("online").size());

      b1.send(new JsonObject().put("type", "typing").put("space", space).put("channel", "general"));
      JsonObject typing = a.next("typing");
      assertEquals(member.id(), typing.getString("user"));
      assertEquals("general", typing.getString("channel"));
      assertEquals(space, typing.getString("space"));
      // Throttled: a second typing frame right away is not forwarded (the message event comes next).
      b1.send(new JsonObject().put("type", "typing").put("space", space).put("channel", "general"));
      b1.sendMessage(space, "general", "typed", "voilà");
      JsonObject next = a.next(f -> "typing".equals(f.getString("type")) || "event".equals(f.getString("type")));
      assertEquals("event", next.getString("type"), next.encode());
      assertTrue(b1.drain().stream().noneMatch(f -> "typing".equals(f.getString("type"))), "never echoed to the typer");

      b1.close();
      b2.close();
      assertEquals(List.of(coord.id()), a.next(f -> "presence".equals(f.getString("type"))
          && f.getJsonArray("online").size() == 1).getJsonArray("online").getList());
      assertFalse(a.closed());
    }
  }

  @Test
  @DisplayName("roles and state are cached for sending, yet a change applies to the very next message on this node")
  void accessChangesApplyAtOnce() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("member");
    String space = world.activeGroup(coord);
    world.add(space, member, "member");
    try (WsClient c = ws(member)) {
      assertEquals("ack", c.sendMessage(space, "general", "a1", "un").getString("type"));
      world.add(space, member, "observer");
      assertEquals("forbidden", c.sendMessage(space, "general", "a2", "deux").getString("code"));
      world.add(space, member, "member");
      assertEquals("ack", c.sendMessage(space, "general", "a3", "trois").getString("type"));
      assertEquals(200, api.post("/api/spaces/" + space + "/state", coord.token(), new JsonObject().put("state", "dormant")).status());
      assertEquals("read_only", c.sendMessage(space, "general", "a4", "quatre").getString("code"));
      assertEquals(200, api.post("/api/spaces/" + space + "/state", world.admin, new JsonObject().put("state", "active")).status());
      assertEquals("ack", c.sendMessage(space, "general", "a5", "cinq").getString("type"));
      assertEquals(200, api.call(io.vertx.core.http.HttpMethod.PATCH, "/api/spaces/" + space + "/channels/general", coord.token(),
          new JsonObject().put("name", "général")).status());
      assertEquals(204, api.delete("/api/spaces/" + space + "/members/" + member.id(), coord.token()).status());
      assertEquals("forbidden", c.sendMessage(space, "general", "a6", "six").getString("code"));
    }
  }
}
