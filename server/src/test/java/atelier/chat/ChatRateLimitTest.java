package atelier.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Sending by REST is held to the same per-person rate as the WebSocket")
@NodeTest(config = {"limits.messagesPerSecond=1"})
class ChatRateLimitTest {
  static TestNode node;

  @Test
  @DisplayName("a burst over the rate gets 429 rate_limited, and only the accepted messages are stored")
  void burst() {
    World world = new World(node);
    World.Person p = world.person("bavard");
    String g = world.activeGroup(p);
    String path = "/api/spaces/" + g + "/channels/general/messages";
    int accepted = 0;
    int limited = 0;
    for (int i = 0; i < 12; i++) {
      Api.Reply r = node.api.post(path, p.token(), new JsonObject().put("clientId", "burst-" + i).put("text", "message " + i));
      if (r.status() == 201) accepted++;
      else {
        assertEquals(429, r.status(), r.toString());
        assertEquals("rate_limited", r.code());
        limited++;
      }
    }
    assertTrue(limited > 0, "a burst of 12 at 1/s (2 for a person's tabs) must be limited");
    assertEquals(accepted, node.api.get(path, p.token()).json().getJsonArray("messages").size());
  }
}
