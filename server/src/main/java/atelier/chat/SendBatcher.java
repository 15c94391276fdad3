package atelier.chat;

import atelier.chat.ChatService.Sent;
import atelier.events.Event;
import atelier.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Writes the new messages of the node in batches. While a batch is being written, messages that
 * arrive wait, and are then written together: one insert of all the messages, one seq allocation per
 * space, one insert of all the events and one update of all the seqs — instead of four store round
 * trips per message. Only the last of the four waits until the writes are durable (see
 * {@link atelier.store.Store#chainedCollection}) — also for a batch of one, which is why even a lone
 * message goes this way; the batch's events are published after it. A message that finds nothing
 * being written goes at once, so an idle node adds no delay; under load, batches grow with the load.
 * The protocol per message is the one of {@link ChatService} (pending document, event, seq); whenever
 * a batch meets anything unusual (a resend's duplicate clientId, a seq taken by a gap filler) its
 * messages go through the one-by-one path.
 *
 * <p>One per node, not one per event loop: four chains (one per HTTP verticle) racing each other
 * published a later batch of a space before an earlier one, so every socket following the space met
 * a hole, waited and read the log; one chain publishes a space's events in seq order (loadtest d:
 * ack p99 0.3–0.5× at the same CPU, docs/performance.md "One send batcher per node"). The batcher
 * lives on a context of its own: {@link #submit}, from any event loop, hands the message over to
 * it, and the sender's future completes back on the sender's context, so what follows a send runs
 * where it did before. The batches' writes (and their one-by-one fallbacks) run on the batcher's
 * context.
 */
final class SendBatcher {
  static final int MAX_BATCH = 128;
  /**
   * A second batch goes while one is being written only once this many messages wait. One chain at
   * a time keeps a space's events published in seq order and makes the largest batches; but a batch
   * spends much of its time waiting for the store's commit, during which a second batch's writes can
   * go ahead, which the four per-loop chains did at high rates. Measured (loadtest d, alternated
   * builds): up to 2,500 msg/s batches of ≈ 25 rarely leave 32 waiting, and one chain only, 8 and 32
   * did not differ; at 3,000 msg/s all fell behind alike. 32 keeps the ordering at every rate
   * measured and still overlaps commits in a burst beyond them.
   */
  static final int SECOND_BATCH_AT = 32;
  private static final int MAX_IN_FLIGHT = 2;

  private final ContextInternal home;
  private final MessageRepository messages;
  private final EventLog log;
  private final ReadMarkerRepository reads;
  private final Function<Message, Future<Sent>> oneByOne;
  /** Touched on {@link #home} only, as {@link #inFlight}. */
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private int inFlight;
  private final AtomicLong batches = new AtomicLong();

  private record Item(Message message, Promise<Sent> done) {}

  SendBatcher(Vertx vertx, MessageRepository messages, EventLog log, ReadMarkerRepository reads, Function<Message, Future<Sent>> oneByOne) {
    this.home = ((VertxInternal) vertx).createEventLoopContext();
    this.messages = messages;
    this.log = log;
    this.reads = reads;
    this.oneByOne = oneByOne;
  }

  /** Called on a Vert.x context ({@code caller}): the answer completes on it. */
  Future<Sent> submit(ContextInternal caller, Message fresh) {
    Promise<Sent> done = caller.promise();
    home.runOnContext(v -> {
      queue.add(new Item(fresh, done));
      next();
    });
    return done.future();
  }

  /** How many batches were written so far (for the tests). */
  long batches() {
    return batches.get();
  }

  private void next() {
    while (!queue.isEmpty() && (inFlight == 0 || (inFlight < MAX_IN_FLIGHT && queue.size() >= SECOND_BATCH_AT))) {
      inFlight++;
      List<Item> batch = new ArrayList<>();
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) batch.add(queue.poll());
      batches.incrementAndGet();
      write(batch).onComplete(v -> {
        inFlight--;
        next();
      });
    }
  }

  /** Settles every item of the batch; never fails. */
  private Future<Void> write(List<Item> batch) {
    List<Message> ms = batch.stream().map(Item::message).toList();
    return messages.insertAll(ms)
        .compose(inserted -> inserted ? commit(batch, ms) : Future.join(batch.stream().map(i -> settle(i, oneByOne.apply(i.message()))).toList()).<Void>mapEmpty())
        .recover(e -> {
          // A store failure midway: the senders get an error and resend; a resend finds its pending
          // document and takes it over once stale (ChatService.finish), so nothing is doubled.
          batch.forEach(i -> i.done().tryFail(e));
          return Future.succeededFuture();
        });
  }

  private Future<Void> commit(List<Item> batch, List<Message> ms) {
    // Each event adds its message to its channel's count, in the write that allocates the seqs.
    List<EventLog.Draft> drafts = ms.stream()
        .map(m -> new EventLog.Draft(m.space(), "message.created", m.author(), m.createdData(), ReadMarkerRepository.tally(m.channel()))).toList();
    // The authors' and the mentioned people's counts are taken alongside the events, acknowledged once applied like them.
    Future<Void> counted = reads.countCreated(ms, true);
    return Future.all(log.appendAll(drafts), counted).map(both -> both.<List<Event>>resultAt(0)).compose(events -> {
      List<Long> seqs = events.stream().map(Event::seq).toList();
      return messages.setSeqs(ms, seqs).compose(all -> {
        // The durable end of the chain: only now may anyone see these events.
        events.stream().sorted(Comparator.comparingLong(Event::seq)).forEach(log::publish);
        List<Future<Void>> each = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          Item item = batch.get(i);
          long seq = seqs.get(i);
          each.add(settle(item, all ? recorded(item.message(), seq) : recordAlone(item.message(), seq)));
        }
        return Future.join(each).mapEmpty();
      });
    });
  }

  /** The seq is recorded by this batch: a reply also counts in its thread. */
  private Future<Sent> recorded(Message m, long seq) {
    Future<Void> replies = m.thread() != null ? messages.countReply(m.thread()) : Future.succeededFuture();
    return replies.map(v -> new Sent(seq, m.withSeq(seq)));
  }

  /**
   * Not every seq was recorded by the batch update: settle this one by what is stored. (Its count was
   * taken with the batch; should another writer have recorded it, it was counted twice — rare, and an
   * unread count then shows one more until the marker next moves.)
   */
  private Future<Sent> recordAlone(Message m, long seq) {
    return messages.setSeq(m.id(), seq).compose(x -> messages.byId(m.id())).compose(stored -> {
      Message s = stored.orElseThrow();
      if (s.seq() != null && s.seq() == seq) return recorded(m, seq);
      return Future.succeededFuture(new Sent(s.seq(), s));
    });
  }

  private static Future<Void> settle(Item item, Future<Sent> outcome) {
    return outcome.onComplete(item.done()).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }
}
