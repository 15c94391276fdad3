package atelier.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.realtime.WsClient;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The platform as a new feature meets it: {@link PadFeature} registers a stream, frames, a signal and
 * a budget on a real node, and real WebSocket clients follow, replay, leave and lose access.
 */
@DisplayName("A feature plugged into the realtime platform")
class PlatformTest {
  private static TestNode node;
  private static World world;
  private static PadFeature pads;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("limits.replayMax", "10"), List.of(s -> pads = new PadFeature(s.platform)));
    world = new World(node);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static WsClient ws(World.Person p) {
    return WsClient.connect(node.vertx, node.port(), p.token());
  }

  private static Predicate<JsonObject> type(String type) {
    return f -> type.equals(f.getString("type"));
  }

  private static JsonObject join(WsClient c, String pad, Long since) {
    JsonObject f = new JsonObject().put("type", "pad.join").put("pad", pad);
    if (since != null) f.put("since", since);
    return c.request(f);
  }

  private static JsonObject add(String pad, String text) {
    return new JsonObject().put("type", "pad.add").put("pad", pad).put("text", text);
  }

  private static List<Long> notes(WsClient c, int n) {
    List<Long> revs = new ArrayList<>();
    while (revs.size() < n) revs.add(c.next(type("pad.note")).getLong("rev"));
    return revs;
  }

  @Test
  @DisplayName("a follower gets the opening snapshot, then every entry once, in order — gaps filled, out-of-order publishes reordered")
  void liveInOrder() {
    World.Person a = world.person("a");
    World.Person b = world.person("b");
    String pad = "live";
    try (WsClient ca = ws(a); WsClient cb = ws(b)) {
      JsonObject joined = join(cb, pad, null);
      assertEquals("pad.joined", joined.getString("type"), joined.encode());
      assertEquals(0L, joined.getLong("rev"));
      join(ca, pad, null);
      ca.send(add(pad, "un"));
      ca.send(add(pad, "deux").put("quiet", true)); // never published: read back from the log
      ca.send(add(pad, "trois"));
      assertEquals("paired", ca.request(new JsonObject().put("type", "pad.pair").put("pad", pad)).getString("type"));
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), notes(cb, 5));
      assertTrue(cb.drain().stream().noneMatch(type("pad.note")), "no duplicate");
    }
  }

  @Test
  @DisplayName("the author's own socket gets its ack (with its ref) in the entry's place, in order; another tab of the same person gets the note")
  void authorGetsAck() {
    World.Person a = world.person("author");
    String pad = "acks";
    try (WsClient tab1 = ws(a); WsClient tab2 = ws(a)) {
      join(tab1, pad, null);
      join(tab2, pad, null);
      JsonObject ack = tab1.request(add(pad, "mien"));
      assertEquals("ack", ack.getString("type"), ack.encode());
      assertEquals(1L, ack.getLong("rev"));
      assertEquals(1L, tab2.next(type("pad.note")).getLong("rev"));
      assertNull(tab1.poll(type("pad.note"), 300), "the author's socket does not get its own note");
    }
  }

  @Test
  @DisplayName("followers that meet the same hole at once share one read of the log, and each gets every entry once, in order")
  void sharedGapReads() {
    String pad = "slow-herd";
    int followers = 16;
    List<WsClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < followers; i++) {
        WsClient c = ws(world.person("herd" + i));
        clients.add(c);
        join(c, pad, null);
      }
      WsClient writer = clients.get(0);
      int before = pads.reads.getOrDefault(pad, new java.util.concurrent.atomic.AtomicInteger()).get();
      writer.send(add(pad, "un").put("quiet", true)); // a hole every follower meets at the same moment
      writer.request(add(pad, "deux"));
      for (WsClient c : clients.subList(1, followers)) assertEquals(List.of(1L, 2L), notes(c, 2));
      assertEquals(List.of(1L), notes(writer, 1), "the writer gets the hole's entry (its own second one comes as its ack)");
      for (WsClient c : clients) assertTrue(c.drain().stream().noneMatch(type("pad.note")), "no duplicate");
      int reads = pads.reads.get(pad).get() - before;
      // Without sharing, every follower reads the hole itself (16); the node's event loops may each
      // start one read, a late timer another.
      assertTrue(reads >= 1 && reads <= followers / 2, "reads of the log for " + followers + " followers: " + reads);
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  @DisplayName("following with since replays what was missed before the reply; too far behind answers a reset with the snapshot")
  void resume() {
    World.Person a = world.person("resumer");
    String pad = "resume";
    try (WsClient c = ws(a)) {
      join(c, pad, null);
      for (int i = 1; i <= 14; i++) c.request(add(pad, "n" + i));
    }
    try (WsClient c = ws(a)) {
      JsonObject replayed = join(c, pad, 5L);
      assertEquals(14L, replayed.getLong("rev"), replayed.encode());
      assertNull(replayed.getValue("reset"));
      List<JsonObject> before = c.earlier(type("pad.note"));
      assertEquals(java.util.stream.LongStream.rangeClosed(6, 14).boxed().toList(), before.stream().map(f -> f.getLong("rev")).toList());
    }
    try (WsClient c = ws(a)) {
      JsonObject reset = join(c, pad, 1L); // 13 behind, replayMax is 10
      assertEquals(true, reset.getBoolean("reset"), reset.encode());
      assertEquals(14, reset.getJsonArray("notes").size());
      assertTrue(c.earlier(type("pad.note")).isEmpty(), "a reset replays nothing");
    }
  }

  @Test
  @DisplayName("leaving stops delivery; the same socket may follow several keys of a stream")
  void leave() {
    World.Person a = world.person("leaver");
    World.Person w = world.person("writer");
    try (WsClient c = ws(a); WsClient writer = ws(w)) {
      join(c, "one", null);
      join(c, "two", null);
      join(writer, "one", null);
      join(writer, "two", null);
      assertEquals("pad.left", c.request(new JsonObject().put("type", "pad.leave").put("pad", "one")).getString("type"));
      writer.request(add("one", "ignoré"));
      writer.request(add("two", "reçu"));
      JsonObject got = c.next(type("pad.note"));
      assertEquals("two", got.getString("pad"));
      assertEquals("pong", c.request(new JsonObject().put("type", "ping")).getString("type"));
      assertTrue(c.drain().stream().noneMatch(f -> "one".equals(f.getString("pad")) && "pad.note".equals(f.getString("type"))));
    }
  }

  @Test
  @DisplayName("an entry concerning a person who lost access ends their follow after it (reason removed); nothing later reaches them")
  void accessLost() {
    World.Person a = world.person("keeper");
    World.Person b = world.person("banned");
    String pad = "ban";
    try (WsClient ca = ws(a); WsClient cb = ws(b)) {
      join(ca, pad, null);
      join(cb, pad, null);
      ca.request(new JsonObject().put("type", "pad.ban").put("pad", pad).put("user", b.id()));
      assertEquals("ban " + b.id(), cb.next(type("pad.note")).getString("text"));
      JsonObject left = cb.next(type("pad.left"));
      assertEquals("removed", left.getString("reason"));
      assertEquals("ack", ca.request(add(pad, "après")).getString("type"));
      assertEquals("pong", cb.request(new JsonObject().put("type", "ping")).getString("type"));
      assertTrue(cb.drain().stream().noneMatch(type("pad.note")), "nothing after the removal");
      assertEquals("forbidden", join(cb, pad, null).getString("code"));
    }
  }

  @Test
  @DisplayName("a signal reaches the key's other followers, not the sender's socket, and is never stored; a non-follower's is refused")
  void signals() {
    World.Person a = world.person("pointer");
    World.Person b = world.person("viewer");
    String pad = "cursor";
    try (WsClient ca = ws(a); WsClient cb = ws(b); WsClient other = ws(b)) {
      join(ca, pad, null);
      join(cb, pad, null);
      ca.send(new JsonObject().put("type", "pad.cursor").put("pad", pad).put("at", 3));
      JsonObject seen = cb.next(type("pad.cursor"));
      assertEquals(a.id(), seen.getString("user"));
      assertEquals(3, seen.getInteger("at"));
      assertNull(ca.poll(type("pad.cursor"), 300), "not echoed to the sender");
      assertTrue(other.drain().stream().noneMatch(type("pad.cursor")), "not sent to a socket that does not follow the pad");
      JsonObject refused = other.request(new JsonObject().put("type", "pad.cursor").put("pad", pad).put("at", 1));
      assertEquals("bad_request", refused.getString("code"), refused.encode());
      JsonObject rejoined = join(cb, pad, 0L);
      assertEquals(0, rejoined.getJsonArray("notes", new JsonArray()).size(), "signals are not entries");
    }
  }

  @Test
  @DisplayName("a frame's budget refuses a burst with rate_limited; unknown fields are refused like REST's")
  void budgets() {
    World.Person a = world.person("hurried");
    try (WsClient c = ws(a)) {
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        JsonObject r = c.request(new JsonObject().put("type", "pad.slow"));
        answers.add(r.getString("type").equals("error") ? r.getString("code") : r.getString("type"));
      }
      assertTrue(answers.contains("slow") && answers.contains("rate_limited"), answers.toString());
      JsonObject unknown = c.request(new JsonObject().put("type", "pad.join").put("pad", "x").put("colour", "bleu"));
      assertEquals("bad_request", unknown.getString("code"));
      assertEquals("unknown", unknown.getJsonObject("fields").getString("colour"));
    }
  }
}
