package atelier.support;

import atelier.app.Atelier;
import atelier.app.AtelierConfig;
import atelier.app.ConfigLoader;
import atelier.app.Nodes;
import atelier.app.Services;
import atelier.platform.Feature;
import atelier.store.EmbeddedStore;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A real node for tests: the real start path ({@link Atelier}) on a random port, talking through the
 * official driver to the store of {@link #storeUri} shared by the test JVM; each node gets its own
 * database so tests never see each other's data.
 */
public final class TestNode implements AutoCloseable {
  public static final String ADMIN_EMAIL = "admin@atelier.test";
  public static final String ADMIN_PASSWORD = "admin-secret-1";
  private static EmbeddedStore store;

  public final Vertx vertx;
  public final Atelier atelier;
  public final Api api;
  public final String database;

  /** The node's own data directory when the test did not choose one: removed when the node closes. */
  private String ownDataDir;

  private TestNode(Vertx vertx, Atelier atelier, String database) {
    this.vertx = vertx;
    this.atelier = atelier;
    this.database = database;
    this.api = new Api(vertx, atelier.port());
  }

  /**
   * The store every test node uses: the MongoDB of {@code ATELIER_TEST_MONGO_URI} when set (a real
   * replica set, say), else one durable on-disk embedded store — the one users run — for the whole run.
   */
  public static synchronized String storeUri() {
    String external = System.getenv("ATELIER_TEST_MONGO_URI");
    if (external != null && !external.isBlank()) return external;
    if (store == null) {
      Path dir = TempDirs.create("atelier-test-store");
      try {
        store = EmbeddedStore.onDisk(dir, 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Closed before the run's temporary directories go (TempDirs deletes them in its own hook).
      Runtime.getRuntime().addShutdownHook(new Thread(store::close));
    }
    return store.connectionString();
  }

  public static TestNode start() {
    return start(Map.of());
  }

  public static TestNode start(Map<String, String> extra) {
    return start(extra, List.of(), java.time.Clock.systemUTC());
  }

  /** A node whose date-driven work (the mandate scheduler) follows {@code clock}. */
  public static TestNode start(Map<String, String> extra, java.time.Clock clock) {
    return start(extra, List.of(), clock);
  }

  /** A node with extra features (built from its services) beside the product's own. */
  public static TestNode start(Map<String, String> extra, List<Function<Services, Feature>> features) {
    return start(extra, features, java.time.Clock.systemUTC());
  }

  private static TestNode start(Map<String, String> extra, List<Function<Services, Feature>> features, java.time.Clock clock) {
    String db = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> o = new HashMap<>();
    o.put("http.port", "0");
    o.put("http.host", "127.0.0.1");
    o.put("mongo.uri", storeUri());
    o.put("mongo.database", db);
    o.put("auth.hashIterations", "1000");
    o.put("admin.email", ADMIN_EMAIL);
    o.put("admin.password", ADMIN_PASSWORD);
    String dataDir = tempDir();
    o.put("data.dir", dataDir);
    o.putAll(extra);
    AtelierConfig config = ConfigLoader.load(Map.of(), o);
    Vertx vertx = Nodes.vertx(config).await(); // as Main builds it: with the node's metrics
    Atelier atelier = new Atelier(vertx, config, clock);
    features.forEach(atelier::withFeature);
    atelier.start(false).await();
    TestNode node = new TestNode(vertx, atelier, db);
    if (dataDir.equals(o.get("data.dir"))) node.ownDataDir = dataDir;
    return node;
  }

  /** A data directory of its own per node: the store is shared, but each node keeps its own search index there. */
  public static String tempDir() {
    return TempDirs.create("atelier-node").toString();
  }

  public int port() {
    return atelier.port();
  }

  @Override
  public void close() {
    atelier.stop().await();
    vertx.close().await();
    if (ownDataDir != null) TempDirs.delete(java.nio.file.Path.of(ownDataDir));
  }
}
