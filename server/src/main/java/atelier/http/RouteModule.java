package atelier.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * Something that adds to a node's HTTP edge without editing it: REST routes (validated against the
 * contract), raw routes (the WebSocket upgrade, streamed uploads), server options, and work to end
 * when the node stops. Features implement it through {@code atelier.platform.Feature}.
 */
public interface RouteModule {
  default void mount(Routes routes) {}

  default void mountRaw(Router router) {}

  /** Server options the module owns (the gateway: WebSocket frame limits, no compression). */
  default void configure(HttpServerOptions options) {}

  /** Called when the node stops, while in-flight HTTP requests still finish. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
