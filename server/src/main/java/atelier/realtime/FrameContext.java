package atelier.realtime;

import atelier.auth.Caller;
import java.util.Locale;

/** What a feature's frame handler may know about the connection a frame came from. */
public interface FrameContext {
  Caller caller();

  Locale locale();

  /** Unique per connection on the cluster; lets a feature tell a person's tabs apart. */
  String connectionId();
}
