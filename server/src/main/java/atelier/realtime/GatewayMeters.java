package atelier.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway reports (Micrometer; {@code /metrics} shows them with the node's tag): sockets
 * and follows open now, and counts of sockets opened, frames received and sent, and slow readers
 * closed. Counted where they happen, so they are true of the node whatever calls it.
 */
final class GatewayMeters {
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger follows = new AtomicInteger();
  final Counter opened;
  final Counter received;
  final Counter sent;
  final Counter slow;

  GatewayMeters(MeterRegistry registry) {
    Gauge.builder("atelier_gateway_connections", connections, AtomicInteger::get)
        .description("Authenticated WebSocket connections open on this node").register(registry);
    Gauge.builder("atelier_gateway_follows", follows, AtomicInteger::get)
        .description("Stream keys followed by this node's sockets (space subscriptions, joined documents…)").register(registry);
    opened = Counter.builder("atelier_gateway_connections_opened").description("Authenticated WebSocket connections opened on this node")
        .register(registry);
    received = Counter.builder("atelier_gateway_frames_received").description("Frames received from clients").register(registry);
    sent = Counter.builder("atelier_gateway_frames_sent").description("Frames sent to clients").register(registry);
    slow = Counter.builder("atelier_gateway_slow_consumers").description("Sockets closed because they did not read their frames")
        .register(registry);
  }
}
