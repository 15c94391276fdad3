package atelier.search;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands changes to the index on its single writer thread, in the order they were added. While one
 * batch is being written the next ones gather, so under load the index takes large batches (one
 * refresh each) and when quiet a change is visible within one write and refresh. Confined to the
 * feed's context; the index itself is only touched on {@code writer}.
 */
final class IndexQueue {
  private static final Logger LOG = LoggerFactory.getLogger(IndexQueue.class);

  private final SearchIndex index;
  private final WorkerExecutor writer;
  private final WorkerExecutor committer;
  private boolean committing;
  private Future<Void> lastCommit = Future.succeededFuture();
  private List<IndexChange> pending = new ArrayList<>();
  private Map<String, Long> positions = new HashMap<>();
  private java.util.Set<String> rewinds = new java.util.HashSet<>();
  /** Commit times (epoch ms) of the events in {@link #pending} that were committed while this node ran. */
  private List<Long> eventTimes = new ArrayList<>();
  private final long startedAt = System.currentTimeMillis();
  private final Timer lag;
  private Future<Void> inFlight = Future.succeededFuture();
  private boolean flushing;
  /**
   * Batches start at most this often: each ends with a refresh (a new near-real-time reader), which
   * cost a quarter of the server's CPU at 200 messages a second when every small batch had its own
   * (loadtest b, JFR). A refresh is mostly the fixed cost of writing a new small segment (and of
   * merging the small segments later), so fewer of them cost less whatever the batch: at 100 ms the
   * search writer still took ≈ 0.5 ms of CPU per message in b, at 500 ms ≈ 0.1 (performance.md,
   * "Cost per persisted message"). Changes wait at most this long more before they can be found —
   * Elasticsearch refreshes once a second; the indexing-lag target is 2 s.
   */
  static final long MIN_FLUSH_MS = 500;
  private long lastFlushAt;
  private boolean flushScheduled;
  private long flushTimer = -1;
  /** Stopping: queued changes are written at once, and no batch waits on a timer any more. */
  private boolean draining;

  IndexQueue(SearchIndex index, WorkerExecutor writer, WorkerExecutor committer, Timer lag) {
    this.index = index;
    this.writer = writer;
    this.committer = committer;
    this.lag = lag;
  }

  /** Queues the changes of a space's log up to {@code seq} (possibly none: the position still moves). */
  void add(List<IndexChange> changes, String space, long seq) {
    add(changes, space, seq, List.of());
  }

  /** The same, with the commit times of the events they come from (for the indexing lag metric). */
  void add(List<IndexChange> changes, String space, long seq, List<Instant> committedAt) {
    pending.addAll(changes);
    positions.merge(space, seq, Math::max);
    for (Instant at : committedAt) {
      // Only events committed while this node runs: a replay at start is not a lag.
      if (at.toEpochMilli() >= startedAt) eventTimes.add(at.toEpochMilli());
    }
    flush();
  }

  /** The space's log is applied again from its start: its position goes back to 0 with the next batch. */
  void rewind(String space) {
    rewinds.add(space);
    positions.put(space, 0L);
    flush();
  }

  boolean idle() {
    return !flushing && pending.isEmpty() && positions.isEmpty();
  }

  private void flush() {
    if (flushing || flushScheduled || (pending.isEmpty() && positions.isEmpty())) return;
    long wait = lastFlushAt + MIN_FLUSH_MS - System.currentTimeMillis();
    io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
    if (wait > 0 && ctx != null && !draining) {
      flushScheduled = true;
      flushTimer = ctx.owner().setTimer(wait, t -> {
        flushScheduled = false;
        flushTimer = -1;
        flush();
      });
      return;
    }
    lastFlushAt = System.currentTimeMillis();
    flushing = true;
    List<IndexChange> batch = pending;
    Map<String, Long> upTo = positions;
    java.util.Set<String> back = rewinds;
    rewinds = new java.util.HashSet<>();
    List<Long> times = eventTimes;
    pending = new ArrayList<>();
    positions = new HashMap<>();
    eventTimes = new ArrayList<>();
    inFlight = writer.<Void>executeBlocking(() -> {
      index.rewind(back);
      index.apply(batch, upTo);
      index.refresh();
      return null;
    }).onComplete(ar -> {
      if (ar.failed()) LOG.error("Search index write failed ({} changes); they are replayed at the next start", batch.size(), ar.cause());
      else {
        // From the event's commit to being findable (written and refreshed) on this node.
        long now = System.currentTimeMillis();
        times.forEach(t -> lag.record(Math.max(0, now - t), java.util.concurrent.TimeUnit.MILLISECONDS));
      }
      flushing = false;
      flush();
    });
  }

  /**
   * Commits what was written so far, with the positions it reaches, on its own thread: a commit
   * waits for the disk (fsync), and batches keep being written and made visible meanwhile. The
   * positions are read before the commit starts, so a commit may hold changes past them (replayed
   * harmlessly after a crash) but never positions past its changes. One commit at a time.
   */
  Future<Void> commit() {
    if (committing) return lastCommit.eventually(this::commit);
    committing = true;
    lastCommit = committer.<Void>executeBlocking(() -> {
      index.commit();
      return null;
    }).onComplete(ar -> committing = false);
    return lastCommit;
  }

  /** The periodic commit: skipped while one is still on its way to the disk. */
  Future<Void> commitIfIdle() {
    return committing ? Future.succeededFuture() : commit();
  }

  /** The batch being written, if any. */
  Future<Void> inFlight() {
    return inFlight;
  }

  /**
   * For a stop: writes what is queued now, without waiting for the next batch's turn, and completes
   * once nothing is left to write. A batch left on its timer would otherwise start after the index
   * was closed ("this IndexWriter is closed", seen by RealtimeShutdownTest).
   */
  Future<Void> drain() {
    draining = true;
    if (flushTimer >= 0) {
      io.vertx.core.Vertx.currentContext().owner().cancelTimer(flushTimer);
      flushTimer = -1;
      flushScheduled = false;
    }
    flush();
    return inFlight.eventually(() -> flushing || !pending.isEmpty() || !positions.isEmpty() ? drain() : Future.succeededFuture());
  }
}
