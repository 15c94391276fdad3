package atelier.realtime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frame types features add to the WebSocket. The gateway knows only its own frames (subscribe,
 * unsubscribe, ping, typing) and looks every other type up here, so adding documents or boards never
 * edits the gateway. Each type names the rate budget it draws from.
 */
public final class FrameRegistry {
  /** Which token bucket a frame type draws from ({@code limits.messagesPerSecond} or none). */
  public enum Budget { NONE, MESSAGE }

  public record Entry(FrameHandler handler, Budget budget) {}

  static final Set<String> RESERVED = Set.of("subscribe", "unsubscribe", "ping", "typing");
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public FrameRegistry register(String type, Budget budget, FrameHandler handler) {
    if (RESERVED.contains(type)) throw new IllegalArgumentException("Frame type " + type + " belongs to the gateway");
    if (entries.putIfAbsent(type, new Entry(handler, budget)) != null) {
      throw new IllegalStateException("Frame type " + type + " is already registered");
    }
    return this;
  }

  public Optional<Entry> find(String type) {
    return Optional.ofNullable(entries.get(type));
  }

  public Set<String> types() {
    return Set.copyOf(entries.keySet());
  }
}
