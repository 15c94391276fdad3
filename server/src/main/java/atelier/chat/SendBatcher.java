package atelier.chat;

import atelier.chat.ChatService.Sent;
import atelier.events.Event;
import atelier.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Writes the new messages of one event loop in batches. While a batch is being written, messages
 * that arrive wait, and are then written together: one insert of all the messages, one seq
 * allocation per space, one insert of all the events and one update of all the seqs — instead of
 * four store round trips per message. Only the last of the four waits until the writes are durable
 * (see {@link atelier.store.Store#chainedCollection}) — also for a batch of one, which is why even a
 * lone message goes this way; the batch's events are published after it. A message that finds
 * nothing being written goes at once, so an idle node adds no delay; under load, batches grow with
 * the load. The protocol per message is the one of {@link ChatService} (pending document, event,
 * seq); whenever a batch meets anything unusual (a resend's duplicate clientId, a seq taken by a gap
 * filler) its messages go through the one-by-one path. Used only on the context that created it.
 */
final class SendBatcher {
  static final int MAX_BATCH = 128;

  private final MessageRepository messages;
  private final EventLog log;
  private final ReadMarkerRepository reads;
  private final Function<Message, Future<Sent>> oneByOne;
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private boolean writing;

  private record Item(Message message, Promise<Sent> done) {}

  SendBatcher(MessageRepository messages, EventLog log, ReadMarkerRepository reads, Function<Message, Future<Sent>> oneByOne) {
    this.messages = messages;
    this.log = log;
    this.reads = reads;
    this.oneByOne = oneByOne;
  }

  Future<Sent> submit(Message fresh) {
    Promise<Sent> done = Promise.promise();
    queue.add(new Item(fresh, done));
    if (!writing) next();
    return done.future();
  }

  private void next() {
    if (queue.isEmpty()) {
      writing = false;
      return;
    }
    writing = true;
    List<Item> batch = new ArrayList<>();
    while (!queue.isEmpty() && batch.size() < MAX_BATCH) batch.add(queue.poll());
    write(batch).onComplete(v -> next());
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
    List<EventLog.Draft> drafts = ms.stream().map(m -> new EventLog.Draft(m.space(), "message.created", m.author(), m.createdData())).toList();
    // The unread counts of the batch are taken alongside its events, acknowledged once applied like them.
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
