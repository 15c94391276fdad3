package atelier.search;

import atelier.chat.MessageRepository;
import atelier.events.EventLog;
import atelier.space.MembershipRepository;
import atelier.store.Store;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Search as a feature of a node: its index (under {@code search.dir}), kept from the space logs by
 * {@link SearchVerticle}, and the {@link SearchService} the routes call. Each node of a cluster keeps
 * its own index from the shared logs. One writer thread (Lucene writes are applied in order), one
 * committer thread (a commit's fsync never delays a refresh), two reader threads (queries never wait
 * behind indexing, and never run on an event loop).
 */
public final class Search {
  private final Vertx vertx;
  private final Path dir;
  private final long commitMs;
  private final EventLog log;
  private final SpaceDirectory directory;
  private final List<SearchableKind> kinds;
  private final ConcurrentHashMap<String, IndexedSpace> spaces = new ConcurrentHashMap<>();
  private final WorkerExecutor writer;
  private final WorkerExecutor committer;
  private final WorkerExecutor readers;
  private final SearchService service;
  private String deployment;

  public Search(Vertx vertx, Path dir, long commitMs, Store store, EventLog log, MembershipRepository memberships, MessageRepository messages) {
    this.vertx = vertx;
    this.dir = dir;
    this.commitMs = commitMs;
    this.log = log;
    this.directory = new SpaceDirectory(store);
    this.kinds = List.of(new MessageKind(messages), new SpaceKind(), new FileKind(), new DocumentKind(store), new CardKind());
    this.writer = vertx.createSharedWorkerExecutor("atelier-search-writer-" + System.identityHashCode(this), 1);
    this.committer = vertx.createSharedWorkerExecutor("atelier-search-committer-" + System.identityHashCode(this), 1);
    this.readers = vertx.createSharedWorkerExecutor("atelier-search-readers-" + System.identityHashCode(this), 2);
    this.service = new SearchService(memberships, readers, kinds, spaces);
  }

  public SearchService service() {
    return service;
  }

  /** Opens the index and starts following the logs; searches work at once, catching up continues behind. */
  public Future<Void> start() {
    return deploy(false).<Void>mapEmpty();
  }

  /**
   * Rebuilds the index from the store ({@code java -jar atelier.jar reindex}): drops it, applies every
   * space's whole log, commits and stops. Answers the number of indexed documents.
   */
  public Future<Integer> rebuild() {
    return deploy(true).compose(SearchVerticle::caughtUp).eventually(this::stop);
  }

  private Future<SearchVerticle> deploy(boolean fresh) {
    SearchVerticle v = new SearchVerticle(dir, commitMs, fresh, log, directory, kinds, service, writer, committer, spaces);
    return vertx.deployVerticle(v, new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP)).map(id -> {
      deployment = id;
      return v;
    });
  }

  /** Commits and closes the index. */
  public Future<Void> stop() {
    Future<Void> undeploy = deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment);
    deployment = null;
    return undeploy.eventually(() -> {
      writer.close();
      committer.close();
      return readers.close();
    });
  }
}
