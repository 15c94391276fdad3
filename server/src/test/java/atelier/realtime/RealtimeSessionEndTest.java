package atelier.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.auth.Tokens;
import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A socket lives no longer than its session: signing out, a password change made elsewhere, the
 * account being disabled or its password reset closes it with 4401 "session ended", and nothing it sent after is handled.
 */
@DisplayName("WebSocket: a socket whose session ends is closed at once (4401)")
@NodeTest(config = {"limits.socketsPerPerson=5"})
class RealtimeSessionEndTest {
  static TestNode node;
  static World world;

  /** Waits (with a deadline) for the server's close; answers its code. */
  static short awaitClose(WsClient c) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WsClient.WAIT_SECONDS);
    while (!c.closed() && System.nanoTime() < end) c.poll(f -> false, 50);
    assertTrue(c.closed(), "the socket was not closed");
    return c.closeCode();
  }

  /** Sends a message right after the session ended; it must never be acknowledged nor stored. */
  static void sendRefused(WsClient c, String space, String clientId, World.Person reader) {
    try {
      c.ws.writeTextMessage(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", clientId).put("text", "après la fin").put("ref", clientId).encode());
    } catch (RuntimeException alreadyClosed) {
      // closed before the frame could be written: refused too
    }
    assertEquals((short) 4401, awaitClose(c));
    assertEquals("session ended", c.ws.closeReason());
    assertTrue(c.drain().stream().noneMatch(f -> clientId.equals(f.getString("ref"))), "no reply to a frame after the end");
    Api.Reply history = node.api.get("/api/spaces/" + space + "/channels/general/messages", reader.token());
    assertEquals(200, history.status(), history.toString());
    assertTrue(history.array("messages").stream().map(JsonObject.class::cast)
        .noneMatch(m -> clientId.equals(m.getString("clientId"))), "the message was not stored");
  }

  @Test
  @DisplayName("signing out closes that session's sockets, not the person's other sessions")
  void logout() {
    World.Person p = world.person("leaver");
    World.Person other = world.person("witness");
    String space = world.activeGroup(p);
    world.add(space, other, "member");
    String second = node.api.token(p.email(), World.PASSWORD);
    try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token());
        WsClient kept = WsClient.connect(node.vertx, node.port(), second)) {
      assertEquals("subscribed", c.subscribe(space, 0).getString("type"));
      assertEquals(204, node.api.post("/api/auth/logout", p.token(), null).status());
      sendRefused(c, space, "after-logout", other);
      assertEquals("pong", kept.request(new JsonObject().put("type", "ping")).getString("type"));
      assertFalse(kept.closed());
    }
  }

  @Test
  @DisplayName("disabling an account closes all its sockets")
  void disabled() {
    World.Person p = world.person("disabled");
    World.Person other = world.person("witness");
    String space = world.activeGroup(p);
    world.add(space, other, "member");
    String second = node.api.token(p.email(), World.PASSWORD);
    try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token());
        WsClient c2 = WsClient.connect(node.vertx, node.port(), second);
        WsClient witness = WsClient.connect(node.vertx, node.port(), other.token())) {
      assertEquals("ack", c.sendMessage(space, "general", "before", "avant").getString("type"));
      Api.Reply r = node.api.patch("/api/users/" + p.id(), world.admin, new JsonObject().put("disabled", true));
      assertEquals(200, r.status(), r.toString());
      sendRefused(c, space, "after-disable", other);
      assertEquals((short) 4401, awaitClose(c2));
      assertEquals("pong", witness.request(new JsonObject().put("type", "ping")).getString("type"));
    }
  }

  @Test
  @DisplayName("a password change closes the sockets of the person's other sessions, not the one that changed it")
  void passwordChange() {
    World.Person p = world.person("changer");
    World.Person other = world.person("witness");
    String space = world.activeGroup(p);
    world.add(space, other, "member");
    String elsewhere = node.api.token(p.email(), World.PASSWORD);
    try (WsClient here = WsClient.connect(node.vertx, node.port(), p.token());
        WsClient there = WsClient.connect(node.vertx, node.port(), elsewhere)) {
      Api.Reply r = node.api.post("/api/me/password", p.token(),
          new JsonObject().put("current", World.PASSWORD).put("password", "a-new-secret-2"));
      assertEquals(204, r.status(), r.toString());
      sendRefused(there, space, "after-password", other);
      assertEquals("ack", here.sendMessage(space, "general", "still-here", "toujours là").getString("type"));
      assertFalse(here.closed());
    }
  }

  /** A session of {@code p} that expires in {@code seconds}, made the way sign-in makes one; its token. */
  private static String sessionEndingIn(World.Person p, int seconds) {
    String token = Tokens.random();
    node.atelier.services().sessions.create(Tokens.digest(token), p.id(), Tokens.random(), Instant.now().plusSeconds(seconds)).await();
    return token;
  }

  @Test
  @DisplayName("a socket closes when its session expires")
  void expiry() {
    String token = sessionEndingIn(world.person("ephemeral"), 2);
    try (WsClient c = WsClient.connect(node.vertx, node.port(), token)) {
      assertEquals((short) 4401, awaitClose(c)); // the upgrade itself succeeded: the session was valid then
    }
  }

  @Test
  @DisplayName("the sockets of one session share its expiry: one closing early does not spare the others")
  void sharedExpiry() {
    String token = sessionEndingIn(world.person("ephemeral-tabs"), 3);
    try (WsClient first = WsClient.connect(node.vertx, node.port(), token);
        WsClient second = WsClient.connect(node.vertx, node.port(), token)) {
      assertEquals("pong", first.request(new JsonObject().put("type", "ping")).getString("type"));
      first.close(); // the session's first socket leaves before the expiry
      assertEquals((short) 4401, awaitClose(second));
    }
  }

  @Test
  @DisplayName("a password reset closes all the account's sockets; the temporary password opens none until a new one is chosen")
  void passwordReset() {
    World.Person p = world.person("reset");
    World.Person other = world.person("reset-witness");
    String space = world.activeGroup(p);
    world.add(space, other, "member");
    try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token())) {
      assertEquals("ack", c.sendMessage(space, "general", "before-reset", "avant").getString("type"));
      Api.Reply r = node.api.post("/api/users/" + p.id() + "/password-reset", world.admin, null);
      assertEquals(200, r.status(), r.toString());
      sendRefused(c, space, "after-reset", other);
      String temporary = r.json().getString("temporaryPassword");
      String limited = node.api.token(p.email(), temporary);
      RuntimeException refused = null;
      try {
        WsClient.connect(node.vertx, node.port(), limited).close();
      } catch (RuntimeException e) {
        refused = e;
      }
      assertTrue(refused != null && refused.getMessage().contains("403"), String.valueOf(refused));
      assertEquals(204, node.api.post("/api/me/password", limited,
          new JsonObject().put("current", temporary).put("password", "chosen-password-1")).status());
      try (WsClient after = WsClient.connect(node.vertx, node.port(), limited)) {
        assertEquals("pong", after.request(new JsonObject().put("type", "ping")).getString("type"));
      }
    }
  }

  @Test
  @DisplayName("a person may hold limits.socketsPerPerson sockets on a node; the next upgrade gets 429")
  void socketCap() {
    World.Person p = world.person("tabs");
    java.util.List<WsClient> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) open.add(WsClient.connect(node.vertx, node.port(), p.token()));
      RuntimeException refused = null;
      try {
        open.add(WsClient.connect(node.vertx, node.port(), p.token()));
      } catch (RuntimeException e) {
        refused = e;
      }
      assertTrue(refused != null && refused.getMessage().contains("429"), String.valueOf(refused));
      open.remove(0).close();
      // The count follows closes (the server sees the close shortly after the client).
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WsClient.WAIT_SECONDS);
      WsClient again = null;
      while (again == null && System.nanoTime() < end) {
        try {
          again = WsClient.connect(node.vertx, node.port(), p.token());
        } catch (RuntimeException e) {
          assertNotEquals(-1, e.getMessage().indexOf("429"), e.getMessage());
        }
      }
      assertTrue(again != null, "a socket is admitted again after one closed");
      open.add(again);
    } finally {
      open.forEach(WsClient::close);
    }
  }
}
