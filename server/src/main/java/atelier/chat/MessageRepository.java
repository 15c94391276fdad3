package atelier.chat;

import atelier.store.Reactive;
import atelier.store.Store;
import atelier.store.StoreErrors;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Messages, one document each. The unique index {@code (space, author, clientId)} makes a resend of
 * the same command find the original instead of creating a second message. A message is visible in
 * history only once its event is committed and its {@code seq} recorded (a pending message has none).
 * Each query has the index it needs: history and the unread count read a range of
 * {@code (space, channel, thread, seq)} / {@code (space, channel, seq)} (the unread and mention
 * counts of a moving marker: the range after it), replies the sparse {@code thread} index. No index on
 * {@code mentions}: every message would have an entry to write for a read that only a moving marker
 * makes, over what is unread.
 */
public final class MessageRepository {
  private final MongoCollection<Document> messages;
  private final MongoCollection<Document> events;
  /** For {@link #insertAll}: acknowledged once applied (see {@link Store#chainedCollection}). */
  private final MongoCollection<Document> chainedMessages;

  public MessageRepository(Store store) {
    this.messages = store.collection("messages");
    this.events = store.collection("events");
    this.chainedMessages = store.chainedCollection("messages");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(messages.createIndex(Indexes.ascending("space", "author", "clientId"), new IndexOptions().unique(true)))
        .compose(x -> Reactive.one(messages.createIndex(Indexes.ascending("space", "channel", "thread", "seq"))))
        .compose(x -> Reactive.one(messages.createIndex(Indexes.ascending("space", "channel", "seq"))))
        // Only replies carry a thread: the index holds just them.
        .compose(x -> Reactive.one(messages.createIndex(Indexes.ascending("thread"), new IndexOptions().sparse(true))))
        .mapEmpty();
  }

  /** Inserts a pending message; on a duplicate clientId answers the stored one instead. */
  public Future<Message> insertOrFind(Message m) {
    return Reactive.one(messages.insertOne(m.toDocument())).map(r -> m)
        .recover(e -> StoreErrors.isDuplicateKey(e)
            ? byClientId(m.space(), m.author(), m.clientId()).map(o -> o.orElseThrow(() -> new IllegalStateException("duplicate without original")))
            : Future.failedFuture(e));
  }

  /**
   * Inserts several pending messages at once, acknowledged once applied: the first step of a chain
   * that {@link #setSeqs} ends durably. False when any of them could not be inserted (a resend's
   * duplicate clientId): the caller then goes through them one by one with {@link #insertOrFind},
   * which also recognises those this insert did store.
   */
  public Future<Boolean> insertAll(List<Message> ms) {
    return Reactive.one(chainedMessages.insertMany(ms.stream().map(Message::toDocument).toList(), new InsertManyOptions().ordered(false)))
        .map(r -> true)
        .recover(e -> e instanceof MongoBulkWriteException ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  /**
   * Stores messages whose events are already committed (each has its seq), all at once: an import
   * (the benchmark's seeding) rather than a send, which goes through the pending steps above.
   */
  public Future<Void> insertCommitted(List<Message> ms) {
    return Reactive.one(messages.insertMany(ms.stream().map(m -> m.toDocument().append("seq", m.seq())).toList(),
        new InsertManyOptions().ordered(false))).mapEmpty();
  }

  /** Records the seqs of several messages, durably; true when each was recorded by this call. */
  public Future<Boolean> setSeqs(List<Message> ms, List<Long> seqs) {
    List<UpdateOneModel<Document>> updates = new ArrayList<>(ms.size());
    for (int i = 0; i < ms.size(); i++) updates.add(new UpdateOneModel<>(pending(ms.get(i).id()), Updates.set("seq", seqs.get(i))));
    return Reactive.one(messages.bulkWrite(updates, new BulkWriteOptions().ordered(false))).map(r -> r.getModifiedCount() == ms.size());
  }

  public Future<Optional<Message>> byClientId(String space, String author, String clientId) {
    return Reactive.first(messages.find(Filters.and(Filters.eq("space", space), Filters.eq("author", author), Filters.eq("clientId", clientId))))
        .map(o -> o.map(Message::from));
  }

  /**
   * A page of a channel's committed messages (top level and replies) as stored, in seq order after
   * {@code afterSeq}: a range of the {@code (space, channel, seq)} index, for the archive.
   */
  public Future<List<Document>> rawPage(String space, String channel, long afterSeq, int limit) {
    return Reactive.list(messages.find(Filters.and(Filters.eq("space", space), Filters.eq("channel", channel), Filters.gt("seq", afterSeq)))
        .sort(Sorts.ascending("seq")).limit(limit));
  }

  /** Stores messages exactly as an archive holds them (a restore). */
  public Future<Void> insertRaw(List<Document> docs) {
    if (docs.isEmpty()) return Future.succeededFuture();
    return Reactive.one(messages.insertMany(docs, new InsertManyOptions().ordered(true))).mapEmpty();
  }

  /** Deletes every message of a space (a purge, or an import that failed). */
  public Future<Void> deleteSpace(String space) {
    return Reactive.one(messages.deleteMany(Filters.eq("space", space))).mapEmpty();
  }

  public Future<Optional<Message>> byId(String id) {
    return Reactive.first(messages.find(Filters.eq("_id", id))).map(o -> o.map(Message::from));
  }

  /** Records the seq of the committed {@code message.created} event (once). */
  public Future<Boolean> setSeq(String id, long seq) {
    return Reactive.one(messages.updateOne(pending(id), Updates.set("seq", seq))).map(r -> r.getModifiedCount() > 0);
  }

  private static Bson pending(String id) {
    return Filters.and(Filters.eq("_id", id), Filters.eq("seq", null));
  }

  /** Takes over a pending message whose writer seems gone; true for exactly one claimant. */
  public Future<Boolean> claim(String id, Instant staleBefore) {
    return Reactive.one(messages.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("seq", null),
            Filters.lt("claimedAt", Date.from(staleBefore))), Updates.set("claimedAt", new Date())))
        .map(r -> r.getModifiedCount() > 0);
  }

  /**
   * The seq of a committed {@code message.created} event for this message, if its writer got that far.
   * Read newest first along the log's {@code (space, seq)} index: a writer that died did so recently.
   */
  public Future<Optional<Long>> createdEventSeq(String space, String messageId) {
    return Reactive.first(events.find(Filters.and(Filters.eq("space", space), Filters.eq("kind", "message.created"),
            Filters.eq("data.id", messageId))).sort(Sorts.descending("seq")).limit(1))
        .map(o -> o.map(d -> ((Number) d.get("seq")).longValue()));
  }

  public Future<Void> countReply(String root) {
    return Reactive.one(messages.updateOne(Filters.eq("_id", root), Updates.inc("replyCount", 1))).mapEmpty();
  }

  /** Top-level messages of a channel before {@code beforeSeq}, oldest first. */
  public Future<List<Message>> history(String space, String channel, long beforeSeq, int limit) {
    Bson f = Filters.and(Filters.eq("space", space), Filters.eq("channel", channel), Filters.eq("thread", null),
        Filters.gt("seq", 0L), Filters.lt("seq", beforeSeq));
    return Reactive.list(messages.find(f).sort(Sorts.descending("seq")).limit(limit)).map(MessageRepository::ascending);
  }

  /** Replies of a thread after {@code afterSeq}, oldest first (the replies of one thread, read from the thread index). */
  public Future<List<Message>> replies(String space, String root, long afterSeq, int limit) {
    Bson f = Filters.and(Filters.eq("space", space), Filters.eq("thread", root), Filters.gt("seq", afterSeq));
    return Reactive.list(messages.find(f).sort(Sorts.ascending("seq")).limit(limit))
        .map(l -> l.stream().map(Message::from).toList());
  }

  public Future<Optional<Message>> edit(String id, String text, List<String> mentions) {
    return Reactive.one(messages.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("deleted", false)),
            Updates.combine(Updates.set("text", text), Updates.set("mentions", mentions), Updates.set("editedAt", new Date())),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(d -> Optional.ofNullable(d).map(Message::from));
  }

  /** Empties a message and marks it deleted; empty when it already was (no second event). */
  public Future<Optional<Message>> markDeleted(String id) {
    return Reactive.one(messages.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("deleted", false)),
            Updates.combine(Updates.set("text", ""), Updates.set("deleted", true), Updates.set("mentions", List.of()),
                Updates.set("reactions", List.of()), Updates.inc("reactionsVersion", 1L), Updates.set("editedAt", new Date())),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(d -> Optional.ofNullable(d).map(Message::from));
  }

  /**
   * Toggles one person's reaction: adds it, or, when it was already there, removes it. Each step is
   * one atomic update; the answer is the message after the change.
   */
  public Future<Optional<Message>> toggleReaction(String id, String emoji, String user) {
    Document r = new Document("e", emoji).append("u", user);
    return Reactive.one(messages.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("deleted", false)),
            Updates.combine(Updates.addToSet("reactions", r), Updates.inc("reactionsVersion", 1L)),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)))
        .compose(before -> {
          if (before == null) return Future.succeededFuture(Optional.<Message>empty());
          boolean had = before.getList("reactions", Document.class, List.of()).stream()
              .anyMatch(x -> emoji.equals(x.getString("e")) && user.equals(x.getString("u")));
          if (!had) return byId(id);
          return Reactive.one(messages.findOneAndUpdate(Filters.eq("_id", id),
                  Updates.combine(Updates.pull("reactions", r), Updates.inc("reactionsVersion", 1L)),
                  new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
              .map(d -> Optional.ofNullable(d).map(Message::from));
        });
  }

  /**
   * Messages of others after {@code afterSeq}, not deleted: read from the {@code (space, channel, seq)}
   * range after the marker, so it costs what is unread — used when a marker moves, never to list channels.
   */
  public Future<Long> countUnread(String space, String channel, String user, long afterSeq) {
    return countIds(Filters.and(Filters.eq("space", space), Filters.eq("channel", channel), Filters.gt("seq", afterSeq),
        Filters.ne("author", user), Filters.eq("deleted", false)));
  }

  /** Messages after {@code afterSeq} that mention the person, not deleted: read from the range after the marker. */
  public Future<Long> countMentions(String space, String channel, String user, long afterSeq) {
    return countIds(Filters.and(Filters.eq("space", space), Filters.eq("channel", channel), Filters.eq("mentions", user),
        Filters.gt("seq", afterSeq), Filters.eq("deleted", false)));
  }

  private Future<Long> countIds(Bson filter) {
    return Reactive.one(messages.countDocuments(filter));
  }

  private static List<Message> ascending(List<Document> docs) {
    List<Message> out = new ArrayList<>(docs.stream().map(Message::from).toList());
    Collections.reverse(out);
    return out;
  }
}
