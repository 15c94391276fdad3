package atelier.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The WebSocket gateway: subscribe, fan-out, ordering, resume")
@NodeTest
class RealtimeGatewayTest {
  static TestNode node;
  static World world;
  static Api api;

  private WsClient ws(World.Person p) {
    return WsClient.connect(node.vertx, node.port(), p.token());
  }

  @Test
  @DisplayName("ping gets pong, with the ref echoed")
  void ping() {
    World.Person p = world.person("pinger");
    try (WsClient c = ws(p)) {
      JsonObject pong = c.request(new JsonObject().put("type", "ping"));
      assertEquals("pong", pong.getString("type"));
    }
  }

  @Test
  @DisplayName("a message reaches every subscribed client, in order, and is acknowledged with its seq")
  void fanOut() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("membre");
    String space = world.activeGroup(coord);
    world.add(space, member, "member");
    try (WsClient a = ws(coord); WsClient b = ws(member); WsClient b2 = ws(member)) {
      JsonObject sa = a.subscribe(space, 0);
      assertEquals("subscribed", sa.getString("type"));
      long head = sa.getLong("head");
      assertTrue(head > 0, "member events exist");
      assertEquals(head, b.subscribe(space, 0).getLong("head"));
      assertEquals(head, b2.subscribe(space, 0).getLong("head"));
      for (int i = 1; i <= 5; i++) {
        JsonObject ack = b.sendMessage(space, "general", "k" + i, "Bonjour " + i);
        assertEquals("ack", ack.getString("type"), ack.encode());
        assertEquals(head + i, ack.getLong("seq"));
        assertEquals("Bonjour " + i, ack.getJsonObject("message").getString("text"));
      }
      for (WsClient c : List.of(a, b, b2)) {
        List<JsonObject> events = c.events(space, 5);
        for (int i = 0; i < 5; i++) {
          JsonObject e = events.get(i);
          assertEquals(head + i + 1, e.getLong("seq"));
          assertEquals("message.created", e.getString("kind"));
          assertEquals(member.id(), e.getString("actor"));
          JsonObject data = e.getJsonObject("data");
          assertEquals("Bonjour " + (i + 1), data.getString("text"));
          assertEquals("general", data.getString("channel"));
          assertEquals(member.id(), data.getString("author"));
          assertEquals("k" + (i + 1), data.getString("clientId"));
          assertNotNull(data.getString("id"));
          assertNotNull(data.getString("createdAt"));
        }
      }
    }
  }

  @Test
  @DisplayName("after a disconnect, subscribing with since replays exactly the missed events, then subscribed")
  void resume() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    long since;
    try (WsClient a = ws(coord)) {
      since = a.subscribe(space, 0).getLong("head");
    }
    try (WsClient w = ws(coord)) {
      for (int i = 0; i < 4; i++) w.sendMessage(space, "general", "resume" + i, "m" + i);
    }
    try (WsClient a = ws(coord)) {
      String ref = WsClient.ref();
      a.send(new JsonObject().put("type", "subscribe").put("space", space).put("since", since).put("ref", ref));
      for (int i = 0; i < 4; i++) {
        JsonObject e = a.next(f -> !"presence".equals(f.getString("type")));
        assertEquals("event", e.getString("type"), e.encode());
        assertEquals(since + i + 1, e.getLong("seq"));
        assertEquals("m" + i, e.getJsonObject("data").getString("text"));
      }
      JsonObject sub = a.next(f -> !"presence".equals(f.getString("type")));
      assertEquals("subscribed", sub.getString("type"));
      assertEquals(ref, sub.getString("ref"));
      assertEquals(since + 4, sub.getLong("head"));
      assertFalse(sub.containsKey("reset"));
    }
  }

  @Test
  @DisplayName("the same clientId sent again answers the same seq and message, never a duplicate")
  void idempotentResend() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    JsonObject first;
    try (WsClient a = ws(coord)) {
      first = a.sendMessage(space, "general", "same-key", "Une seule fois");
    }
    try (WsClient a = ws(coord)) {
      JsonObject again = a.sendMessage(space, "general", "same-key", "Une seule fois");
      assertEquals(first.getLong("seq"), again.getLong("seq"));
      assertEquals(first.getJsonObject("message").getString("id"), again.getJsonObject("message").getString("id"));
    }
    JsonObject history = api.get("/api/spaces/" + space + "/channels/general/messages", coord.token()).json();
    assertEquals(1, history.getJsonArray("messages").size(), history.encode());
  }

  @Test
  @DisplayName("the same clientId sent at once from two tabs gives one message and the same ack to both")
  void concurrentResend() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    try (WsClient t1 = ws(coord); WsClient t2 = ws(coord)) {
      for (int i = 0; i < 5; i++) {
        JsonObject frame = new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
            .put("clientId", "twin" + i).put("text", "jumeau " + i);
        t1.send(frame.copy().put("ref", "a" + i));
        t2.send(frame.copy().put("ref", "b" + i));
      }
      for (int i = 0; i < 5; i++) {
        String ra = "a" + i;
        String rb = "b" + i;
        JsonObject a = t1.next(f -> ra.equals(f.getString("ref")));
        JsonObject b = t2.next(f -> rb.equals(f.getString("ref")));
        assertEquals("ack", a.getString("type"), a.encode());
        assertEquals(a.getLong("seq"), b.getLong("seq"));
        assertEquals(a.getJsonObject("message").getString("id"), b.getJsonObject("message").getString("id"));
      }
    }
    assertEquals(5, api.get("/api/spaces/" + space + "/channels/general/messages", coord.token()).array("messages").size());
  }
}
