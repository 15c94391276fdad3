package atelier.metrics;

import atelier.events.EventLog;
import atelier.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures what a node cannot count by itself: the store's latency (a ping every few seconds), the
 * event bus's round trip (a request to {@value #PING}, answered by some node of the cluster, in
 * turn), and how long a committed event takes to reach this node (its {@code at} to its arrival on
 * {@link EventLog#ADDRESS}, whichever node committed it).
 */
public final class Probes {
  public static final String PING = "atelier.cluster.ping";
  static final long PERIOD_MS = 5_000;

  private final Vertx vertx;
  private final List<MessageConsumer<?>> consumers;
  private final long timer;
  private final AtomicBoolean storeDown = new AtomicBoolean();

  private Probes(Vertx vertx, Metrics metrics, Store store, String nodeName) {
    this.vertx = vertx;
    Timer storeLatency = metrics.latency("atelier_store_latency_seconds", "Round trip of a ping to the store (MongoDB).");
    Counter storeErrors = metrics.counter("atelier_store_errors_total", "Store pings that failed or timed out.");
    Timer busLatency = metrics.latency("atelier_eventbus_roundtrip_seconds", "Round trip of an event-bus request to a node of the cluster.");
    Counter busErrors = metrics.counter("atelier_eventbus_errors_total", "Event-bus probe requests that failed or timed out.");
    Timer delivery = metrics.latency("atelier_event_delivery_seconds", "From an event's commit time to its arrival on this node.");
    Counter received = metrics.counter("atelier_events_received_total", "Events received by this node from the event log (any node's commits).");
    metrics.gauge("atelier_store_up", "1 while the store answered the last ping.",
        () -> storeDown.get() ? 0 : 1);
    MessageConsumer<JsonObject> ping = vertx.eventBus().consumer(PING, m -> m.reply(new JsonObject().put("node", nodeName)));
    MessageConsumer<JsonObject> events = vertx.eventBus().consumer(EventLog.ADDRESS, m -> {
      received.increment();
      String at = m.body().getString("at");
      if (at != null) {
        try {
          delivery.record(Math.max(0, System.currentTimeMillis() - Instant.parse(at).toEpochMilli()), TimeUnit.MILLISECONDS);
        } catch (RuntimeException ignored) {
          // not an event frame
        }
      }
    });
    consumers = List.of(ping, events);
    timer = vertx.setPeriodic(PERIOD_MS, id -> {
      long t0 = System.nanoTime();
      store.ping().timeout(PERIOD_MS, TimeUnit.MILLISECONDS).onComplete(ar -> {
        storeDown.set(ar.failed());
        if (ar.succeeded()) storeLatency.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        else storeErrors.increment();
      });
      long t1 = System.nanoTime();
      vertx.eventBus().request(PING, new JsonObject(), new DeliveryOptions().setSendTimeout(PERIOD_MS)).onComplete(ar -> {
        if (ar.succeeded()) busLatency.record(System.nanoTime() - t1, TimeUnit.NANOSECONDS);
        else busErrors.increment();
      });
    });
  }

  public static Probes start(Vertx vertx, Metrics metrics, Store store, String nodeName) {
    return new Probes(vertx, metrics, store, nodeName);
  }

  public void stop() {
    vertx.cancelTimer(timer);
    consumers.forEach(MessageConsumer::unregister);
  }
}
