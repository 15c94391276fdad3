package atelier.app;

import atelier.auth.Authenticator;
import atelier.chat.ChatFeature;
import atelier.files.FilesModule;
import atelier.http.RouteModule;
import atelier.platform.Feature;
import atelier.realtime.Gateway;
import atelier.realtime.GatewayLimits;
import atelier.space.SpaceFeature;
import atelier.space.SpaceLogStream;
import atelier.search.Search;
import atelier.search.SearchModule;
import atelier.store.EmbeddedStore;
import atelier.store.Store;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import atelier.cluster.Membership;
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
  private final java.time.Clock clock;
  private EmbeddedStore embedded;
  private Store store;
  private Services services;
  private HttpVerticle http;
  private ClusterServices cluster;
  private Search search;
  private final List<String> deploymentIds = new java.util.ArrayList<>();
  private final List<HttpVerticle> httpVerticles = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<java.util.function.Function<Services, Feature>> extraFeatures = new java.util.ArrayList<>();

  public Atelier(Vertx vertx, AtelierConfig config) {
    this(vertx, config, java.time.Clock.systemUTC());
  }

  /** A node whose date-driven work (mandates) follows {@code clock}: tests move it. */
  public Atelier(Vertx vertx, AtelierConfig config, java.time.Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
  }

  /** Adds a feature built from the node's services (a plug-in; tests use it to exercise the platform). Before {@link #start}. */
  public Atelier withFeature(java.util.function.Function<Services, Feature> feature) {
    extraFeatures.add(feature);
    return this;
  }

  public Future<Atelier> start(boolean demo) {
    return openStore()
        .compose(s -> s.createIndexes())
        .compose(v -> services.auth.ensureAdmin(config.adminEmail(), config.adminPassword()))
        .compose(v -> demo ? new DemoData(services).seedIfEmpty() : Future.succeededFuture())
        .onSuccess(v -> cluster = ClusterServices.start(vertx, services))
        .compose(v -> startSearch())
        .compose(v -> {
          List<Feature> features = new java.util.ArrayList<>(features(services, search));
          extraFeatures.forEach(f -> features.add(f.apply(services)));
          return deployHttp(modules(services, features));
        })
        .map(v -> {
          LOG.info("Node {} ready on port {} ({} HTTP verticle instance(s))", config.nodeName(), http.port(), httpInstances());
          return this;
        });
  }

  /** {@code http.instances}, or one per event loop (Vert.x's default pool: twice the cores). */
  private int httpInstances() {
    int n = config.edge().httpInstances();
    return n > 0 ? n : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
  }

  /**
   * Deploys the HTTP/WebSocket verticle once per event loop, all on the same port, sharing the server
   * (Vert.x spreads connections over them round-robin). The modules are shared: one gateway, one live
   * hub and one presence per node.
   */
  private Future<Void> deployHttp(List<RouteModule> modules) {
    // A negative port makes Vert.x bind one random port shared by every server using that value.
    int port = config.httpPort() == 0 ? -1 : config.httpPort();
    List<HttpVerticle> instances = httpVerticles;
    DeploymentOptions options = new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP).setInstances(httpInstances());
    return vertx.deployVerticle(() -> {
      HttpVerticle v = new HttpVerticle(services, modules, port);
      instances.add(v);
      return v;
    }, options).map(id -> {
      deploymentIds.add(id);
      http = instances.get(0);
      return null;
    });
  }

  /**
   * The HTTP modules of a node: its features (registered with the platform first, so the gateway
   * finds their frames), then the gateway, which knows no feature.
   */
  private static List<RouteModule> modules(Services services, List<Feature> features) {
    features.forEach(f -> f.register(services.platform));
    AtelierConfig.Limits l = services.config.limits();
    GatewayLimits limits = new GatewayLimits(l.frameBytes(), l.outboundQueueFrames(), l.replayMax(), l.presenceGraceMs(),
        l.socketsPerPerson(), services.config.allowedOrigins());
    List<RouteModule> modules = new java.util.ArrayList<>(features);
    Membership membership = Membership.of(services.vertx);
    Gateway gateway = new Gateway(services.vertx, limits, services.platform, new Authenticator(services.auth), membership.nodeId(),
        membership::onLeft, atelier.metrics.Metrics.of(services.vertx).registry());
    services.auth.onEnded(gateway::sessionsEnded);
    modules.add(gateway);
    return modules;
  }

  /** The features of a node, each registering its frames, streams, signals, budgets and event kinds (docs/architecture.md). */
  private static List<Feature> features(Services services, Search search) {
    AtelierConfig.Limits l = services.config.limits();
    return List.of(
        new SpaceFeature(new SpaceLogStream(services.eventLog, services.spaceService, services.spaceCache, services.platform.eventKinds())),
        new ChatFeature(services.chat, l.messagesPerSecond(), l.typingIntervalMs()),
        new SearchModule(search),
        new FilesModule(services.files, java.time.Duration.ofSeconds(services.config.files().orphanAfterSeconds())),
        new atelier.board.BoardModule(services.vertx, services.boards),
        new atelier.lifecycle.LifecycleModule(services.vertx,
            new atelier.lifecycle.MandateScheduler(services.spaces, services.spaceService.lifecycle(), services.chat, services.notifications),
            java.time.Duration.ofSeconds(services.config.lifecycle().checkSeconds()),
            new atelier.archive.ArchiveService(services.vertx, services.store, services.spaceService, services.spaces, services.archiveParts,
                services.clock),
            services.spaceViews, l.archiveBytes()),
        services.documents);
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
      services = new Services(vertx, config, store, clock);
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

  /** The HTTP verticle instances of this node (one per event loop unless {@code http.instances} says otherwise). */
  public List<HttpVerticle> httpVerticles() {
    return List.copyOf(httpVerticles);
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
    for (String id : List.copyOf(deploymentIds)) {
      vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    if (search != null) search.stop().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    if (store != null) store.close();
    if (embedded != null) embedded.close();
  }

  /** Stops accepting work, then closes the store connection and the embedded store (final commit). */
  public Future<Void> stop() {
    if (cluster != null) cluster.stop();
    Future<Void> undeploy = Future.join(List.copyOf(deploymentIds).stream().map(vertx::undeploy).toList()).mapEmpty();
    return undeploy.eventually(() -> search == null ? Future.succeededFuture() : search.stop()).eventually(() -> vertx.executeBlocking(() -> {
      if (store != null) store.close();
      if (embedded != null) embedded.close();
      return null;
    })).mapEmpty();
  }
}
