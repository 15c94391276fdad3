package atelier.platform;

import io.vertx.core.Vertx;

/**
 * Publishes a stream's entries to every node's gateway, which delivers them to the sockets following
 * the key, in position order (a missing position is read back with {@link StreamSource#read}).
 * Publish an entry only once it is durable: what a follower is shown is never taken back.
 */
public final class Streams {
  private final Vertx vertx;

  public Streams(Vertx vertx) {
    this.vertx = vertx;
  }

  public static String address(String stream) {
    return "atelier.stream." + stream;
  }

  public void publish(String stream, String key, StreamEntry entry) {
    vertx.eventBus().publish(address(stream), entry.toBus(key));
  }
}
