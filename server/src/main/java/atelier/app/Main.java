package atelier.app;

import atelier.store.EmbeddedStore;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar atelier.jar [--demo]} runs a node; {@code java -jar atelier.jar store --port P}
 * runs only the embedded MongoDB-wire store so that several nodes on one machine can share it;
 * {@code java -jar atelier.jar migrate --to URI} copies the store to a MongoDB deployment.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    List<String> list = Arrays.asList(args);
    // Before anything logs (reading the configuration may already initialise logging): logback.xml
    // puts ${ATELIER_NODE_NAME} in every line. The default name is the one ConfigLoader gives.
    if (System.getenv("ATELIER_NODE_NAME") == null || System.getenv("ATELIER_NODE_NAME").isBlank()) {
      String name = System.getProperty("atelier.node.name", "");
      System.setProperty("ATELIER_NODE_NAME", name.isBlank() ? "node-" + ProcessHandle.current().pid() : name);
    }
    AtelierConfig config;
    try {
      config = ConfigLoader.load(System.getenv(), Map.of());
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (!list.isEmpty() && list.get(0).equals("store")) {
      runStore(config, list);
      return;
    }
    if (!list.isEmpty() && list.get(0).equals("seed-benchmark")) {
      System.exit(BenchmarkSeed.run(config, list, System.out));
      return;
    }
    if (list.equals(List.of("reindex"))) {
      runReindex(config);
      return;
    }
    if (!list.isEmpty() && list.get(0).equals("migrate")) {
      System.exit(MigrateCommand.run(config, list, System.out, System.err));
      return;
    }
    for (String a : list) {
      if (!a.equals("--demo")) {
        System.err.println("Unknown argument '" + a + "'. Usage: java -jar atelier.jar [--demo] | store --port P | reindex | migrate --to URI");
        System.exit(2);
      }
    }
    runNode(config, list.contains("--demo"));
  }

  private static void runNode(AtelierConfig config, boolean demo) throws Exception {
    Vertx vertx;
    try {
      vertx = Nodes.vertx(config).await();
    } catch (Exception e) {
      System.err.println("Atelier failed to join the cluster: " + e.getMessage());
      System.exit(1);
      return;
    }
    Atelier atelier;
    try {
      atelier = new Atelier(vertx, config).start(demo).await();
    } catch (Exception e) {
      System.err.println("Atelier failed to start: " + e.getMessage());
      vertx.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      long t0 = System.nanoTime();
      try {
        atelier.stopBlocking();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // best effort: the embedded store commits every acknowledged write anyway
        System.err.println("Shutdown incomplete: " + e);
      }
      System.err.println("Atelier stopped in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }, "atelier-shutdown"));
    String host = config.httpHost().equals("0.0.0.0") ? "localhost" : config.httpHost();
    System.out.println("Atelier listening on http://" + host + ":" + atelier.port());
    System.out.flush();
  }

  /** Rebuilds the search index of this node (stop the node first: the index and the embedded store are locked while it runs). */
  private static void runReindex(AtelierConfig config) {
    Vertx vertx = Vertx.vertx();
    try {
      long t0 = System.nanoTime();
      int docs = new Atelier(vertx, config).reindex().await();
      System.out.println("Search index rebuilt in " + config.search().dir() + ": " + docs + " documents in "
          + (System.nanoTime() - t0) / 1_000_000 + " ms");
      vertx.close().await();
      System.exit(0);
    } catch (Exception e) {
      System.err.println("Reindex failed: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void runStore(AtelierConfig config, List<String> args) throws Exception {
    int port = config.storePort();
    int i = args.indexOf("--port");
    if (i >= 0 && i + 1 < args.size()) port = Integer.parseInt(args.get(i + 1));
    EmbeddedStore store = EmbeddedStore.onDisk(config.dataDir(), port);
    Runtime.getRuntime().addShutdownHook(new Thread(store::close, "store-shutdown"));
    System.out.println("Atelier store listening on mongodb://127.0.0.1:" + store.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
