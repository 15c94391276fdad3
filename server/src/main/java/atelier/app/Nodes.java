package atelier.app;

import atelier.cluster.AtelierClusterManager;
import atelier.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;

/**
 * Creates the Vert.x instance of a node: plain, or clustered through Hazelcast when
 * {@code cluster.enabled} (configuration from {@code cluster.config}, see {@link HazelcastSetup}).
 * Either way the node's {@link Metrics} (Micrometer, Prometheus registry) are attached, so HTTP
 * requests, WebSocket connections and event-bus traffic are counted by Vert.x itself.
 */
public final class Nodes {
  private Nodes() {}

  public static Future<Vertx> vertx(AtelierConfig config) {
    VertxOptions options = new VertxOptions().setPreferNativeTransport(false)
        .setMetricsOptions(Metrics.options());
    Metrics metrics = Metrics.create(config.nodeName());
    if (!config.clusterEnabled()) {
      Vertx vertx = metrics.install(Vertx.builder().with(options)).build();
      metrics.bind(vertx);
      return Future.succeededFuture(vertx);
    }
    AtelierConfig.Cluster c = config.cluster();
    EventBusOptions bus = new EventBusOptions().setHost(c.host()).setPort(c.busPort())
        .setClusterNodeMetadata(new JsonObject().put("name", config.nodeName()));
    if (!c.publicHost().isEmpty()) bus.setClusterPublicHost(c.publicHost());
    options.setEventBusOptions(bus);
    AtelierClusterManager manager;
    try {
      manager = new AtelierClusterManager(HazelcastSetup.load(config));
    } catch (RuntimeException e) {
      return Future.failedFuture(new ConfigException("Configuration key 'cluster.config': " + e.getMessage()));
    }
    return metrics.install(Vertx.builder().with(options)).withClusterManager(manager).buildClustered().onSuccess(metrics::bind);
  }
}
