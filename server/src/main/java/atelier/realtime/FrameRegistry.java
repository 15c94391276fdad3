package atelier.realtime;

import io.vertx.core.Future;
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

  /** A frame type: its handler, its budget and the fields it may carry besides {@code type} and {@code ref}. */
  public record Entry(FrameHandler handler, Budget budget, Set<String> fields) {}

  static final Set<String> RESERVED = Set.of("subscribe", "unsubscribe", "ping", "typing");
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** Registers a frame type; a frame with a field outside {@code fields} is refused (as REST refuses unknown fields). */
  public FrameRegistry register(String type, Budget budget, Set<String> fields, FrameHandler handler) {
    if (RESERVED.contains(type)) throw new IllegalArgumentException("Frame type " + type + " belongs to the gateway");
    if (entries.putIfAbsent(type, new Entry(handler, budget, Set.copyOf(fields))) != null) {
      throw new IllegalStateException("Frame type " + type + " is already registered");
    }
    return this;
  }

  /** Which (space, channel) pairs a {@code typing} frame may name; a feature with channels sets it. */
  public interface TypingPlaces {
    Future<Boolean> exists(String space, String channel);
  }

  private volatile TypingPlaces typingPlaces = (space, channel) -> Future.succeededFuture(true);

  public FrameRegistry typingPlaces(TypingPlaces places) {
    this.typingPlaces = places;
    return this;
  }

  TypingPlaces typingPlaces() {
    return typingPlaces;
  }

  public Optional<Entry> find(String type) {
    return Optional.ofNullable(entries.get(type));
  }

  public Set<String> types() {
    return Set.copyOf(entries.keySet());
  }
}
