package atelier.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.LogCapture;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Stopping a node (what SIGTERM does) while sends are in flight: sockets are closed with 1001 after
 * the frames they sent are answered, REST calls in flight finish, and nothing answered meets a closed
 * store — every acknowledged message is there when a node starts again on the same database.
 */
@DisplayName("Stopping a node: 1001 for sockets, in-flight work finished first")
class RealtimeShutdownTest {
  @Test
  @DisplayName("sockets get 1001 'server stopping'; every answer before it is a success and is durable")
  void cleanStop() throws Exception {
    LogCapture log = new LogCapture();
    TestNode node = TestNode.start(Map.of("limits.messagesPerSecond", "1000"));
    World world = new World(node);
    World.Person p = world.person("stopper");
    World.Person q = world.person("rester");
    String space = world.activeGroup(p);
    world.add(space, q, "member");
    Set<String> acked = new HashSet<>();
    WsClient c = WsClient.connect(node.vertx, node.port(), p.token());
    try {
      List<Future<HttpResponse<Buffer>>> rest = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        c.ws.writeTextMessage(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
            .put("clientId", "ws" + i).put("text", "en vol " + i).put("ref", "ws" + i).encode());
        rest.add(node.api.client.post("/api/spaces/" + space + "/channels/general/messages")
            .putHeader("Authorization", "Bearer " + q.token())
            .sendJsonObject(new JsonObject().put("clientId", "rest" + i).put("text", "en vol " + i)));
      }
      // The stop starts while the first replies are coming back.
      c.next(f -> f.containsKey("ref"));
      node.atelier.stop().await();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WsClient.WAIT_SECONDS);
      while (!c.closed() && System.nanoTime() < end) c.poll(f -> false, 50);
      assertEquals((short) 1001, c.closeCode());
      assertEquals("server stopping", c.ws.closeReason());
      for (JsonObject f : c.drain()) {
        if (!f.containsKey("ref")) continue;
        assertEquals("ack", f.getString("type"), f.encode());
        acked.add(f.getJsonObject("message").getString("clientId"));
      }
      for (Future<HttpResponse<Buffer>> r : rest) {
        Future<HttpResponse<Buffer>> done = r.timeout(WsClient.WAIT_SECONDS, TimeUnit.SECONDS);
        try {
          HttpResponse<Buffer> resp = done.await();
          assertEquals(201, resp.statusCode(), resp.bodyAsString());
          acked.add(resp.bodyAsJsonObject().getJsonObject("message").getString("clientId"));
        } catch (Exception refused) {
          // Sent after the listener closed: refused at the door, never half-done.
          assertTrue(String.valueOf(refused.getMessage()).matches("(?is).*(refused|closed|reset).*"), refused.toString());
        }
      }
    } finally {
      c.close();
      node.vertx.close().await();
      log.close();
    }
    // Nothing in flight met a closed store (it used to log "state should be: open").
    assertTrue(log.errorsOfOurs().isEmpty(), "errors logged during the stop: " + log.errorsOfOurs());
    assertTrue(acked.size() >= 1, "some sends were answered before the stop");
    try (TestNode again = TestNode.start(Map.of("mongo.database", node.database))) {
      Api.Reply history = again.api.get("/api/spaces/" + space + "/channels/general/messages?limit=200",
          again.api.token(p.email(), World.PASSWORD));
      Set<String> stored = new HashSet<>();
      history.array("messages").forEach(m -> stored.add(((JsonObject) m).getString("clientId")));
      assertTrue(stored.containsAll(acked), "acknowledged but missing: " + acked.stream().filter(a -> !stored.contains(a)).toList());
    }
  }
}
