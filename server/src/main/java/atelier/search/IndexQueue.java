package atelier.search;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
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
  private List<IndexChange> pending = new ArrayList<>();
  private Map<String, Long> positions = new HashMap<>();
  private Future<Void> inFlight = Future.succeededFuture();
  private boolean flushing;

  IndexQueue(SearchIndex index, WorkerExecutor writer) {
    this.index = index;
    this.writer = writer;
  }

  /** Queues the changes of a space's log up to {@code seq} (possibly none: the position still moves). */
  void add(List<IndexChange> changes, String space, long seq) {
    pending.addAll(changes);
    positions.merge(space, seq, Math::max);
    flush();
  }

  boolean idle() {
    return !flushing && pending.isEmpty() && positions.isEmpty();
  }

  private void flush() {
    if (flushing || (pending.isEmpty() && positions.isEmpty())) return;
    flushing = true;
    List<IndexChange> batch = pending;
    Map<String, Long> upTo = positions;
    pending = new ArrayList<>();
    positions = new HashMap<>();
    inFlight = writer.<Void>executeBlocking(() -> {
      index.apply(batch, upTo);
      index.refresh();
      return null;
    }).onComplete(ar -> {
      if (ar.failed()) LOG.error("Search index write failed ({} changes); they are replayed at the next start", batch.size(), ar.cause());
      flushing = false;
      flush();
    });
  }

  /** Commits what was written so far (positions included), after the batch being written. */
  Future<Void> commit() {
    return writer.executeBlocking(() -> {
      index.commit();
      return null;
    });
  }

  /** The batch being written, if any (stopping waits for it). */
  Future<Void> inFlight() {
    return inFlight;
  }
}
