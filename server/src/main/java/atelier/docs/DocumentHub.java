package atelier.docs;

import atelier.http.ApiError;
import atelier.realtime.FrameContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sockets of this node that joined documents, and the live delivery to them. Each committed
 * revision is published on the clustered event bus (address {@code atelier.doc.<id>}); revisions
 * from several nodes may arrive out of order, so each joined socket keeps the revision it reached
 * and holds later ones until the missing ones arrive — or reads them from the revision log after
 * {@link #GAP_MS} (a revision is durable before it is published, so the log has it). The author's
 * socket gets an {@code ack} at the place of its own revision. Cursors ride the same address and
 * are never stored.
 *
 * <p>Everything runs on the documents' home context.
 */
final class DocumentHub {
  static final String ADDRESS = "atelier.doc.";
  static final long GAP_MS = 150;
  static final int REPLAY_MAX = 2000;

  private final Vertx vertx;
  private final HomeContext home;
  private final DocumentHeads heads;
  private final Map<String, Feed> feeds = new HashMap<>();
  private final Map<String, Map<String, Joined>> byConnection = new HashMap<>();

  DocumentHub(Vertx vertx, HomeContext home, DocumentHeads heads) {
    this.vertx = vertx;
    this.home = home;
    this.heads = heads;
    heads.onCommitted(r -> {
      JsonObject message = new JsonObject().put("kind", "op").put("revision", r.toJson(null));
      vertx.eventBus().publish(ADDRESS + r.doc(), message);
      Feed f = feeds.get(r.doc());
      if (f != null) f.sessions.values().forEach(s -> s.deliver(r)); // no bus round trip for this node
    });
  }

  /** One document's consumer on this node and the sockets that joined it here. */
  private final class Feed {
    final String doc;
    final Map<String, Joined> sessions = new HashMap<>();
    final MessageConsumer<JsonObject> consumer;
    final Future<Void> ready;

    Feed(String doc) {
      this.doc = doc;
      this.consumer = vertx.eventBus().consumer(ADDRESS + doc, m -> {
        JsonObject body = m.body();
        if ("op".equals(body.getString("kind"))) {
          Revision r = Revision.fromJson(body.getJsonObject("revision"));
          sessions.values().forEach(s -> s.deliver(r));
        } else {
          String from = body.getString("connection");
          JsonObject frame = body.getJsonObject("frame");
          sessions.values().forEach(s -> {
            if (!s.connection.connectionId().equals(from)) s.connection.push(frame.copy().put("space", s.space));
          });
        }
      });
      this.ready = consumer.completion();
    }
  }

  /** One socket joined to one document. */
  private final class Joined {
    final FrameContext connection;
    final String space;
    final String doc;
    final boolean canWrite;
    long delivered = -1;
    boolean live;
    final TreeMap<Long, Revision> held = new TreeMap<>();
    final Map<String, Object> pending = new HashMap<>(); // clientId → ref of the doc.op frame
    long gapTimer = -1;
    boolean filling;

    Joined(FrameContext connection, String space, String doc, boolean canWrite) {
      this.connection = connection;
      this.space = space;
      this.doc = doc;
      this.canWrite = canWrite;
    }

    void deliver(Revision r) {
      if (live && r.rev() == delivered + 1) {
        send(r);
        drain();
      } else if (r.rev() > delivered) {
        held.put(r.rev(), r);
        if (live) scheduleGapFill();
      }
    }

    void send(Revision r) {
      delivered = r.rev();
      Object ref = pending.remove(r.clientId());
      if (ref != null) {
        JsonObject ack = new JsonObject().put("type", "ack").put("space", space).put("doc", doc).put("rev", r.rev());
        if (ref != NO_REF) ack.put("ref", ref);
        connection.push(ack);
      } else {
        connection.push(opFrame(space, r));
      }
    }

    void drain() {
      while (!held.isEmpty() && held.firstKey() <= delivered + 1) {
        Revision next = held.pollFirstEntry().getValue();
        if (next.rev() == delivered + 1) send(next);
      }
      if (!held.isEmpty()) scheduleGapFill();
    }

    void scheduleGapFill() {
      if (gapTimer >= 0 || filling) return;
      gapTimer = vertx.setTimer(GAP_MS, id -> {
        gapTimer = -1;
        if (held.isEmpty() || !isJoined(this)) return;
        filling = true;
        heads.since(doc, delivered, held.firstKey() - 1).onComplete(ar -> {
          filling = false;
          if (ar.succeeded()) ar.result().forEach(x -> { if (x.rev() == delivered + 1) send(x); });
          drain();
        });
      });
    }

    void close() {
      if (gapTimer >= 0) vertx.cancelTimer(gapTimer);
      held.clear();
    }
  }

  private static final Object NO_REF = new Object();

  static JsonObject opFrame(String space, Revision r) {
    return new JsonObject().put("type", "doc.op").put("space", space).put("doc", r.doc()).put("rev", r.rev())
        .put("op", new JsonArray(r.op().toJson())).put("author", r.author()).put("clientId", r.clientId());
  }

  /**
   * Joins a socket to a document: replays what it missed after {@code since} (or gives the whole
   * text), then sends {@code doc.joined} with {@code ref}, then live revisions in order.
   */
  Future<Void> join(FrameContext c, String space, String doc, Long since, boolean canWrite, Object ref) {
    return home.run(() -> {
      leaveNow(c.connectionId(), doc);
      Feed feed = feeds.computeIfAbsent(doc, Feed::new);
      Joined s = new Joined(c, space, doc, canWrite);
      feed.sessions.put(c.connectionId(), s);
      Map<String, Joined> mine = byConnection.computeIfAbsent(c.connectionId(), k -> {
        c.onClose(() -> home.context().runOnContext(v -> closed(k)));
        return new HashMap<>();
      });
      mine.put(doc, s);
      // Live first (held back), then the head: nothing committed from now on can be missed.
      return feed.ready.compose(v -> heads.head(doc)).compose(head -> {
        if (!isJoined(s)) return Future.succeededFuture();
        JsonObject joined = new JsonObject().put("type", "doc.joined").put("space", space).put("doc", doc).put("rev", head.rev());
        if (ref != null) joined.put("ref", ref);
        if (since != null && since > head.rev()) {
          leaveNow(c.connectionId(), doc);
          return Future.failedFuture(ApiError.badField("since", "ahead"));
        }
        if (since == null || head.rev() - since > REPLAY_MAX) {
          joined.put("text", head.text());
          if (since != null) joined.put("reset", true);
          return Future.succeededFuture(started(s, head.rev(), joined));
        }
        return heads.since(doc, since, head.rev()).map(list -> {
          for (Revision r : list) c.push(opFrame(space, r));
          return started(s, head.rev(), joined);
        });
      }).<Void>mapEmpty();
    });
  }

  private Void started(Joined s, long rev, JsonObject joined) {
    s.delivered = rev;
    s.connection.push(joined);
    s.live = true;
    s.drain();
    return null;
  }

  /**
   * Checks that the socket joined the document and may write it, and remembers the operation's
   * {@code clientId} so that its revision reaches this socket as an {@code ack}.
   */
  Future<Void> expect(FrameContext c, String doc, String clientId, Object ref) {
    return home.run(() -> {
      Joined s = joined(c, doc);
      if (!s.canWrite) return Future.failedFuture(ApiError.forbidden());
      s.pending.put(clientId, ref == null ? NO_REF : ref);
      return Future.succeededFuture();
    });
  }

  /** After a commit: a resend of an operation this socket already saw committed is answered now. */
  Future<Void> committed(FrameContext c, String doc, String clientId, DocumentHeads.Committed done, boolean failed) {
    return home.run(() -> {
      Map<String, Joined> mine = byConnection.get(c.connectionId());
      Joined s = mine == null ? null : mine.get(doc);
      if (s == null) return Future.succeededFuture();
      if (failed) {
        s.pending.remove(clientId);
      } else if (done.duplicate() && done.rev() <= s.delivered && s.pending.containsKey(clientId)) {
        Object ref = s.pending.remove(clientId);
        JsonObject ack = new JsonObject().put("type", "ack").put("space", s.space).put("doc", doc).put("rev", done.rev());
        if (ref != NO_REF) ack.put("ref", ref);
        c.push(ack);
      }
      return Future.succeededFuture();
    });
  }

  /** Forwards a cursor to the document's other sockets on every node. */
  Future<Void> cursor(FrameContext c, String doc, long rev, JsonArray ranges) {
    return home.run(() -> {
      joined(c, doc);
      JsonObject frame = new JsonObject().put("type", "doc.cursor").put("doc", doc).put("user", c.caller().id())
          .put("rev", rev).put("ranges", ranges);
      vertx.eventBus().publish(ADDRESS + doc, new JsonObject().put("kind", "cursor").put("connection", c.connectionId())
          .put("frame", frame));
      return Future.succeededFuture();
    });
  }

  Future<Void> leave(FrameContext c, String doc) {
    return home.run(() -> {
      leaveNow(c.connectionId(), doc);
      return Future.succeededFuture();
    });
  }

  private Joined joined(FrameContext c, String doc) {
    Map<String, Joined> mine = byConnection.get(c.connectionId());
    Joined s = mine == null ? null : mine.get(doc);
    if (s == null) throw ApiError.of(atelier.http.ErrorCode.BAD_REQUEST, "error.document_not_joined");
    return s;
  }

  private boolean isJoined(Joined s) {
    Feed f = feeds.get(s.doc);
    return f != null && f.sessions.get(s.connection.connectionId()) == s;
  }

  private void closed(String connectionId) {
    Map<String, Joined> mine = byConnection.get(connectionId);
    if (mine == null) return;
    for (String doc : java.util.List.copyOf(mine.keySet())) leaveNow(connectionId, doc);
    byConnection.remove(connectionId);
  }

  private void leaveNow(String connectionId, String doc) {
    Map<String, Joined> mine = byConnection.get(connectionId);
    Joined s = mine == null ? null : mine.remove(doc);
    if (s == null) return;
    s.close();
    // The others drop this person's cursor.
    vertx.eventBus().publish(ADDRESS + doc, new JsonObject().put("kind", "cursor").put("connection", connectionId)
        .put("frame", new JsonObject().put("type", "doc.cursor").put("doc", doc).put("user", s.connection.caller().id())
            .put("rev", s.delivered).put("ranges", new JsonArray())));
    Feed f = feeds.get(doc);
    if (f == null) return;
    f.sessions.remove(connectionId);
    if (f.sessions.isEmpty()) {
      feeds.remove(doc);
      f.consumer.unregister();
    }
  }
}
