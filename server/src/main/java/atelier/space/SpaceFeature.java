package atelier.space;

import atelier.platform.Feature;
import atelier.platform.Platform;
import atelier.platform.StreamType;
import java.util.Set;

/**
 * Spaces on the platform: the space log as the stream of {@code subscribe}/{@code unsubscribe} (with
 * the space's presence), and the event kinds of membership and lifecycle, which change access.
 */
public final class SpaceFeature implements Feature {
  private final SpaceLogStream log;

  public SpaceFeature(SpaceLogStream log) {
    this.log = log;
  }

  @Override
  public void register(Platform platform) {
    platform.eventKinds(true, "member.*", "space.*");
    platform.stream(new StreamType(SpaceLogStream.NAME, "subscribe", "unsubscribe", Set.of("space"), log)
        .withPresence(StreamType.presenceFrame("space")));
  }
}
