package atelier.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WebSocket limits and bad input: answered with error frames, the connection stays open")
@NodeTest(config = {"limits.frameBytes=2048", "limits.messageLength=500", "limits.messagesPerSecond=3", "limits.subscribesPerSecond=3", "limits.replayMax=10"})
class RealtimeLimitsTest {
  static TestNode node;
  static World world;

  private static void stillOpen(WsClient c) {
    assertEquals("pong", c.request(new JsonObject().put("type", "ping")).getString("type"));
    assertFalse(c.closed());
  }

  @Test
  @DisplayName("a frame above limits.frameBytes gets too_large; a text above limits.messageLength too")
  void tooLarge() {
    World.Person p = world.person("big");
    String space = world.activeGroup(p);
    try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token())) {
      c.send(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", "big").put("text", "é".repeat(1500)));
      JsonObject e = c.next("error");
      assertEquals("too_large", e.getString("code"));
      stillOpen(c);
      assertEquals("too_large", c.sendMessage(space, "general", "long", "x".repeat(501)).getString("code"));
      stillOpen(c);
    }
  }

  @Test
  @DisplayName("malformed JSON, a non-object, an unknown type and missing fields are bad_request")
  void badInput() {
    World.Person p = world.person("bad");
    String space = world.activeGroup(p);
    try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token())) {
      c.sendText("{not json");
      assertEquals("bad_request", c.next("error").getString("code"));
      c.sendText("[1,2,3]");
      assertEquals("bad_request", c.next("error").getString("code"));
      c.sendText("{\"ref\":\"a\"}");
      JsonObject noType = c.next("error");
      assertEquals("a", noType.getString("ref"));
      assertEquals("bad_request", noType.getString("code"));
      JsonObject unknown = c.request(new JsonObject().put("type", "launch.rocket"));
      assertEquals("bad_request", unknown.getString("code"));
      JsonObject missing = c.request(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general"));
      assertEquals("bad_request", missing.getString("code"));
      assertTrue(missing.getJsonObject("fields").containsKey("clientId"), missing.encode());
      assertEquals("bad_request", c.request(new JsonObject().put("type", "subscribe")).getString("code"));
      assertEquals("bad_request", c.request(new JsonObject().put("type", "subscribe").put("space", space).put("since", -1))
          .getString("code"));
      assertEquals("bad_request", c.request(new JsonObject().put("type", "subscribe").put("space", "../x")).getString("code"));
      assertEquals("bad_request", c.sendMessage(space, "nochannel", "k", "où ?").getString("code"));
      assertEquals("bad_request", c.sendMessage(space, "general", "k2", "   ").getString("code"));
      stillOpen(c);
    }
  }

  @Test
  @DisplayName("messages and subscribes beyond their rate get rate_limited; the connection stays usable")
  void rateLimits() {
    World.Person p = world.person("fast");
    String space = world.activeGroup(p);
    try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token())) {
      List<String> refs = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String ref = WsClient.ref();
        refs.add(ref);
        c.send(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
            .put("clientId", "rate" + i).put("text", "vite " + i).put("ref", ref));
      }
      int acks = 0;
      int limited = 0;
      for (String ref : refs) {
        JsonObject reply = c.next(f -> ref.equals(f.getString("ref")));
        if ("ack".equals(reply.getString("type"))) acks++;
        else if ("rate_limited".equals(reply.getString("code"))) limited++;
      }
      assertTrue(acks >= 1, "some pass");
      assertTrue(limited >= 1, "some are limited");
      assertEquals(12, acks + limited);

      List<String> subs = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String ref = WsClient.ref();
        subs.add(ref);
        c.send(new JsonObject().put("type", "subscribe").put("space", space).put("ref", ref));
      }
      int subLimited = 0;
      for (String ref : subs) {
        if ("rate_limited".equals(c.next(f -> ref.equals(f.getString("ref"))).getString("code"))) subLimited++;
      }
      assertTrue(subLimited >= 1);
      stillOpen(c);
    }
  }

  @Test
  @DisplayName("a reader that stops reading is closed with 4008 once its queue is full; the others keep receiving")
  void slowConsumer() {
    // One event loop: the flood is relayed as fast as it arrives, so the paused reader's frames pile up
    // in the server before the kernel's socket buffers swallow them (with a loop per core, a few MB of
    // small frames can fit in loopback buffers and nothing stays unwritten).
    try (TestNode small = TestNode.start(Map.of("limits.outboundQueueFrames", "50", "limits.typingIntervalMs", "0",
        "limits.messagesPerSecond", "100000", "http.instances", "1"))) {
      World w = new World(small);
      World.Person writer = w.person("writer");
      World.Person slow = w.person("slow");
      World.Person fast = w.person("fast");
      String space = w.activeGroup(writer);
      w.add(space, slow, "member");
      w.add(space, fast, "member");
      try (WsClient sw = WsClient.connect(small.vertx, small.port(), writer.token());
          WsClient sl = WsClient.connect(small.vertx, small.port(), slow.token());
          WsClient fa = WsClient.connect(small.vertx, small.port(), fast.token())) {
        sl.subscribe(space, 0);
        fa.subscribe(space, 0);
        sw.subscribe(space, 0);
        sl.ws.pause();
        // Typing frames are cheap to produce and are forwarded to every other subscriber.
        String channel = "general";
        JsonObject typing = new JsonObject().put("type", "typing").put("space", space).put("channel", channel);
        String text = typing.encode();
        // The first typing frame looks its channel up; typing frames arriving meanwhile are dropped
        // (docs/protocol.md). Once another member has received it, the channel is cached.
        sw.send(typing);
        fa.next("typing");
        // Enough bytes (about 12 MB relayed) that the loopback socket buffers cannot hold them all.
        for (int i = 0; i < 120_000; i++) sw.ws.writeTextMessage(text);
        JsonObject ack = sw.sendMessage(space, "general", "after-flood", "toujours là");
        assertEquals("ack", ack.getString("type"), ack.encode());
        JsonObject seen = fa.next(f -> "event".equals(f.getString("type")) && "message.created".equals(f.getString("kind")));
        assertEquals("toujours là", seen.getJsonObject("data").getString("text"));
        sl.ws.resume();
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(WsClient.WAIT_SECONDS);
        while (!sl.closed() && System.nanoTime() < end) sl.poll(f -> false, 200);
        assertEquals((short) 4008, sl.closeCode());
        stillOpen(fa);
      }
    }
  }

  @Test
  @DisplayName("a gap larger than limits.replayMax is not replayed: subscribed says reset")
  void resetWhenTooFarBehind() {
    World.Person p = world.person("late");
    String space = world.activeGroup(p);
    // Three writers, so the bulk stays under each person's message rate (REST shares it).
    World.Person[] writers = {p, world.person("late2"), world.person("late3")};
    world.add(space, writers[1], "member");
    world.add(space, writers[2], "member");
    for (int i = 0; i < 12; i++) {
      assertEquals(201, node.api.post("/api/spaces/" + space + "/channels/general/messages", writers[i % 3].token(),
          new JsonObject().put("clientId", "bulk" + i).put("text", "n° " + i)).status());
    }
    long head = node.atelier.services().eventLog.head(space).await();
    try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token())) {
      JsonObject sub = c.subscribe(space, 1);
      assertEquals("subscribed", sub.getString("type"));
      assertTrue(sub.getBoolean("reset"));
      assertEquals(head, sub.getLong("head"));
      assertTrue(c.earlier(f -> "event".equals(f.getString("type"))).isEmpty(), "nothing replayed");
      JsonObject near = c.subscribe(space, head - 3);
      assertFalse(near.containsKey("reset"));
      assertEquals(3, c.earlier(f -> "event".equals(f.getString("type"))).size());
    }
  }
}
