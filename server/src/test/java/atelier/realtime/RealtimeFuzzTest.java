package atelier.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.TestNode;
import atelier.support.World;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A seeded random stream of WebSocket frames — JSON of random shapes, types, sizes and Unicode, with
 * known and unknown types and fields, real and made-up ids, and some text that is not JSON at all —
 * sent by two members while well-behaved clients of the same space keep working. Nothing may be
 * answered {@code internal} or logged as an error, no connection may be closed (every fuzz frame is
 * valid UTF-8 below the hard limit), and the node must still answer. The seed is printed; rerun one
 * with {@code -Datelier.fuzz.seed=N}.
 */
@DisplayName("WebSocket fuzzer: random frames never break the node or its well-behaved clients")
class RealtimeFuzzTest {
  private static final int FRAMES_PER_FUZZER = 1500;
  private static final int BURST = 16;
  private static final String[] TYPES = {"subscribe", "unsubscribe", "ping", "typing", "message.send", "message.edit",
      "message.delete", "reaction.toggle", "read", "doc.op", "", "PING", "message.send ", "__proto__"};
  private static final String[] FIELDS = {"type", "ref", "space", "channel", "clientId", "text", "thread", "id", "emoji",
      "seq", "since", "$ne", "__proto__", "constructor", "", "x".repeat(300)};
  private static final String[] ODD = {"\u0000", "\u200B", "\uFEFF", "\u202E", "\u00A0", "\uD800", "\uDC00", "👋🏽",
      "\u05E9\u05DC\u05D5\u05DD", "é", "\\", "\"", "\n", "{", "}", "<script>", "%00", "../", "$where", "\u0301"};

  private final Random random;
  private final List<String> messageIds = new ArrayList<>();
  private String space;

  RealtimeFuzzTest() {
    long seed = Long.getLong("atelier.fuzz.seed", System.nanoTime());
    System.out.println("RealtimeFuzzTest seed " + seed);
    random = new Random(seed);
  }

  @Test
  @DisplayName("3,000 random frames: zero server errors, zero closed connections, the node still healthy")
  void fuzz() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try (TestNode node = TestNode.start(Map.of("limits.messagesPerSecond", "500", "limits.subscribesPerSecond", "500",
        "limits.typingIntervalMs", "0"))) {
      World world = new World(node);
      World.Person f1 = world.person("fuzz1");
      World.Person f2 = world.person("fuzz2");
      World.Person good = world.person("calm");
      space = world.activeGroup(f1);
      world.add(space, f2, "member");
      world.add(space, good, "member");
      try (WsClient a = WsClient.connect(node.vertx, node.port(), f1.token());
          WsClient b = WsClient.connect(node.vertx, node.port(), f2.token());
          WsClient calm = WsClient.connect(node.vertx, node.port(), good.token());
          WsClient calm2 = WsClient.connect(node.vertx, node.port(), good.token())) {
        calm.subscribe(space, 0);
        calm2.subscribe(space, 0);
        int internal = 0;
        for (int round = 0; round < FRAMES_PER_FUZZER / BURST; round++) {
          for (WsClient c : List.of(a, b)) {
            for (int i = 0; i < BURST; i++) c.sendText(frame());
            // A ping closes each burst: once it is answered, every frame before it was handled.
            JsonObject pong = c.request(new JsonObject().put("type", "ping"));
            assertEquals("pong", pong.getString("type"), pong.encode());
            for (JsonObject reply : c.drain()) {
              if ("internal".equals(reply.getString("code"))) internal++;
              if ("ack".equals(reply.getString("type")) && reply.getValue("message") instanceof JsonObject m
                  && m.getValue("id") instanceof String id) {
                messageIds.add(id);
              }
            }
            assertFalse(c.closed(), "a fuzzing connection was closed: " + c.closeCode());
          }
          if (round % 10 == 0) {
            assertEquals("ack", calm.sendMessage(space, "general", "calm" + round, "Tout va bien " + round).getString("type"));
            calm2.drain();
          }
        }
        assertEquals(0, internal, "frames answered internal");
        for (WsClient c : List.of(a, b, calm, calm2)) {
          assertFalse(c.closed());
          assertEquals("pong", c.request(new JsonObject().put("type", "ping")).getString("type"));
        }
        // The calm clients still see the space live.
        calm.sendMessage(space, "general", "last", "fin");
        calm2.next(f -> "event".equals(f.getString("type")) && "message.created".equals(f.getString("kind"))
            && "last".equals(f.getJsonObject("data").getString("clientId")));
      }
      assertEquals(200, node.api.get("/health", null).status());
      List<String> errors = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
          .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ": " + e.getThrowableProxy().getMessage())).toList();
      assertTrue(errors.isEmpty(), "errors logged: " + errors);
    } finally {
      root.detachAppender(log);
    }
  }

  private String frame() {
    int kind = random.nextInt(100);
    if (kind < 4) return garbage();
    JsonObject f = new JsonObject();
    if (random.nextInt(10) > 0) f.put("type", random.nextInt(4) == 0 ? value(2) : TYPES[random.nextInt(TYPES.length)]);
    if (random.nextBoolean()) f.put("ref", random.nextInt(5) == 0 ? value(1) : "f" + random.nextInt(1000));
    int fields = random.nextInt(6);
    for (int i = 0; i < fields; i++) f.put(FIELDS[random.nextInt(FIELDS.length)], fieldValue());
    if (kind > 95) f.put("text", "x".repeat(60_000 + random.nextInt(10_000))); // around limits.frameBytes
    return f.encode();
  }

  /** Real ids part of the time, so frames reach the services, not only the parser. */
  private Object fieldValue() {
    return switch (random.nextInt(8)) {
      case 0 -> space;
      case 1 -> "general";
      case 2 -> messageIds.isEmpty() ? "nope" : messageIds.get(random.nextInt(messageIds.size()));
      case 3 -> (long) random.nextInt(50);
      default -> value(3);
    };
  }

  private Object value(int depth) {
    int pick = random.nextInt(depth > 0 ? 12 : 9);
    return switch (pick) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextLong();
      case 3 -> random.nextInt(3) == 0 ? 1e308 : random.nextDouble() * 1e6 - 5e5;
      case 4 -> -1 - random.nextInt(1000);
      case 5, 6, 7, 8 -> text();
      case 9, 10 -> {
        JsonArray arr = new JsonArray();
        for (int i = random.nextInt(5); i > 0; i--) arr.add(value(depth - 1));
        yield arr;
      }
      default -> {
        JsonObject o = new JsonObject();
        for (int i = random.nextInt(4); i > 0; i--) o.put(random.nextBoolean() ? FIELDS[random.nextInt(FIELDS.length)] : text(), value(depth - 1));
        yield o;
      }
    };
  }

  private String text() {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(10) == 0 ? random.nextInt(2_000) : random.nextInt(20);
    while (s.length() < n) {
      int r = random.nextInt(10);
      if (r < 5) s.append((char) ('a' + random.nextInt(26)));
      else if (r < 8) s.append(ODD[random.nextInt(ODD.length)]);
      else s.appendCodePoint(random.nextInt(0x10FFFF + 1)); // may be a lone surrogate, unassigned…
    }
    return s.toString();
  }

  private String garbage() {
    return switch (random.nextInt(5)) {
      case 0 -> "";
      case 1 -> "[" + text() + "]";
      case 2 -> frameTruncated();
      case 3 -> "null";
      default -> text();
    };
  }

  private String frameTruncated() {
    String f = new JsonObject().put("type", "message.send").put("space", space).put("text", text()).encode();
    return f.substring(0, Math.max(1, random.nextInt(f.length())));
  }
}
