package atelier.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The metrics of one node: a Micrometer {@link PrometheusMeterRegistry} that Vert.x itself reports
 * to ({@code vertx-micrometer-metrics}: HTTP requests, WebSocket connections, event-bus traffic by
 * address, pools), every series tagged with the node's name, scraped by {@code GET /metrics}.
 * Features add their own meters through {@link #registry()} or the small helpers here:
 *
 * <pre>{@code
 * Metrics m = Metrics.of(vertx);
 * m.counter("atelier_sessions_purged", "Expired sessions deleted").increment();
 * m.latency("atelier_store_latency", "Round trip of a store ping").record(d);
 * m.gauge("atelier_search_documents", "Documents in the index", index::count);
 * }</pre>
 */
public final class Metrics {
  private static final Map<Vertx, Metrics> BY_VERTX = new WeakHashMap<>();

  private final PrometheusMeterRegistry registry;

  private Metrics(String node) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node", node);
  }

  /**
   * A node's metrics, to build its Vert.x with ({@link #install}); {@code of(vertx)} finds them again.
   */
  public static Metrics create(String node) {
    return new Metrics(node);
  }

  /** Makes Vert.x report to this registry: HTTP server, WebSockets and event bus (by address). */
  public VertxBuilder install(VertxBuilder builder) {
    return builder.withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** The metrics options the node's {@code VertxOptions} need for {@link #install}. */
  public static MetricsOptions options() {
    return new MicrometerMetricsOptions().setEnabled(true)
        .setLabels(EnumSet.of(Label.EB_ADDRESS, Label.EB_SIDE, Label.HTTP_METHOD, Label.HTTP_CODE));
  }

  /** Remembers that {@code vertx} reports to these metrics. */
  public Metrics bind(Vertx vertx) {
    synchronized (BY_VERTX) {
      BY_VERTX.put(vertx, this);
    }
    return this;
  }

  /** The metrics of a Vert.x instance: those it was built with, else a standalone set (a Vert.x not built by {@code Nodes}). */
  public static Metrics of(Vertx vertx) {
    synchronized (BY_VERTX) {
      return BY_VERTX.computeIfAbsent(vertx, v -> new Metrics("node"));
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A counter; Prometheus shows it as {@code name_total}. */
  public Counter counter(String name, String help) {
    return Counter.builder(strip(name, "_total")).description(help).register(registry);
  }

  /** A latency histogram; Prometheus shows it as {@code name_seconds_bucket/_count/_sum}. */
  public Timer latency(String name, String help) {
    return Timer.builder(strip(name, "_seconds")).description(help).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(500_000)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
  }

  public void gauge(String name, String help, Supplier<? extends Number> value) {
    Gauge.builder(name, value).description(help).strongReference(true).register(registry);
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  private static String strip(String name, String suffix) {
    return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
  }
}
