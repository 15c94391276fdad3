package atelier.cluster;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corrects presence within seconds when a node dies, without touching the gateway's code.
 *
 * <p>The gateway's presence ({@code atelier.realtime.Presence}) identifies each node by an id of its
 * own (not the cluster node id) and forgets a silent node only after its expiry (tens of seconds).
 * This shim learns, on each node, the presence id this node publishes under (an outbound interceptor
 * on {@value #ADDRESS}) and records it in the cluster map {@value #MAP} under the node's cluster id.
 * When {@link Membership} says a node left, every survivor publishes, in that node's name, the
 * presence message "this node holds nobody online" ({@code {"op":"full","node":…,"spaces":{}}}),
 * which every node's presence applies at once. Idempotent, so several survivors doing it is harmless.
 *
 * <p>Once {@code Presence} keys its nodes by {@code Membership.of(vertx).nodeId()} and drops a node on
 * {@code Membership.of(vertx).onLeft(...)}, this class can be deleted.
 */
public final class PresenceJanitor {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceJanitor.class);
  static final String ADDRESS = "atelier.presence";
  static final String MAP = "atelier.presence.nodes";

  private final Vertx vertx;
  private final AtomicReference<String> ownPresenceId = new AtomicReference<>();
  private final Handler<DeliveryContext<Object>> interceptor;

  public PresenceJanitor(Vertx vertx, Membership membership) {
    this.vertx = vertx;
    this.interceptor = ctx -> {
      try {
        if (ADDRESS.equals(ctx.message().address()) && ctx.body() instanceof JsonObject body) {
          String id = body.getString("node");
          if (id != null && !id.equals(ownPresenceId.get())) {
            ownPresenceId.set(id);
            vertx.sharedData().<String, String>getAsyncMap(MAP).compose(m -> m.put(membership.nodeId(), id))
                .onFailure(e -> LOG.warn("Cannot record this node's presence id: {}", e.toString()));
          }
        }
      } finally {
        ctx.next();
      }
    };
    vertx.eventBus().addOutboundInterceptor(interceptor);
    membership.onLeft(this::nodeLeft);
  }

  private void nodeLeft(String nodeId) {
    vertx.sharedData().<String, String>getAsyncMap(MAP).compose(m -> m.get(nodeId).compose(presenceId -> {
      if (presenceId == null) return io.vertx.core.Future.succeededFuture();
      LOG.info("Node {} left: clearing its presence ({})", nodeId, presenceId);
      vertx.eventBus().publish(ADDRESS, new JsonObject().put("op", "full").put("node", presenceId).put("spaces", new JsonObject()));
      return m.remove(nodeId);
    })).onFailure(e -> LOG.warn("Cannot clear the presence of node {}: {}", nodeId, e.toString()));
  }

  public void stop() {
    vertx.eventBus().removeOutboundInterceptor(interceptor);
  }
}
