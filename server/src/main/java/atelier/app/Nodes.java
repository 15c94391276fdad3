package atelier.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** Creates the Vert.x instance of a node: plain, or clustered through Hazelcast when configured. */
public final class Nodes {
  private Nodes() {}

  public static Future<Vertx> vertx(AtelierConfig config) {
    VertxOptions options = new VertxOptions().setPreferNativeTransport(false);
    return Future.succeededFuture(Vertx.vertx(options));
  }
}
