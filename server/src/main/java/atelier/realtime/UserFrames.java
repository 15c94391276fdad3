package atelier.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Frames addressed to one person rather than a space (e.g. {@code read.changed} to sync their
 * devices). Published on the clustered event bus: every node's gateway forwards the frame to that
 * person's connections on the node. Never stored.
 */
public final class UserFrames {
  public static final String ADDRESS = "atelier.user";
  private final Vertx vertx;

  public UserFrames(Vertx vertx) {
    this.vertx = vertx;
  }

  public void send(String user, JsonObject frame) {
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("user", user).put("frame", frame));
  }
}
