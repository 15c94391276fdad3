package atelier.realtime;

import atelier.platform.StreamSource;
import atelier.platform.StreamType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One socket following one key of a stream (a space's log, a document's revisions): delivers the
 * entries strictly in position order, with no gap and no duplicate. The live listener is registered
 * before the replay; live entries that arrive meanwhile wait in {@code pending}. When a live entry
 * arrives ahead of the next expected position it waits too, and after a short delay the missing
 * range is read with {@link StreamSource#read} (through {@link SharedReads}) (the space log fills a hole older than its gap
 * timeout), retrying until the range is complete. An entry that may change the follower's access
 * holds delivery until the connection has checked it again. All methods run on the connection's context.
 */
final class Follow {
  static final long GAP_DELAY_MS = 100;
  static final long GAP_RETRY_MS = 250;
  static final long MAX_RETRY_MS = 5_000;
  private static final int FETCH = 500;

  final Connection conn;
  final StreamType type;
  final String key;
  /** Whether this follow counts in the key's presence (set once its opening reply was sent). */
  boolean present;
  private final Vertx vertx;
  private final SharedReads reads;
  /** Made when an entry first has to wait: most follows never hold one (ten thousand idle sockets). */
  private TreeMap<Long, Outbound> pending = EMPTY;
  private static final TreeMap<Long, Outbound> EMPTY = new TreeMap<>();
  private long delivered;
  /**
   * The highest position known to exist (the head at follow time, or seen live). Entries written
   * before the live listener existed but hidden behind a hole during the replay are never published
   * again, so while {@code delivered} is below it the follow keeps reading.
   */
  private long knownHead;
  private long retryDelay = GAP_RETRY_MS;
  private boolean live;
  private boolean closed;
  private long gapTimer = -1;
  private boolean fetching;
  /** Delivery waits while the connection checks again that the person may still follow. */
  private boolean holding;

  Follow(Connection conn, StreamType type, String key, Vertx vertx, SharedReads reads) {
    this.conn = conn;
    this.type = type;
    // Interned: the hundred sockets following one space keep one copy of its key, not one each.
    this.key = key.intern();
    this.vertx = vertx;
    this.reads = reads;
  }

  String topic() {
    return topic(type.name(), key);
  }

  static String topic(String stream, String key) {
    return stream + '\n' + key;
  }

  boolean closed() {
    return closed;
  }

  /** Replays entries after {@code since} (contiguous only); completes with the last position delivered. */
  Future<Long> replay(long since, long head) {
    delivered = since;
    knownHead = head;
    return replayFrom();
  }

  private Future<Long> replayFrom() {
    if (closed) return Future.succeededFuture(delivered);
    return reads.read(type, key, delivered, FETCH).compose(entries -> {
      sendAll(entries);
      // Wait until the batch is written before reading the next: a long replay never floods the
      // outbound queue (and so never trips the slow-consumer limit by itself).
      return entries.size() == FETCH && !holding ? conn.written().compose(v -> replayFrom()) : Future.succeededFuture(delivered);
    });
  }

  /** Starts from a known position without replay (follow without {@code since}, or a reset). */
  void startAt(long position, long head) {
    delivered = position;
    knownHead = Math.max(head, position);
  }

  /** After the opening reply: live entries flow, starting with those that waited. */
  void goLive() {
    live = true;
    drain();
  }

  /** A live entry from the event bus. */
  void offer(Outbound entry) {
    if (closed) return;
    long position = entry.position();
    knownHead = Math.max(knownHead, position);
    if (live && position <= delivered) return;
    if (live && !holding && pending.isEmpty() && position == delivered + 1) {
      emit(entry); // the usual case: next in line, nothing waiting — no per-follower bookkeeping
      if (delivered < knownHead) scheduleGapFetch(GAP_DELAY_MS);
      return;
    }
    waiting().put(position, entry);
    if (live) drain();
  }

  /** The connection checked again: the person may still follow; delivery resumes. */
  void release() {
    if (!holding) return;
    holding = false;
    drain();
  }

  void close() {
    closed = true;
    pending = EMPTY;
    if (gapTimer >= 0) vertx.cancelTimer(gapTimer);
  }

  private void drain() {
    while (!pending.isEmpty() && !closed && !holding) {
      Map.Entry<Long, Outbound> first = pending.firstEntry();
      if (first.getKey() <= delivered) {
        pending.pollFirstEntry();
      } else if (first.getKey() == delivered + 1) {
        pending.pollFirstEntry();
        emit(first.getValue());
      } else {
        scheduleGapFetch(GAP_DELAY_MS);
        return;
      }
    }
    if (live && !closed && !holding && delivered < knownHead) scheduleGapFetch(GAP_DELAY_MS);
  }

  private boolean behind() {
    return pending.isEmpty() ? delivered < knownHead : pending.firstKey() > delivered + 1;
  }

  private void scheduleGapFetch(long delay) {
    if (gapTimer >= 0 || fetching || closed) return;
    gapTimer = vertx.setTimer(delay, t -> {
      gapTimer = -1;
      fetchGap();
    });
  }

  private void fetchGap() {
    if (closed || holding || !behind()) {
      drain();
      return;
    }
    fetching = true;
    long target = pending.isEmpty() ? knownHead : pending.firstKey() - 1;
    long before = delivered;
    reads.read(type, key, delivered, (int) Math.min(FETCH, Math.max(target - delivered, 1))).onComplete(ar -> {
      fetching = false;
      if (closed) return;
      if (ar.succeeded()) sendAll(ar.result());
      // Back off while nothing moves (e.g. the last allocated seq belongs to a writer that died and
      // no later entry exists yet to time it out); any progress resets the pace.
      retryDelay = delivered > before ? GAP_RETRY_MS : Math.min(retryDelay * 2, MAX_RETRY_MS);
      drainPending();
      if (behind() && !holding) scheduleGapFetch(retryDelay);
    });
  }

  /** Delivers the waiting entries that are next in line, without scheduling anything. */
  private void drainPending() {
    while (!pending.isEmpty() && !closed && !holding && pending.firstKey() <= delivered + 1) {
      Map.Entry<Long, Outbound> first = pending.pollFirstEntry();
      if (first.getKey() == delivered + 1) emit(first.getValue());
    }
  }

  private void emit(Outbound out) {
    delivered = out.position();
    conn.sendEncoded(out.bytesFor(conn.idIfGiven()));
    String subject = out.entry.subject();
    if (subject != null && subject.equals(conn.caller().id())) {
      holding = true;
      conn.recheck(this);
    }
  }

  /** The waiting entries, to add one ({@link #EMPTY}, shared by every follow, is never written to). */
  private TreeMap<Long, Outbound> waiting() {
    if (pending == EMPTY) pending = new TreeMap<>();
    return pending;
  }

  private void sendAll(List<Outbound> entries) {
    for (Outbound e : entries) {
      if (closed) return;
      if (holding) {
        if (e.position() > delivered) waiting().putIfAbsent(e.position(), e);
        continue;
      }
      if (e.position() != delivered + 1) continue;
      Outbound waiting = pending.remove(e.position());
      emit(waiting != null ? waiting : e);
    }
  }
}
