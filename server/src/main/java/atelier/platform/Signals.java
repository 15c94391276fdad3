package atelier.platform;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Ephemeral frames published on the clustered event bus, never stored: to one person (all their
 * sockets on every node, e.g. {@code read.changed} to sync their devices) or to the followers of a
 * stream key ({@link Signal}). Services use this instead of knowing about sockets; every node's
 * gateway forwards what concerns its own connections.
 */
public final class Signals {
  public static final String PERSON_ADDRESS = "atelier.user";
  public static final String FOLLOWERS_ADDRESS = "atelier.signal";
  private final Vertx vertx;

  public Signals(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Sends {@code frame} to every socket of {@code user}. */
  public void toPerson(String user, JsonObject frame) {
    vertx.eventBus().publish(PERSON_ADDRESS, new JsonObject().put("user", user).put("frame", frame));
  }

  public void publish(Signal signal) {
    vertx.eventBus().publish(FOLLOWERS_ADDRESS, signal.toBus());
  }
}
