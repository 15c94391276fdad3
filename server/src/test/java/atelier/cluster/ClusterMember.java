package atelier.cluster;

import atelier.app.Atelier;
import atelier.app.AtelierConfig;
import atelier.app.ConfigLoader;
import atelier.app.Nodes;
import atelier.support.TestNode;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A clustered node inside the test JVM: its own clustered Vert.x (a real Hazelcast member on
 * loopback) built by {@link Nodes}, and the real start path ({@link Atelier}), over the test JVM's
 * shared in-memory store. Calls block the test thread.
 */
final class ClusterMember extends NodeClient implements AutoCloseable {
  static {
    // A lone first member should not wait for others; tests are on one machine.
    System.setProperty("hazelcast.wait.seconds.before.join", "0");
    System.setProperty("hazelcast.max.join.seconds", "3");
    System.setProperty("hazelcast.phone.home.enabled", "false");
  }

  final String name;
  final int hazelcastPort;
  final Atelier atelier;

  private ClusterMember(String name, int hazelcastPort, Vertx vertx, Atelier atelier) {
    super(vertx, atelier.port());
    this.name = name;
    this.hazelcastPort = hazelcastPort;
    this.atelier = atelier;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ClusterMember start(String name, int hazelcastPort, List<Integer> memberPorts, String database, Map<String, String> extra) {
    Map<String, String> o = new HashMap<>();
    o.put("node.name", name);
    o.put("http.port", "0");
    o.put("http.host", "127.0.0.1");
    o.put("mongo.uri", TestNode.storeUri());
    o.put("mongo.database", database);
    o.put("auth.hashIterations", "1000");
    o.put("admin.email", TestNode.ADMIN_EMAIL);
    o.put("admin.password", TestNode.ADMIN_PASSWORD);
    o.put("data.dir", TestNode.tempDir());
    o.put("cluster.enabled", "true");
    o.put("cluster.host", "127.0.0.1");
    o.put("cluster.port", Integer.toString(hazelcastPort));
    o.put("cluster.members", String.join(",", memberPorts.stream().map(p -> "127.0.0.1:" + p).toList()));
    o.putAll(extra);
    AtelierConfig config = ConfigLoader.load(Map.of(), o);
    Vertx vertx = Nodes.vertx(config).await();
    Atelier atelier = new Atelier(vertx, config).start(false).await();
    return new ClusterMember(name, hazelcastPort, vertx, atelier);
  }

  int port() {
    return atelier.port();
  }

  Membership membership() {
    return Membership.of(vertx);
  }

  static void waitUntil(String what, long timeoutMs, BooleanSupplier condition) {
    long end = System.currentTimeMillis() + timeoutMs;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) throw new AssertionError("timed out waiting for " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    try {
      atelier.stop().await();
    } finally {
      vertx.close().await();
    }
  }
}
