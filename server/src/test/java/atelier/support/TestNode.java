package atelier.support;

import atelier.app.Atelier;
import atelier.app.AtelierConfig;
import atelier.app.ConfigLoader;
import atelier.store.EmbeddedStore;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A real node for tests: the real start path ({@link Atelier}) on a random port, talking through the
 * official driver to an in-memory MongoDB-wire server shared by the test JVM; each node gets its own
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

  private TestNode(Vertx vertx, Atelier atelier, String database) {
    this.vertx = vertx;
    this.atelier = atelier;
    this.database = database;
    this.api = new Api(vertx, atelier.port());
  }

  public static synchronized String storeUri() {
    if (store == null) store = EmbeddedStore.inMemory();
    return store.connectionString();
  }

  public static TestNode start() {
    return start(Map.of());
  }

  public static TestNode start(Map<String, String> extra) {
    String db = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Map<String, String> o = new HashMap<>();
    o.put("http.port", "0");
    o.put("http.host", "127.0.0.1");
    o.put("mongo.uri", storeUri());
    o.put("mongo.database", db);
    o.put("auth.hashIterations", "1000");
    o.put("admin.email", ADMIN_EMAIL);
    o.put("admin.password", ADMIN_PASSWORD);
    o.put("data.dir", tempDir());
    o.putAll(extra);
    AtelierConfig config = ConfigLoader.load(Map.of(), o);
    Vertx vertx = Vertx.vertx();
    Atelier atelier = new Atelier(vertx, config).start(false).await();
    return new TestNode(vertx, atelier, db);
  }

  /** A data directory of its own per node: the store is shared, but each node keeps its own search index there. */
  public static String tempDir() {
    try {
      return java.nio.file.Files.createTempDirectory("atelier-node").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public int port() {
    return atelier.port();
  }

  @Override
  public void close() {
    atelier.stop().await();
    vertx.close().await();
  }
}
