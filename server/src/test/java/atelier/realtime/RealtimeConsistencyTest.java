package atelier.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.events.EventLog;
import atelier.store.Reactive;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The proof of the consistency model (DESIGN.md): whatever the interleaving of concurrent writers and
 * of readers that disconnect and resume, every reader ends with the same complete sequence.
 */
@DisplayName("Consistency: ordered, gap-free, duplicate-free delivery across reconnects")
@NodeTest(config = {"limits.messagesPerSecond=100000", "limits.subscribesPerSecond=100000", "limits.gapTimeoutMs=300"})
class RealtimeConsistencyTest {
  static final int WRITERS = 3;
  static final int PER_WRITER = 100;
  static final int READERS = 2;
  static final int RECONNECTS = 20;

  static TestNode node;
  static World world;

  /** What a reader holds: the contiguous seqs it applied, checked one by one as they arrive. */
  static final class Reader {
    final List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
    final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    long last;

    void apply(JsonObject event) {
      long seq = event.getLong("seq");
      if (seq != last + 1) problems.add("expected " + (last + 1) + " got " + seq);
      else {
        last = seq;
        seqs.add(seq);
        if ("message.created".equals(event.getString("kind"))) messages.add(event.getJsonObject("data").getString("clientId"));
      }
    }

    /** Subscribes with its contiguous since and applies the replay; answers the connection. */
    WsClient resume(World.Person p, String space) {
      WsClient c = WsClient.connect(node.vertx, node.port(), p.token());
      JsonObject sub = c.subscribe(space, last);
      if (!"subscribed".equals(sub.getString("type"))) problems.add("subscribe answered " + sub.encode());
      if (sub.getBoolean("reset", false)) problems.add("unexpected reset");
      // The replay is what came before `subscribed`; live events after it are read later.
      c.earlier(f -> "event".equals(f.getString("type"))).forEach(this::apply);
      if (sub.getLong("head") != last) problems.add("head " + sub.getLong("head") + " but replayed up to " + last);
      return c;
    }
  }

  @Test
  @DisplayName("3 writers × 100 messages while 2 readers reconnect 20 times: identical full sequences, no gap, no duplicate")
  void concurrentWritersAndReconnectingReaders() throws Exception {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    List<World.Person> writers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      World.Person w = world.person("writer" + i);
      world.add(space, w, "member");
      writers.add(w);
    }
    World.Person readerPerson = world.person("reader");
    world.add(space, readerPerson, "observer");
    long start;
    try (WsClient probe = WsClient.connect(node.vertx, node.port(), readerPerson.token())) {
      start = probe.subscribe(space, 0).getLong("head");
    }
    assertTrue(start > 0);

    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
    List<Future<?>> writes = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      World.Person p = writers.get(w);
      int index = w;
      writes.add(pool.submit(() -> {
        try (WsClient c = WsClient.connect(node.vertx, node.port(), p.token())) {
          for (int i = 0; i < PER_WRITER; i++) {
            JsonObject ack = c.sendMessage(space, "general", "w" + index + "-" + i, "message " + i + " de " + index);
            if (!"ack".equals(ack.getString("type"))) throw new AssertionError(ack.encode());
          }
        }
        return null;
      }));
    }
    List<Reader> readers = new ArrayList<>();
    List<Future<?>> reads = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      Reader reader = new Reader();
      reader.last = start;
      readers.add(reader);
      Random random = new Random(42 + r);
      reads.add(pool.submit(() -> {
        for (int i = 0; i < RECONNECTS; i++) {
          WsClient c = reader.resume(readerPerson, space);
          // Read a random number of live events (or wait a random moment), then drop the connection.
          int take = random.nextInt(25);
          for (int k = 0; k < take; k++) {
            JsonObject e = c.poll(f -> "event".equals(f.getString("type")), random.nextInt(40));
            if (e == null) break;
            reader.apply(e);
          }
          c.close();
        }
        return null;
      }));
    }
    for (Future<?> f : writes) f.get(120, TimeUnit.SECONDS);
    for (Future<?> f : reads) f.get(120, TimeUnit.SECONDS);
    pool.shutdown();

    long head = node.atelier.services().eventLog.head(space).await();
    // A writer slower than the (short) gap timeout finds its seq filled by a gap event and takes a
    // new one: the log may hold gap events besides the messages, never a lost or doubled message.
    assertTrue(head >= start + WRITERS * PER_WRITER, "head " + head);
    for (Reader reader : readers) {
      try (WsClient c = reader.resume(readerPerson, space)) {
        while (reader.last < head) {
          JsonObject e = c.next(f -> "event".equals(f.getString("type")));
          reader.apply(e);
        }
      }
      assertEquals(List.of(), reader.problems);
      assertEquals(LongStream.rangeClosed(start + 1, head).boxed().toList(), List.copyOf(reader.seqs));
      assertEquals(WRITERS * PER_WRITER, reader.messages.size());
      assertEquals(WRITERS * PER_WRITER, new java.util.HashSet<>(reader.messages).size(), "no message twice");
    }
    assertEquals(readers.get(0).seqs, readers.get(1).seqs);
  }

  /** Allocates seqs of the space as a writer would, without writing their events; answers the last one. */
  private static long takeSeqs(String space, long n) {
    Document counter = Reactive.one(node.atelier.services().store.collection("counters").findOneAndUpdate(
        Filters.eq("_id", "space:" + space), Updates.inc("seq", n), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).await();
    return ((Number) counter.get("seq")).longValue();
  }

  @Test
  @DisplayName("a seq allocated by a writer that died is skipped as a gap event after the gap timeout, live and on replay")
  void holeIsSkippedAfterGapTimeout() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    try (WsClient reader = WsClient.connect(node.vertx, node.port(), coord.token());
        WsClient writer = WsClient.connect(node.vertx, node.port(), coord.token())) {
      long head = reader.subscribe(space, 0).getLong("head");
      // A writer allocates the next seq and dies before inserting its event.
      assertEquals(head + 1, takeSeqs(space, 1));
      JsonObject ack = writer.sendMessage(space, "general", "after-hole", "après le trou");
      assertEquals(head + 2, ack.getLong("seq"));

      List<JsonObject> live = reader.events(space, 2);
      assertEquals(head + 1, live.get(0).getLong("seq"));
      assertEquals(EventLog.GAP, live.get(0).getString("kind"));
      assertEquals(head + 2, live.get(1).getLong("seq"));
      assertEquals("message.created", live.get(1).getString("kind"));
    }
    try (WsClient late = WsClient.connect(node.vertx, node.port(), coord.token())) {
      long since = node.atelier.services().eventLog.head(space).await() - 2;
      JsonObject sub = late.subscribe(space, since);
      assertEquals(since + 2, sub.getLong("head"));
      List<JsonObject> replayed = late.drain().stream().filter(f -> "event".equals(f.getString("type"))).toList();
      assertEquals(2, replayed.size());
      assertEquals(EventLog.GAP, replayed.get(0).getString("kind"));
      assertEquals("après le trou", replayed.get(1).getJsonObject("data").getString("text"));
    }
  }

  @Test
  @DisplayName("events committed before a subscribe but hidden behind a hole during the replay still arrive, in order")
  void eventsBehindAHoleArriveAfterTheReplay() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    long before = node.atelier.services().eventLog.head(space).await();
    // seq before+1 is allocated by a writer that is still "committing" (never, here)...
    takeSeqs(space, 1);
    // ...while before+2 is committed and published before anyone subscribes.
    try (WsClient writer = WsClient.connect(node.vertx, node.port(), coord.token())) {
      assertEquals(before + 2, writer.sendMessage(space, "general", "behind", "derrière le trou").getLong("seq"));
    }
    try (WsClient reader = WsClient.connect(node.vertx, node.port(), coord.token())) {
      JsonObject sub = reader.subscribe(space, before);
      assertTrue(sub.getLong("head") <= before + 2);
      List<JsonObject> events = new ArrayList<>(reader.earlier(f -> "event".equals(f.getString("type"))));
      while (events.size() < 2) events.add(reader.next(f -> "event".equals(f.getString("type"))));
      assertEquals(before + 1, events.get(0).getLong("seq"));
      assertEquals(EventLog.GAP, events.get(0).getString("kind"));
      assertEquals(before + 2, events.get(1).getLong("seq"));
      assertEquals("derrière le trou", events.get(1).getJsonObject("data").getString("text"));
    }
  }

  @Test
  @DisplayName("a resume longer than one read of the log (1,200 missed events, read 500 at a time) arrives whole and in order")
  void longReplayInBatches() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    final int n = 1200;
    try (WsClient writer = WsClient.connect(node.vertx, node.port(), coord.token())) {
      long since = writer.subscribe(space, 0).getLong("head");
      // Sent 50 at a time without waiting for each ack (a connection queues at most 64 frames).
      for (int i = 0; i < n; i++) {
        writer.send(WsClient.messageFrame(space, "general", "long-" + i, "message " + i).put("ref", "l" + i));
        if (i % 50 == 49) {
          String last = "l" + i;
          assertEquals("ack", writer.next(f -> last.equals(f.getString("ref"))).getString("type"));
        }
      }
      try (WsClient reader = WsClient.connect(node.vertx, node.port(), coord.token())) {
        JsonObject sub = reader.subscribe(space, since);
        assertTrue(!sub.getBoolean("reset", false), sub.encode());
        List<JsonObject> events = reader.earlier(f -> "event".equals(f.getString("type")));
        assertEquals(n, events.size(), "replayed before the subscribed reply");
        for (int i = 0; i < n; i++) {
          assertEquals(since + 1 + i, events.get(i).getLong("seq"));
          assertEquals("long-" + i, events.get(i).getJsonObject("data").getString("clientId"));
        }
      }
    }
  }

  @Test
  @DisplayName("messages sent without waiting for acks (written in batches) are each acked once, with a resend and thread replies among them")
  void pipelinedSends() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    final int n = 60;
    try (WsClient writer = WsClient.connect(node.vertx, node.port(), coord.token());
        WsClient reader = WsClient.connect(node.vertx, node.port(), coord.token())) {
      String root = writer.sendMessage(space, "general", "root", "fil").getJsonObject("message").getString("id");
      long head = reader.subscribe(space, 0).getLong("head");
      int replies = 0;
      for (int i = 0; i < n; i++) {
        // Message 30 resends message 5 (same clientId), which may still be in flight in the same batch.
        String clientId = i == 30 ? "p5" : "p" + i;
        JsonObject frame = WsClient.messageFrame(space, "general", clientId, "texte " + (i == 30 ? 5 : i)).put("ref", "r" + i);
        if (i % 3 == 1) {
          frame.put("thread", root);
          replies++;
        }
        writer.send(frame);
      }
      java.util.Map<Integer, JsonObject> acks = new java.util.HashMap<>();
      for (int i = 0; i < n; i++) {
        String ref = "r" + i;
        JsonObject ack = writer.next(f -> ref.equals(f.getString("ref")));
        assertEquals("ack", ack.getString("type"), ack.encode());
        acks.put(i, ack);
      }
      assertEquals(acks.get(5).getLong("seq"), acks.get(30).getLong("seq"));
      assertEquals(acks.get(5).getJsonObject("message").getString("id"), acks.get(30).getJsonObject("message").getString("id"));
      java.util.Set<Long> seqs = new java.util.TreeSet<>();
      acks.forEach((i, a) -> {
        if (i != 30) seqs.add(a.getLong("seq"));
      });
      assertEquals(n - 1, seqs.size(), "one seq per message");
      assertEquals(List.copyOf(seqs), java.util.stream.LongStream.rangeClosed(head + 1, head + n - 1).boxed().toList());

      List<JsonObject> live = reader.events(space, n - 1);
      assertEquals(List.copyOf(seqs), live.stream().map(e -> e.getLong("seq")).toList(), "delivered once each, in seq order");
      for (JsonObject e : live) assertEquals("message.created", e.getString("kind"));

      JsonObject rootNow = node.api.get("/api/spaces/" + space + "/messages/" + root, coord.token()).json();
      assertEquals(replies, rootNow.getJsonObject("message", rootNow).getInteger("replyCount"), rootNow.encode());
      int topLevel = node.api.get("/api/spaces/" + space + "/channels/general/messages?limit=200", coord.token()).array("messages").size();
      assertEquals(1 + (n - 1 - replies), topLevel);
    }
  }
}
