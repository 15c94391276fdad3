package atelier.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The metrics of one node, exposed by {@code GET /metrics} in the Prometheus text format, every
 * series labelled with the node's name. One per Vert.x instance: {@code Metrics.of(vertx)}.
 *
 * <p>When the node's Vert.x was built by {@code Nodes} this object is also its Vert.x metrics SPI, so
 * HTTP requests, WebSocket connections (upgrades) and event-bus traffic are counted by Vert.x itself.
 * Features add their own through the small API:
 *
 * <pre>{@code
 * Metrics m = Metrics.of(vertx);
 * m.connectionOpened();  m.connectionClosed();            // gateway: authenticated sockets
 * m.counter("atelier_messages_sent_total", "Messages accepted").increment();
 * m.latency("atelier_replay_seconds", "Replay time").recordNanos(t);
 * m.gauge("atelier_subscriptions", "Open subscriptions", () -> hub.size());
 * }</pre>
 */
public final class Metrics implements VertxMetrics {
  private static final Map<Vertx, Metrics> BY_VERTX = new WeakHashMap<>();

  private volatile String node;
  private final Map<String, Family> families = new ConcurrentHashMap<>();
  private final AtomicLong wsOpen = new AtomicLong();
  private final LongAdder wsTotal = new LongAdder();
  private final AtomicLong gatewayOpen = new AtomicLong();
  private final LongAdder gatewayTotal = new LongAdder();
  private final LongAdder httpRequests = new LongAdder();
  private final Map<String, LongAdder> busSent = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> busReceived = new ConcurrentHashMap<>();

  private record Family(String name, String help, String type, Object metric) {}

  public Metrics(String node) {
    this.node = node;
    gauge("atelier_ws_connections", "Open WebSocket connections on this node (upgrades accepted).", wsOpen::get);
    counterFamily("atelier_ws_connections_opened_total", "WebSocket connections accepted by this node.", wsTotal);
    gauge("atelier_gateway_connections", "Authenticated gateway connections on this node (as reported by the gateway).", gatewayOpen::get);
    counterFamily("atelier_gateway_connections_opened_total", "Authenticated gateway connections opened on this node.", gatewayTotal);
    counterFamily("atelier_http_requests_total", "HTTP requests received by this node.", httpRequests);
  }

  /** The metrics of a Vert.x instance: those it was built with, else a standalone set. */
  public static Metrics of(Vertx vertx) {
    synchronized (BY_VERTX) {
      return BY_VERTX.computeIfAbsent(vertx, v -> new Metrics("node"));
    }
  }

  public String node() {
    return node;
  }

  /** Names a standalone set (a Vert.x not built by {@code Nodes}, as in tests) after its node. */
  public Metrics named(String nodeName) {
    if ("node".equals(node)) node = nodeName;
    return this;
  }

  // ---- the API for features ----

  public void connectionOpened() {
    gatewayOpen.incrementAndGet();
    gatewayTotal.increment();
  }

  public void connectionClosed() {
    gatewayOpen.decrementAndGet();
  }

  public LongAdder counter(String name, String help) {
    return (LongAdder) families.computeIfAbsent(name, n -> new Family(n, help, "counter", new LongAdder())).metric();
  }

  public Latency latency(String name, String help) {
    return (Latency) families.computeIfAbsent(name, n -> new Family(n, help, "histogram", new Latency())).metric();
  }

  public void gauge(String name, String help, Supplier<? extends Number> value) {
    families.put(name, new Family(name, help, "gauge", value));
  }

  private void counterFamily(String name, String help, LongAdder adder) {
    families.put(name, new Family(name, help, "counter", adder));
  }

  /** Number of event-bus messages sent/published by this node to an address (Atelier's own addresses). */
  public long busSent(String address) {
    LongAdder a = busSent.get(address);
    return a == null ? 0 : a.sum();
  }

  public long busReceived(String address) {
    LongAdder a = busReceived.get(address);
    return a == null ? 0 : a.sum();
  }

  /** The Prometheus text exposition (format 0.0.4). */
  public String scrape() {
    StringBuilder out = new StringBuilder(4096);
    String labels = "node=\"" + escape(node) + "\"";
    Map<String, Family> sorted = new java.util.TreeMap<>(families);
    for (Family f : sorted.values()) {
      out.append("# HELP ").append(f.name()).append(' ').append(f.help()).append('\n');
      out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
      if (f.metric() instanceof Latency l) {
        l.write(out, f.name(), labels);
      } else {
        Object v = f.metric() instanceof LongAdder a ? (Object) a.sum() : ((Supplier<?>) f.metric()).get();
        out.append(f.name()).append('{').append(labels).append("} ").append(number(v)).append('\n');
      }
    }
    writeBus(out, "atelier_eventbus_sent_total", "Event-bus messages sent or published by this node, by address.", busSent, labels);
    writeBus(out, "atelier_eventbus_received_total", "Event-bus messages received by this node (from any node), by address.", busReceived, labels);
    return out.toString();
  }

  private static void writeBus(StringBuilder out, String name, String help, Map<String, LongAdder> counts, String labels) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    Map<String, LongAdder> sorted = new LinkedHashMap<>();
    counts.keySet().stream().sorted().forEach(k -> sorted.put(k, counts.get(k)));
    sorted.forEach((address, n) -> out.append(name).append('{').append(labels).append(",address=\"").append(escape(address))
        .append("\"} ").append(n.sum()).append('\n'));
  }

  private static String number(Object v) {
    if (v instanceof Double d) return d.isNaN() ? "NaN" : Double.toString(d);
    if (v instanceof Float fl) return Float.toString(fl);
    return String.valueOf(v);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Keeps the label set small: Atelier's own addresses by name, Vert.x's reply addresses as one. */
  private static String bucket(String address) {
    return address != null && address.startsWith("atelier.") ? address : "other";
  }

  // ---- the Vert.x metrics SPI ----

  @Override
  public void vertxCreated(Vertx vertx) {
    synchronized (BY_VERTX) {
      BY_VERTX.put(vertx, this);
    }
  }

  @Override
  public boolean isMetricsEnabled() {
    return true;
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
    return new HttpServerMetrics<Object, Object, Object>() {
      @Override
      public Object requestBegin(Object socketMetric, HttpRequest request) {
        httpRequests.increment();
        return Boolean.TRUE;
      }

      @Override
      public Object connected(Object socketMetric, Object requestMetric, ServerWebSocket ws) {
        wsOpen.incrementAndGet();
        wsTotal.increment();
        return Boolean.TRUE;
      }

      @Override
      public void disconnected(Object wsMetric) {
        if (wsMetric != null) wsOpen.decrementAndGet();
      }
    };
  }

  @Override
  public EventBusMetrics<?> createEventBusMetrics() {
    return new EventBusMetrics<Object>() {
      @Override
      public void messageSent(String address, boolean publish, boolean local, boolean remote) {
        busSent.computeIfAbsent(bucket(address), k -> new LongAdder()).increment();
      }

      @Override
      public void messageReceived(String address, boolean publish, boolean local, int handlers) {
        busReceived.computeIfAbsent(bucket(address), k -> new LongAdder()).increment();
      }
    };
  }
}
