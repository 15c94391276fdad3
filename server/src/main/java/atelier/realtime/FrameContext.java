package atelier.realtime;

import atelier.auth.Caller;
import java.util.Locale;

/** What a feature's frame handler may know about the connection a frame came from. */
public interface FrameContext {
  Caller caller();

  Locale locale();

  /** Unique per connection on the cluster; lets a feature tell a person's tabs apart. */
  String connectionId();

  /**
   * Sends a frame to this connection later (a feature's live frames), after every frame sent to it
   * before; callable from any thread; dropped once the connection is closed.
   */
  void push(io.vertx.core.json.JsonObject frame);

  /** Runs {@code action} once when the connection closes (a feature forgets what it kept for it). */
  void onClose(Runnable action);
}
