package atelier.realtime;

import atelier.events.Event;
import atelier.events.EventLog;
import atelier.space.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One socket's subscription to one space: delivers the space's events strictly in seq order, with no
 * gap and no duplicate. The live listener is registered before the replay; live events that arrive
 * meanwhile wait in {@code pending}. When a live event arrives ahead of the next expected seq it waits
 * too, and after a short delay the missing range is read from the log with {@code readContiguous}
 * (which fills a hole older than the gap timeout), retrying until the range is complete. All methods
 * run on the connection's context.
 */
final class Subscription {
  static final long GAP_DELAY_MS = 100;
  static final long GAP_RETRY_MS = 250;
  static final long MAX_RETRY_MS = 5_000;
  private static final int FETCH = 500;

  final Connection conn;
  final String space;
  volatile Role role;
  /** Whether this subscription counts in the space's presence (set once {@code subscribed} was sent). */
  boolean present;
  private final Vertx vertx;
  private final EventLog log;
  private final TreeMap<Long, String> pending = new TreeMap<>();
  private long delivered;
  /**
   * The highest seq known to exist (allocated at subscribe time, or seen live). Events committed
   * before the live listener existed but hidden behind a hole during the replay are never published
   * again, so while {@code delivered} is below it the subscription keeps reading the log.
   */
  private long knownHead;
  private long retryDelay = GAP_RETRY_MS;
  private boolean live;
  private boolean closed;
  private long gapTimer = -1;
  private boolean fetching;
  /** The seq after whose delivery the subscription ends (the person was removed from the space). */
  private long endAt = Long.MAX_VALUE;

  Subscription(Connection conn, String space, Role role, Vertx vertx, EventLog log) {
    this.conn = conn;
    this.space = space;
    this.role = role;
    this.vertx = vertx;
    this.log = log;
  }

  long delivered() {
    return delivered;
  }

  boolean closed() {
    return closed;
  }

  /** Replays events after {@code since} (contiguous only); completes with the last seq delivered. */
  Future<Long> replay(long since, long head) {
    delivered = since;
    knownHead = head;
    return replayFrom();
  }

  private Future<Long> replayFrom() {
    if (closed) return Future.succeededFuture(delivered);
    return log.readContiguous(space, delivered, FETCH).compose(events -> {
      sendAll(events);
      // Wait until the batch is written before reading the next: a long replay never floods the
      // outbound queue (and so never trips the slow-consumer limit by itself).
      return events.size() == FETCH ? conn.written().compose(v -> replayFrom()) : Future.succeededFuture(delivered);
    });
  }

  /** Starts from a known position without replay (subscribe without {@code since}, or a reset). */
  void startAt(long position, long head) {
    delivered = position;
    knownHead = head;
  }

  /** After the {@code subscribed} frame: live events flow, starting with those that waited. */
  void goLive() {
    live = true;
    drain();
  }

  /** A live event from the event bus (already encoded as its frame). */
  void offer(long seq, String frame) {
    if (closed) return;
    knownHead = Math.max(knownHead, seq);
    if (live && seq <= delivered) return;
    pending.put(seq, frame);
    if (live) drain();
  }

  /** Ends the subscription once the event {@code seq} (their removal) has been delivered. */
  void endAfter(long seq) {
    endAt = Math.min(endAt, seq);
    if (delivered >= endAt) conn.removed(this);
  }

  void close() {
    closed = true;
    pending.clear();
    if (gapTimer >= 0) vertx.cancelTimer(gapTimer);
  }

  private void drain() {
    while (!pending.isEmpty() && !closed) {
      Map.Entry<Long, String> first = pending.firstEntry();
      if (first.getKey() <= delivered) {
        pending.pollFirstEntry();
      } else if (first.getKey() == delivered + 1) {
        pending.pollFirstEntry();
        emit(delivered + 1, first.getValue());
      } else {
        scheduleGapFetch(GAP_DELAY_MS);
        return;
      }
    }
    if (live && !closed && delivered < knownHead) scheduleGapFetch(GAP_DELAY_MS);
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
    if (closed || !behind()) {
      drain();
      return;
    }
    fetching = true;
    long target = pending.isEmpty() ? knownHead : pending.firstKey() - 1;
    long before = delivered;
    log.readContiguous(space, delivered, (int) Math.min(FETCH, Math.max(target - delivered, 1))).onComplete(ar -> {
      fetching = false;
      if (closed) return;
      if (ar.succeeded()) sendAll(ar.result());
      // Back off while nothing moves (e.g. the last allocated seq belongs to a writer that died and
      // no later event exists yet to time it out); any progress resets the pace.
      retryDelay = delivered > before ? GAP_RETRY_MS : Math.min(retryDelay * 2, MAX_RETRY_MS);
      drainPending();
      if (behind()) scheduleGapFetch(retryDelay);
    });
  }

  /** Delivers the waiting events that are next in line, without scheduling anything. */
  private void drainPending() {
    while (!pending.isEmpty() && !closed && pending.firstKey() <= delivered + 1) {
      Map.Entry<Long, String> first = pending.pollFirstEntry();
      if (first.getKey() == delivered + 1) emit(first.getKey(), first.getValue());
    }
  }

  private void emit(long seq, String frame) {
    delivered = seq;
    conn.send(frame);
    if (delivered >= endAt) conn.removed(this);
  }

  private void sendAll(List<Event> events) {
    for (Event e : events) {
      if (closed) return;
      if (e.seq() != delivered + 1) continue;
      String waiting = pending.remove(e.seq());
      emit(e.seq(), waiting != null ? waiting : e.toFrame().encode());
    }
  }
}
