package atelier.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.realtime.WsClient;
import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The inbox: mentions, replies, join requests and proposals, live and read on every device")
@NodeTest
class NotificationTest {
  static TestNode node;
  static World world;
  static Api api;

  private static JsonObject post(World.Person p, String space, String text, String clientId, String thread) {
    JsonObject body = new JsonObject().put("text", text).put("clientId", clientId);
    if (thread != null) body.put("thread", thread);
    Api.Reply r = api.post("/api/spaces/" + space + "/channels/general/messages", p.token(), body);
    assertEquals(201, r.status(), r.toString());
    return r.json().getJsonObject("message");
  }

  private static JsonObject inbox(String token) {
    Api.Reply r = api.get("/api/notifications", token);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private static boolean isNotification(JsonObject f, String kind) {
    return "notification".equals(f.getString("type")) && kind.equals(f.getJsonObject("notification").getString("kind"));
  }

  @Test
  @DisplayName("a mention and a reply in one's thread arrive live, are kept, and read on one device is read on all")
  void mentionsAndReplies() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("membre");
    World.Person outsider = world.person("dehors");
    String space = world.activeGroup(coord);
    world.add(space, member, "member");
    try (WsClient phone = WsClient.connect(node.vertx, node.port(), member.token());
         WsClient laptop = WsClient.connect(node.vertx, node.port(), member.token())) {
      JsonObject mine = post(member, space, "Voici le rapport", "n-1", null);
      post(coord, space, "Merci <@" + member.id() + "> et <@" + outsider.id() + ">", "n-2", null);
      JsonObject mention = phone.next(f -> isNotification(f, "mention")).getJsonObject("notification");
      assertEquals(space, mention.getJsonObject("space").getString("id"));
      assertEquals(coord.id(), mention.getJsonObject("actor").getString("id"));
      assertTrue(mention.getJsonObject("data").getString("excerpt").startsWith("Merci"));
      post(coord, space, "Bien reçu", "n-3", mine.getString("id"));
      JsonObject reply = phone.next(f -> isNotification(f, "reply")).getJsonObject("notification");
      assertEquals(mine.getString("id"), reply.getJsonObject("data").getString("thread"));
      // Own messages, and a second reply by the same person to the same message, notify nobody else twice.
      post(member, space, "Je me cite <@" + member.id() + ">", "n-4", mine.getString("id"));

      JsonObject box = inbox(member.token());
      assertEquals(2, box.getLong("unread"));
      assertEquals(List.of("reply", "mention"), box.getJsonArray("notifications").stream()
          .map(JsonObject.class::cast).map(n -> n.getString("kind")).toList());
      assertEquals(0, inbox(outsider.token()).getJsonArray("notifications").size(), "outside the space: nothing");
      assertEquals(0, inbox(coord.token()).getLong("unread"));

      Api.Reply read = api.post("/api/notifications/read", member.token(), new JsonObject().put("ids", new JsonArray().add(mention.getString("id"))));
      assertEquals(200, read.status(), read.toString());
      assertEquals(1, read.json().getLong("unread"));
      assertEquals(1, laptop.next(f -> "notifications.read".equals(f.getString("type"))).getLong("unread"));
      assertEquals(0, api.post("/api/notifications/read", member.token(), new JsonObject().put("all", true)).json().getLong("unread"));
      assertTrue(inbox(member.token()).getJsonArray("notifications").stream().map(JsonObject.class::cast).allMatch(n -> n.getBoolean("read")));
    }
  }

  @Test
  @DisplayName("coordinators hear of a join request, administrators of a proposal")
  void requestsAndProposals() {
    World.Person coord = world.person("coord");
    World.Person asker = world.person("demandeur");
    String space = world.activeGroup(coord);
    try (WsClient coordWs = WsClient.connect(node.vertx, node.port(), coord.token());
         WsClient adminWs = WsClient.connect(node.vertx, node.port(), world.admin)) {
      Api.Reply asked = api.post("/api/spaces/" + space + "/join-requests", asker.token(), new JsonObject().put("message", "Je peux aider"));
      assertEquals(201, asked.status(), asked.toString());
      JsonObject n = coordWs.next(f -> isNotification(f, "join.requested")).getJsonObject("notification");
      assertEquals(asker.id(), n.getJsonObject("actor").getString("id"));
      assertEquals(asked.json().getString("id"), n.getJsonObject("data").getString("request"));
      assertEquals(1, inbox(coord.token()).getLong("unread"));
      // Deciding settles it: the coordinators' notification is read, on every device, at once.
      Api.Reply decided = api.post("/api/spaces/" + space + "/join-requests/" + asked.json().getString("id"), coord.token(),
          new JsonObject().put("decision", "accept"));
      assertEquals(200, decided.status(), decided.toString());
      JsonObject settled = coordWs.next(f -> "notifications.read".equals(f.getString("type")));
      assertEquals(List.of(n.getString("id")), settled.getJsonArray("ids").getList());
      assertEquals(0, settled.getLong("unread"));
      assertEquals(0, inbox(coord.token()).getLong("unread"));

      Api.Reply proposed = api.post("/api/spaces", asker.token(), new JsonObject().put("kind", "tactical")
          .put("name", "GT proposé").put("mandate", World.mandate()));
      assertEquals(201, proposed.status());
      JsonObject p = adminWs.next(f -> isNotification(f, "space.proposed")).getJsonObject("notification");
      assertEquals(proposed.json().getString("id"), p.getJsonObject("space").getString("id"));
      assertEquals("GT proposé", p.getJsonObject("space").getString("name"));
    }
  }

  @Test
  @DisplayName("bad input gets 400 and changes nothing")
  void badInput() {
    World.Person p = world.person("p");
    assertEquals(400, api.post("/api/notifications/read", p.token(), new JsonObject()).status());
    assertEquals(400, api.post("/api/notifications/read", p.token(), new JsonObject().put("ids", "x")).status());
    assertEquals(400, api.post("/api/notifications/read", p.token(), new JsonObject().put("all", false)).status());
    assertEquals(400, api.get("/api/notifications?limit=0", p.token()).status());
    assertEquals(401, api.get("/api/notifications", null).status());
    assertNull(inbox(p.token()).getJsonArray("notifications").stream().findFirst().orElse(null));
  }
}
