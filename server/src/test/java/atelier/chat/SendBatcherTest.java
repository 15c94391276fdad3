package atelier.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.events.Event;
import atelier.store.Reactive;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The node's one send batcher, on a real node and its store: messages sent on different event loops
 * at the same time are written together, each sender is answered on its own event loop, and a batch
 * that fails fails every one of its senders, whose resends then commit each message once.
 */
@DisplayName("Sending: one batcher per node, shared by the event loops")
@NodeTest(config = {"limits.messagesPerSecond=1000"})
class SendBatcherTest {
  private static final int LOOPS = 4;
  static TestNode node;
  static World world;

  /** What one sender saw: its answer and the context the answer came on. */
  private record Outcome(Context sender, Context answeredOn, ChatService.Sent sent, Throwable failure) {}

  private static List<Context> loops() {
    List<Context> loops = new ArrayList<>();
    for (int i = 0; i < LOOPS; i++) loops.add(((VertxInternal) node.vertx).createEventLoopContext());
    return loops;
  }

  private static Message fresh(String space, String author, String clientId) {
    return new Message(new ObjectId().toHexString(), space, ChannelRepository.GENERAL, author, "message " + clientId, clientId, null, null,
        Instant.now().truncatedTo(ChronoUnit.MILLIS), null, false, List.of(), Map.of(), 0, 0, List.of());
  }

  /** Each loop sends one message, all at once; waits for every answer. */
  private static List<Outcome> sendAtOnce(List<Context> loops, List<Message> ms) throws Exception {
    ChatService chat = node.atelier.services().chat;
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      Context loop = loops.get(i % loops.size());
      Message m = ms.get(i);
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      outcomes.add(outcome);
      loop.runOnContext(v -> chat.write(m).onComplete(
          (sent, failure) -> outcome.complete(new Outcome(loop, Vertx.currentContext(), sent, failure))));
    }
    List<Outcome> all = new ArrayList<>();
    for (CompletableFuture<Outcome> o : outcomes) all.add(o.get(60, TimeUnit.SECONDS));
    return all;
  }

  /** Each send succeeded and was answered on its sender's context; their seqs. */
  private static Set<Long> succeededOnTheirLoops(List<Outcome> outcomes) {
    Set<Long> seqs = new HashSet<>();
    for (Outcome o : outcomes) {
      assertEquals(null, o.failure());
      assertTrue(o.sender() == o.answeredOn(), "answered on the sender's context");
      seqs.add(o.sent().seq());
    }
    return seqs;
  }

  private static List<Event> created(String space) {
    return node.atelier.services().eventLog.readContiguous(space, 0, 1000).await().stream()
        .filter(e -> e.kind().equals("message.created")).toList();
  }

  @Test
  @DisplayName("messages sent on different event loops at the same time share a batch; each sender is answered on its own loop")
  void loopsShareABatch() throws Exception {
    World.Person a = world.person("a");
    String space = world.activeGroup(a);
    List<Context> loops = loops();
    Set<Thread> threads = new HashSet<>();
    for (Context loop : loops) threads.add(CompletableFuture.supplyAsync(Thread::currentThread, r -> loop.runOnContext(v -> r.run())).get(10, TimeUnit.SECONDS));
    assertTrue(threads.size() > 1, "the senders run on several event loops");

    SendBatcher batcher = node.atelier.services().chat.batcher;
    long before = batcher.batches();
    int rounds = 20;
    List<Outcome> all = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      List<Message> ms = new ArrayList<>();
      for (int i = 0; i < LOOPS; i++) ms.add(fresh(space, a.id(), "r" + r + "-" + i));
      all.addAll(sendAtOnce(loops, ms));
    }
    long batches = batcher.batches() - before;
    // One message per loop per round: fewer batches than messages only if loops shared batches (one
    // batcher per loop, as before, wrote exactly one batch per message here).
    assertTrue(batches < all.size(), batches + " batches for " + all.size() + " messages");
    Set<Long> seqs = succeededOnTheirLoops(all);
    assertEquals(all.size(), seqs.size());
    List<Event> events = created(space);
    assertEquals(all.size(), events.size());
    assertEquals(seqs, new HashSet<>(events.stream().map(Event::seq).toList()));
  }

  @Test
  @DisplayName("a batch that fails fails each of its senders, on their own loops; their resends then commit each message once")
  void failedBatchFailsEverySender() throws Exception {
    World.Person a = world.person("a");
    String space = world.activeGroup(a);
    List<Context> loops = loops();
    var markers = node.atelier.services().store.collection("read_markers");
    String markerId = space + ":" + ChannelRepository.GENERAL + ":" + a.id();
    // The author's own count made unusable: the batch's count update ($inc) fails in the store.
    Reactive.one(markers.replaceOne(Filters.eq("_id", markerId), marker(space, a.id()).append("own", "broken"), new ReplaceOptions().upsert(true))).await();

    List<Message> ms = new ArrayList<>();
    for (int i = 0; i < LOOPS; i++) ms.add(fresh(space, a.id(), "f" + i));
    for (Outcome o : sendAtOnce(loops, ms)) {
      assertNotNull(o.failure(), "the sender is told the send failed");
      assertTrue(o.sender() == o.answeredOn(), "answered on the sender's context");
    }

    Reactive.one(markers.replaceOne(Filters.eq("_id", markerId), marker(space, a.id()).append("own", 0L))).await();
    // The clients resend with the same clientIds (a new message id each, as a send makes).
    List<Message> again = ms.stream().map(m -> fresh(space, a.id(), m.clientId())).toList();
    List<Outcome> resent = sendAtOnce(loops, again);
    Set<Long> seqs = succeededOnTheirLoops(resent);
    assertEquals(LOOPS, seqs.size());
    // Once each: one document and one event per clientId, and the history shows the four.
    for (Message m : ms) {
      assertEquals(1L, Reactive.one(node.atelier.services().store.collection("messages")
          .countDocuments(Filters.and(Filters.eq("space", space), Filters.eq("clientId", m.clientId())))).await());
    }
    List<Event> events = created(space);
    assertEquals(LOOPS, events.size());
    assertEquals(seqs, new HashSet<>(events.stream().map(Event::seq).toList()));
    JsonArray history = node.api.get("/api/spaces/" + space + "/channels/general/messages", a.token()).array("messages");
    assertEquals(LOOPS, history.size());
    // Counted once in the channel: by the failed batch, which allocated the events' seqs (the resends found the events).
    assertEquals((long) LOOPS, node.atelier.services().eventLog.tallies(space).await().get(ReadMarkerRepository.tally(ChannelRepository.GENERAL)));
  }

  private static Document marker(String space, String user) {
    return new Document("_id", space + ":" + ChannelRepository.GENERAL + ":" + user).append("space", space)
        .append("channel", ChannelRepository.GENERAL).append("user", user).append("seq", 0L);
  }
}
