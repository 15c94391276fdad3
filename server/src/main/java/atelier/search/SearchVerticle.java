package atelier.search;

import atelier.events.EventLog;
import atelier.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns this node's index for the node's life: opens it on the writer worker, feeds it from the logs
 * ({@link SearchFeed}) and commits it every {@code search.commitMs} and at stop. Its feed and queue live on
 * this verticle's event loop; Lucene is only touched on the writer worker.
 */
final class SearchVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SearchVerticle.class);
  static final long SWEEP_MS = 10_000;

  private final Path dir;
  private final long commitMs;
  private final boolean fresh;
  private final EventLog log;
  private final SpaceDirectory directory;
  private final List<SearchableKind> kinds;
  private final SearchService service;
  private final WorkerExecutor writer;
  private final WorkerExecutor committer;
  private final ConcurrentHashMap<String, IndexedSpace> spaces;
  private SearchIndex index;
  private IndexQueue queue;
  private SearchFeed feed;
  private long commitTimer = -1;
  private long sweepTimer = -1;

  SearchVerticle(Path dir, long commitMs, boolean fresh, EventLog log, SpaceDirectory directory, List<SearchableKind> kinds, SearchService service,
      WorkerExecutor writer, WorkerExecutor committer, ConcurrentHashMap<String, IndexedSpace> spaces) {
    this.dir = dir;
    this.commitMs = commitMs;
    this.fresh = fresh;
    this.log = log;
    this.directory = directory;
    this.kinds = kinds;
    this.service = service;
    this.writer = writer;
    this.committer = committer;
    this.spaces = spaces;
  }

  @Override
  public Future<?> start() {
    return writer.executeBlocking(() -> {
      Files.createDirectories(dir);
      if (fresh) return SearchIndex.openEmptied(dir);
      try {
        return SearchIndex.open(dir, false);
      } catch (LockObtainFailedException locked) {
        throw locked; // another process has it: never wipe it
      } catch (IOException | IllegalArgumentException unreadable) {
        // Corrupt, or written by another Lucene version: the index is only a copy of the logs.
        LOG.warn("Search index at {} cannot be opened ({}); rebuilding it from the logs", dir, unreadable.toString());
        return SearchIndex.openEmptied(dir);
      }
    }).compose(opened -> {
      index = opened;
      Metrics metrics = Metrics.of(vertx);
      queue = new IndexQueue(index, writer, committer, metrics.latency("atelier_search_index_lag_seconds",
          "From an event's commit to its change being findable in this node's search index"));
      SearchIndex counted = index;
      metrics.gauge("atelier_search_documents", "Documents in this node's search index", () -> {
        try {
          return counted.count();
        } catch (RuntimeException closed) {
          return 0;
        }
      });
      feed = new SearchFeed(vertx, log, directory, kinds, queue, index.positions(), spaces);
      service.ready(index);
      commitTimer = vertx.setPeriodic(commitMs, t -> queue.commitIfIdle()
          .onFailure(e -> LOG.error("Search index commit failed", e)));
      sweepTimer = vertx.setPeriodic(SWEEP_MS, t -> feed.sweep()
          .onFailure(e -> LOG.warn("Search sweep failed; tried again in {} ms", SWEEP_MS, e)));
      LOG.info("Search index at {}: {} documents, {} spaces to catch up", dir, index.count(), index.positions().size());
      return feed.start();
    });
  }

  /** Completes once every space's log is applied and written (used by the rebuild). */
  Future<Integer> caughtUp() {
    Promise<Integer> done = Promise.promise();
    context.runOnContext(v -> poll(done));
    return done.future();
  }

  private void poll(Promise<Integer> done) {
    if (feed.caughtUp()) {
      queue.commit().map(v -> index.count()).onComplete(done);
    } else {
      vertx.setTimer(100, t -> poll(done));
    }
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(commitTimer);
    vertx.cancelTimer(sweepTimer);
    service.closed();
    if (feed == null) return Future.succeededFuture();
    return feed.stop()
        .eventually(() -> queue.drain())
        .eventually(() -> queue.commit())
        .eventually(() -> writer.executeBlocking(() -> {
          index.close();
          return null;
        }));
  }
}
