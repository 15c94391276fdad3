package atelier.platform;

import atelier.auth.Caller;
import java.util.Locale;

/** What a feature's frame handler may know about the connection a frame came from. */
public interface FrameContext {
  Caller caller();

  Locale locale();

  /** Unique per connection on the cluster; lets a feature tell a person's tabs apart (and address its own socket). */
  String connectionId();

  /** Whether this connection follows {@code key} of the stream {@code stream} (joined the document, subscribed to the space…). */
  boolean follows(String stream, String key);
}
