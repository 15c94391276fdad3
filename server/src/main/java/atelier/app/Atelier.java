package atelier.app;

import atelier.chat.ChatModule;
import atelier.cluster.ClusterServices;
import atelier.files.FilesModule;
import atelier.realtime.FrameRegistry;
import atelier.realtime.Gateway;
import atelier.search.Search;
import atelier.search.SearchModule;
import atelier.store.EmbeddedStore;
import atelier.store.Store;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one node on a given Vert.x: the embedded store when no {@code mongo.uri} is set, the
 * connection, indexes, the first administrator, optional demo data, then the HTTP verticle. Used by
 * {@link Main} and by the tests, so tests run the real start path.
 */
public final class Atelier {
  private static final Logger LOG = LoggerFactory.getLogger(Atelier.class);

  private final Vertx vertx;
  private final AtelierConfig config;
  private EmbeddedStore embedded;
  private Store store;
  private Services services;
  private HttpVerticle http;
  private ClusterServices cluster;
  private Search search;
  private String deploymentId;

  public Atelier(Vertx vertx, AtelierConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  public Future<Atelier> start(boolean demo) {
    return openStore()
        .compose(s -> s.createIndexes())
        .compose(v -> services.auth.ensureAdmin(config.adminEmail(), config.adminPassword()))
        .compose(v -> demo ? new DemoData(services).seedIfEmpty() : Future.succeededFuture())
        .onSuccess(v -> cluster = ClusterServices.start(vertx, services))
        .compose(v -> startSearch())
        .compose(v -> {
          http = new HttpVerticle(services, modules(services, search));
          return vertx.deployVerticle(http, new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP));
        })
        .map(id -> {
          deploymentId = id;
          LOG.info("Node {} ready on port {}", config.nodeName(), http.port());
          return this;
        });
  }

  /**
   * The feature modules of a node. Features register their WebSocket frame types in the registry
   * the gateway reads, so the gateway itself never changes when a feature is added.
   */
  private static List<HttpVerticle.RouteModule> modules(Services services, Search search) {
    FrameRegistry frames = new FrameRegistry();
    return List.of(new ChatModule(services.chat, services.rateLimits, frames), new SearchModule(search),
        new FilesModule(services.files, java.time.Duration.ofSeconds(services.config.files().orphanAfterSeconds())),
        new atelier.board.BoardModule(services.vertx, services.boards), new Gateway(services, frames));
  }

  private Future<Services> openStore() {
    Future<String> uri = config.embeddedStore()
        ? vertx.executeBlocking(() -> {
            embedded = EmbeddedStore.onDisk(config.dataDir(), config.storePort());
            return embedded.connectionString();
          })
        : Future.succeededFuture(config.mongoUri());
    return uri.map(u -> {
      store = new Store(u, config.mongoDatabase());
      services = new Services(vertx, config, store);
      return services;
    });
  }

  private Search newSearch() {
    return new Search(vertx, config.search().dir(), config.search().commitMs(), store, services.eventLog, services.memberships, services.messages);
  }

  /** This node's search index, kept from the space logs (see atelier.search). */
  private Future<Void> startSearch() {
    search = newSearch();
    return search.start();
  }

  /** {@code java -jar atelier.jar reindex}: rebuilds this node's search index from the store, then closes. */
  public Future<Integer> reindex() {
    return openStore().compose(s -> s.createIndexes()).compose(v -> newSearch().rebuild()).eventually(this::stop);
  }

  public int port() {
    return http.port();
  }

  public Services services() {
    return services;
  }

  public HttpVerticle http() {
    return http;
  }

  /**
   * For the JVM's shutdown hook (not an event loop): stop HTTP, then close the store connection and
   * the embedded store synchronously so its final commit has happened when the process exits.
   */
  public void stopBlocking() throws Exception {
    if (cluster != null) cluster.stop();
    if (deploymentId != null) {
      vertx.undeploy(deploymentId).toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    if (search != null) search.stop().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    if (store != null) store.close();
    if (embedded != null) embedded.close();
  }

  /** Stops accepting work, then closes the store connection and the embedded store (final commit). */
  public Future<Void> stop() {
    if (cluster != null) cluster.stop();
    Future<Void> undeploy = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    return undeploy.eventually(() -> search == null ? Future.succeededFuture() : search.stop()).eventually(() -> vertx.executeBlocking(() -> {
      if (store != null) store.close();
      if (embedded != null) embedded.close();
      return null;
    })).mapEmpty();
  }
}
