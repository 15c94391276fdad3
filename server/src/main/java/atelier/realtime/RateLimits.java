package atelier.realtime;

import atelier.app.AtelierConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-person rate limits shared by every way in (WebSocket frames and REST calls), so sending
 * through REST is no way around the limit of the socket. A person's tabs together get twice the
 * rate of one connection. Counted per node.
 */
public final class RateLimits {
  public static final String MESSAGE = "message";
  public static final String SUBSCRIBE = "subscribe";

  private final AtelierConfig.Limits limits;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimits(AtelierConfig.Limits limits) {
    this.limits = limits;
  }

  /** Takes one token for this person and kind; false when they are over their rate. */
  public boolean allow(String user, String kind) {
    int rate = kind.equals(MESSAGE) ? limits.messagesPerSecond() : limits.subscribesPerSecond();
    return buckets.computeIfAbsent(kind + ":" + user, k -> new TokenBucket(rate * 2.0, rate * 2.0)).tryTake();
  }

  /** Forgets buckets that have refilled (they behave like new ones), so the map stays bounded. */
  public void forgetIdle() {
    buckets.values().removeIf(TokenBucket::full);
  }
}
