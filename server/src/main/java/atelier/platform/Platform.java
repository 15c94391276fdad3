package atelier.platform;

import atelier.cluster.SharedWindows;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The realtime platform of a node as features see it (docs/architecture.md, "How to add a
 * feature"). Features register here what they add to the WebSocket; the gateway reads it and knows
 * no feature. Services reach sockets only through {@link #signals()} and {@link #streams()}.
 */
public final class Platform {
  /** The gateway's own frame type. */
  public static final String PING = "ping";

  private final Map<String, Object> types = new ConcurrentHashMap<>();
  private final Map<String, StreamType> streamsByName = new ConcurrentHashMap<>();
  private final EventKinds eventKinds = new EventKinds();
  private final Budgets budgets;
  private final Signals signals;
  private final Streams streams;

  public Platform(Vertx vertx) {
    this.budgets = new Budgets(vertx.isClustered() ? SharedWindows.of(vertx) : null);
    this.signals = new Signals(vertx);
    this.streams = new Streams(vertx);
    eventKinds.declare(false, "gap");
  }

  /** A request frame type, answered by its handler (see {@link FrameType}). */
  public Platform frame(String type, String budget, Set<String> fields, FrameHandler handler) {
    return claim(type, new FrameType(type, budget, fields, handler));
  }

  public Platform signal(SignalType signal) {
    return claim(signal.type(), signal);
  }

  /** A stream: its follow and leave frame types become the platform's. */
  public Platform stream(StreamType stream) {
    if (streamsByName.putIfAbsent(stream.name(), stream) != null) {
      throw new IllegalStateException("Stream " + stream.name() + " is already registered");
    }
    claim(stream.followType(), stream);
    return claim(stream.leaveType(), stream);
  }

  /** A rate budget of {@code perSecond} per connection (twice that per person, across tabs and REST). */
  public Platform budget(String name, int perSecond) {
    budgets.define(name, perSecond);
    return this;
  }

  /** Declares space event kinds (exact, or {@code prefix.*}) and whether they change access. */
  public Platform eventKinds(boolean changesAccess, String... kinds) {
    eventKinds.declare(changesAccess, kinds);
    return this;
  }

  private Platform claim(String type, Object what) {
    if (type.equals(PING)) throw new IllegalArgumentException("Frame type " + type + " belongs to the gateway");
    if (types.putIfAbsent(type, what) != null) throw new IllegalStateException("Frame type " + type + " is already registered");
    return this;
  }

  // ---- for services ----

  public Signals signals() {
    return signals;
  }

  public Streams streams() {
    return streams;
  }

  public Budgets budgets() {
    return budgets;
  }

  public EventKinds eventKinds() {
    return eventKinds;
  }

  // ---- for the gateway ----

  /** What handles a client frame type: a {@link FrameType}, a {@link SignalType} or a {@link StreamType}. */
  public Optional<Object> handlerOf(String type) {
    return Optional.ofNullable(types.get(type));
  }

  public Optional<StreamType> stream(String name) {
    return Optional.ofNullable(streamsByName.get(name));
  }

  public java.util.Collection<StreamType> streamTypes() {
    return streamsByName.values();
  }
}
