package atelier.realtime;

import atelier.auth.EndedSessions;
import atelier.events.EventLog;
import atelier.space.SpaceCache;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's side of live delivery: listens on the event bus (events of every space, frames
 * addressed to people, ephemeral signals such as typing) and hands each to the subscribed sockets of
 * this node. It only uses event bus publish, so every node of a cluster receives everything it needs.
 * A {@code member.left} event for a connected person also ends that person's subscription.
 */
final class LiveHub {
  static final String EPHEMERAL = "atelier.ephemeral";

  private final Vertx vertx;
  private final SpaceCache spaceCache;
  private final Map<String, Set<Subscription>> bySpace = new ConcurrentHashMap<>();
  private final Map<String, Set<Connection>> byUser = new ConcurrentHashMap<>();
  /** Sockets per person on this node, counted from the upgrade's admission (before the socket exists). */
  private final Map<String, Integer> admitted = new ConcurrentHashMap<>();

  LiveHub(Vertx vertx, SpaceCache spaceCache) {
    this.vertx = vertx;
    this.spaceCache = spaceCache;
  }

  /** Registers the consumers on the current (gateway verticle) context. */
  void start() {
    vertx.eventBus().<JsonObject>consumer(EventLog.ADDRESS, m -> onEvent(m.body()));
    vertx.eventBus().<JsonObject>consumer(UserFrames.ADDRESS, m -> onUserFrame(m.body()));
    vertx.eventBus().<JsonObject>consumer(EPHEMERAL, m -> onEphemeral(m.body()));
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

  private void onSessionsEnded(EndedSessions ended) {
    Set<Connection> conns = byUser.get(ended.user() == null ? "" : ended.user());
    if (conns == null) return;
    for (Connection c : conns) {
      if (ended.covers(c.caller().session().id())) on(c.context(), c::sessionEnded);
    }
  }
  void add(Subscription s) {
    bySpace.computeIfAbsent(s.space, k -> ConcurrentHashMap.newKeySet()).add(s);
  }

  void remove(Subscription s) {
    bySpace.computeIfPresent(s.space, (k, set) -> {
      set.remove(s);
      return set.isEmpty() ? null : set;
    });
  }

  void connected(Connection c) {
    byUser.computeIfAbsent(c.caller().id(), k -> ConcurrentHashMap.newKeySet()).add(c);
  }

  /** Returns whether the person still has another connection on this node. */
  boolean disconnected(Connection c) {
    release(c.caller().id());
    Set<Connection> left = byUser.computeIfPresent(c.caller().id(), (k, set) -> {
      set.remove(c);
      return set.isEmpty() ? null : set;
    });
    return left != null;
  }

  /** Sends a frame to every socket of this node subscribed to the space. */
  void toSpace(String space, JsonObject frame, String exceptUser) {
    Set<Subscription> subs = bySpace.get(space);
    if (subs == null) return;
    String text = frame.encode();
    for (Subscription s : subs) {
      if (exceptUser != null && exceptUser.equals(s.conn.caller().id())) continue;
      on(s.conn.context(), () -> s.conn.send(text));
    }
  }

  void presence(String space, List<String> online) {
    toSpace(space, new JsonObject().put("type", "presence").put("space", space).put("online", online), null);
  }

  private void onEvent(JsonObject frame) {
    String space = frame.getString("space");
    // Events committed by other nodes reach this node's cache here (its own, when committed).
    spaceCache.onEvent(space, frame.getString("kind"));
    Set<Subscription> subs = space == null ? null : bySpace.get(space);
    if (subs == null) return;
    long seq = frame.getLong("seq");
    String text = frame.encode();
    String kind = frame.getString("kind", "");
    JsonObject data = frame.getJsonObject("data", new JsonObject());
    String subject = data.getString("user");
    // One task per event loop rather than one per subscriber: a space of a hundred members on two
    // event loops costs two hops, not a hundred.
    Map<Context, List<Subscription>> byContext = new HashMap<>(4);
    for (Subscription s : subs) byContext.computeIfAbsent(s.conn.context(), c -> new ArrayList<>()).add(s);
    byContext.forEach((ctx, group) -> on(ctx, () -> {
      for (Subscription s : group) deliver(s, seq, text, kind, data, subject);
    }));
  }

  private static void deliver(Subscription s, long seq, String text, String kind, JsonObject data, String subject) {
    s.offer(seq, text);
    if (subject != null && subject.equals(s.conn.caller().id())) {
      if (kind.equals("member.left") && !s.conn.caller().admin()) s.endAfter(seq);
      else if (kind.equals("member.role") || kind.equals("member.joined")) s.role = atelier.space.Role.of(data.getString("role", "observer"));
    }
  }

  private void onUserFrame(JsonObject m) {
    Set<Connection> conns = byUser.get(m.getString("user", ""));
    if (conns == null) return;
    String text = m.getJsonObject("frame").encode();
    for (Connection c : conns) on(c.context(), () -> c.send(text));
  }

  private void onEphemeral(JsonObject m) {
    toSpace(m.getString("space"), m.getJsonObject("frame"), m.getString("except"));
  }

  private static void on(Context ctx, Runnable r) {
    if (Vertx.currentContext() == ctx) r.run();
    else ctx.runOnContext(v -> r.run());
  }
}
