package atelier.realtime;

import atelier.auth.Caller;
import atelier.auth.EndedSessions;
import atelier.platform.Platform;
import atelier.platform.Signal;
import atelier.platform.Signals;
import atelier.platform.StreamSource;
import atelier.platform.StreamType;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's side of live delivery: listens on the event bus (the entries of every registered
 * stream, frames addressed to people, signals to the followers of a key, ended sessions) and hands
 * each to the sockets of this node concerned. It only uses event bus publish, so every node of a
 * cluster receives everything it needs. It knows no feature: streams and signals come from the
 * {@link Platform}.
 */
final class LiveHub {
  private final Vertx vertx;
  private final Platform platform;
  /**
   * The follows of each topic, grouped by the event loop of their socket: an entry is handed to each
   * group in one task, with no per-follower work on the way (the grouping is done once, when a
   * socket follows, not for every entry).
   */
  private final Map<String, Map<Context, Set<Follow>>> byTopic = new ConcurrentHashMap<>();
  private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
  /** Sockets per person on this node, counted from the upgrade's admission (before the socket exists). */
  private final Map<String, Integer> admitted = new ConcurrentHashMap<>();

  private final GatewayMeters meters;
  /** The caller of each session with sockets on this node, shared by those sockets (tabs of one sign-in). */
  private final Map<String, SharedCaller> callers = new ConcurrentHashMap<>();

  /** {@code expiry}: the timer that ends the session's sockets when it expires (one per session, not per socket). */
  private record SharedCaller(Caller caller, int sockets, long expiry) {}

  LiveHub(Vertx vertx, Platform platform, GatewayMeters meters) {
    this.vertx = vertx;
    this.platform = platform;
    this.meters = meters;
  }

  /** Registers the consumers on the current (gateway verticle) context. */
  void start() {
    for (StreamType type : platform.streamTypes()) {
      vertx.eventBus().<JsonObject>consumer(type.source().address(type.name()), m -> onEntry(type, m.body()));
    }
    vertx.eventBus().<JsonObject>consumer(Signals.PERSON_ADDRESS, m -> onPersonFrame(m.body()));
    vertx.eventBus().<JsonObject>consumer(Signals.FOLLOWERS_ADDRESS, m -> onSignal(Signal.fromBus(m.body())));
    vertx.eventBus().<JsonObject>consumer(EndedSessions.ADDRESS, m -> onSessionsEnded(EndedSessions.fromJson(m.body())));
  }

  /** Counts one more socket of the person unless they already hold {@code max} on this node. */
  boolean admit(String user, int max) {
    boolean[] ok = {false};
    admitted.compute(user, (k, n) -> {
      int count = n == null ? 0 : n;
      ok[0] = count < max;
      return ok[0] ? count + 1 : n;
    });
    return ok[0];
  }

  void release(String user) {
    admitted.computeIfPresent(user, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** Closes every socket of the node (1001), each once the frames it sent are answered. */
  Future<Void> closeAll() {
    List<Future<Void>> closing = new ArrayList<>();
    for (Set<Connection> conns : byUser.values()) {
      for (Connection c : conns) {
        Promise<Void> closed = Promise.promise();
        on(c.context(), () -> c.closeForShutdown().onComplete(closed));
        closing.add(closed.future());
      }
    }
    return Future.join(closing).mapEmpty();
  }

  /** Sessions ended (on this node: called before the change is answered; from others: over the bus). */
  void onSessionsEnded(EndedSessions ended) {
    Set<Connection> conns = byUser.get(ended.user() == null ? "" : ended.user());
    if (conns == null) return;
    for (Connection c : conns) {
      if (ended.covers(c.caller().session().id())) {
        c.stopReading(); // at once, from any thread: no frame read after this is handled
        on(c.context(), c::sessionEnded);
      }
    }
  }
  void add(Follow f) {
    boolean[] added = {false};
    byTopic.compute(f.topic(), (k, groups) -> {
      Map<Context, Set<Follow>> g = groups == null ? new ConcurrentHashMap<>(4) : groups;
      added[0] = g.computeIfAbsent(f.conn.context(), c -> ConcurrentHashMap.newKeySet()).add(f);
      return g;
    });
    if (added[0]) meters.follows.incrementAndGet();
  }

  void remove(Follow f) {
    boolean[] removed = {false};
    byTopic.computeIfPresent(f.topic(), (k, groups) -> {
      groups.computeIfPresent(f.conn.context(), (c, set) -> {
        removed[0] = set.remove(f);
        return set.isEmpty() ? null : set;
      });
      return groups.isEmpty() ? null : groups;
    });
    if (removed[0]) meters.follows.decrementAndGet();
  }

  void connected(Connection c) {
    byUser.computeIfAbsent(c.caller().id(), k -> ConcurrentHashMap.newKeySet()).add(c);
    meters.connections.incrementAndGet();
    meters.opened.increment();
  }

  /**
   * The caller a new socket keeps: the one its session's other sockets already hold when it is the
   * same (a socket holds its caller for its whole life; ten tabs need not hold ten copies).
   */
  Caller share(Caller fresh) {
    return callers.compute(fresh.session().id(), (k, held) -> held == null ? new SharedCaller(fresh, 1, expireLater(fresh))
        : new SharedCaller(held.caller().equals(fresh) ? held.caller() : fresh, held.sockets() + 1, held.expiry())).caller();
  }

  /**
   * Ends the session's sockets on this node when it expires (a session's end is fixed when it is
   * made). Timers are capped far below Long.MAX_VALUE ms.
   */
  private long expireLater(Caller caller) {
    long ms = Duration.between(Instant.now(), caller.session().expiresAt()).toMillis();
    EndedSessions ended = EndedSessions.one(caller.id(), caller.session().id());
    return vertx.setTimer(Math.max(1, Math.min(ms, Integer.MAX_VALUE)), id -> onSessionsEnded(ended));
  }

  /** Returns whether the person still has another connection on this node. */
  boolean disconnected(Connection c) {
    callers.computeIfPresent(c.caller().session().id(), (k, held) -> {
      if (held.sockets() > 1) return new SharedCaller(held.caller(), held.sockets() - 1, held.expiry());
      vertx.cancelTimer(held.expiry());
      return null;
    });
    release(c.caller().id());
    boolean[] removed = {false};
    Set<Connection> left = byUser.computeIfPresent(c.caller().id(), (k, set) -> {
      removed[0] = set.remove(c);
      return set.isEmpty() ? null : set;
    });
    if (removed[0]) meters.connections.decrementAndGet();
    return left != null;
  }

  /** The presence of a topic changed: its followers on this node are told. */
  void presence(String topic, List<String> online) {
    int cut = topic.indexOf('\n');
    String stream = topic.substring(0, cut);
    String key = topic.substring(cut + 1);
    platform.stream(stream).filter(t -> t.presence() != null)
        .ifPresent(t -> onSignal(Signal.toFollowers(stream, key, t.presence().apply(key, online))));
  }

  private void onEntry(StreamType type, JsonObject message) {
    StreamSource.Keyed keyed = type.source().live(message);
    if (keyed == null) return;
    Outbound out = new Outbound(keyed.entry());
    String subject = keyed.entry().subject();
    if (subject != null) recheckOthers(type, keyed.key(), subject);
    Map<Context, Set<Follow>> groups = byTopic.get(Follow.topic(type.name(), keyed.key()));
    if (groups == null) return;
    // One task per event loop rather than one per follower: a space of a hundred members on two
    // event loops costs two hops, not a hundred. A follow added meanwhile may see the entry too: it
    // skips what it already has by position.
    groups.forEach((ctx, group) -> on(ctx, () -> {
      for (Follow f : group) f.offer(out);
    }));
  }

  /**
   * An entry may change the access of {@code subject}: their connections that do not follow this key
   * (those that do check when the entry reaches them) check again what they follow in its scope.
   */
  private void recheckOthers(StreamType type, String key, String subject) {
    Set<Connection> conns = byUser.get(subject);
    if (conns == null) return;
    String scope = type.source().scope(key);
    for (Connection c : conns) {
      on(c.context(), () -> {
        if (!c.follows(type.name(), key)) c.recheckScope(scope, null);
      });
    }
  }

  private void onPersonFrame(JsonObject m) {
    Set<Connection> conns = byUser.get(m.getString("user", ""));
    if (conns == null) return;
    byte[] bytes = Outbound.encode(m.getJsonObject("frame"));
    for (Connection c : conns) on(c.context(), () -> c.sendEncoded(bytes));
  }

  private void onSignal(Signal signal) {
    Map<Context, Set<Follow>> groups = byTopic.get(Follow.topic(signal.stream(), signal.key()));
    if (groups == null) return;
    byte[] bytes = Outbound.encode(signal.frame());
    groups.forEach((ctx, group) -> on(ctx, () -> {
      for (Follow f : group) {
        if (f.conn.wants(signal)) f.conn.sendEncoded(bytes);
      }
    }));
  }

  private static void on(Context ctx, Runnable r) {
    if (Vertx.currentContext() == ctx) r.run();
    else ctx.runOnContext(v -> r.run());
  }
}
