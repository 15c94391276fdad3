package atelier.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Who is online in each space, across the cluster, without shared mutable state: each node counts its
 * own subscribed connections per (space, person) and publishes, on the event bus, the set of people
 * it holds online for a space whenever that set changes, plus a full snapshot every
 * {@link #HEARTBEAT_MS} (and when a node says hello). Nodes are known by their cluster node id: when
 * Hazelcast sees a node leave, {@link #nodeLeft} drops what it held at once; a node not heard for
 * {@link #EXPIRY_MS} is forgotten too (a fallback). Online in a key = the union. Keys are topics
 * (stream and key) of the streams that asked for presence.
 *
 * <p>Several tabs are one presence; a person goes offline {@code graceMs} after their last
 * connection to the key drops, so a page reload does not flicker. One per node, shared by the
 * connections of every event loop: its methods are synchronized.
 */
final class Presence {
  static final String ADDRESS = "atelier.presence";
  static final long HEARTBEAT_MS = 10_000;
  static final long EXPIRY_MS = 35_000;

  private final Vertx vertx;
  private final long graceMs;
  private final String node;
  private final BiConsumer<String, List<String>> changed;
  /** space → person → number of this node's connections subscribed. */
  private final Map<String, Map<String, Integer>> counts = new HashMap<>();
  /** space → people this node holds online (includes those within their grace period). */
  private final Map<String, Set<String>> local = new HashMap<>();
  private final Map<String, Long> graceTimers = new HashMap<>();
  private final Map<String, RemoteNode> remote = new HashMap<>();
  private final Map<String, List<String>> lastAnnounced = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  private record RemoteNode(long seenAt, Map<String, Set<String>> spaces) {}

  Presence(Vertx vertx, String nodeId, long graceMs, BiConsumer<String, List<String>> changed) {
    this.vertx = vertx;
    this.node = nodeId;
    this.graceMs = graceMs;
    this.changed = changed;
  }

  void start() {
    consumer = vertx.eventBus().consumer(ADDRESS, m -> onMessage(m.body()));
    vertx.setPeriodic(HEARTBEAT_MS, id -> heartbeat());
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("op", "hello").put("node", node));
  }

  private synchronized void heartbeat() {
    {
      publishFull();
      long now = System.currentTimeMillis();
      Set<String> affected = new HashSet<>();
      remote.entrySet().removeIf(e -> {
        boolean dead = now - e.getValue().seenAt() > EXPIRY_MS;
        if (dead) affected.addAll(e.getValue().spaces().keySet());
        return dead;
      });
      affected.forEach(this::announceIfChanged);
    }
  }

  /** A node left the cluster (Hazelcast saw it go): what it held online is dropped at once. */
  synchronized void nodeLeft(String nodeId) {
    RemoteNode gone = remote.remove(nodeId);
    if (gone != null) gone.spaces().keySet().forEach(this::announceIfChanged);
  }

  synchronized void stop() {
    if (consumer != null) consumer.unregister();
    // Tell the others at once rather than letting them wait for the expiry.
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("op", "full").put("node", node).put("spaces", new JsonObject()));
  }

  /**
   * A connection of {@code user} subscribed to {@code space}. Answers whether the space's presence
   * changed, in which case every subscriber (the new one included) has just been sent it.
   */
  synchronized boolean join(String space, String user) {
    counts.computeIfAbsent(space, k -> new HashMap<>()).merge(user, 1, Integer::sum);
    Long timer = graceTimers.remove(space + "\n" + user);
    if (timer != null) vertx.cancelTimer(timer);
    if (!local.computeIfAbsent(space, k -> new HashSet<>()).add(user)) return false;
    return localChanged(space);
  }

  /** A connection of {@code user} left {@code space} (unsubscribed, removed or closed). */
  synchronized void leave(String space, String user) {
    Map<String, Integer> perUser = counts.get(space);
    if (perUser == null || !perUser.containsKey(user)) return;
    int left = perUser.merge(user, -1, Integer::sum);
    if (left > 0) return;
    perUser.remove(user);
    if (perUser.isEmpty()) counts.remove(space);
    String key = space + "\n" + user;
    if (graceMs <= 0) offline(key, space, user);
    else graceTimers.put(key, vertx.setTimer(graceMs, t -> offline(key, space, user)));
  }

  private synchronized void offline(String key, String space, String user) {
    graceTimers.remove(key);
    Map<String, Integer> now = counts.get(space);
    if (now != null && now.containsKey(user)) return;
    Set<String> s = local.get(space);
    if (s != null && s.remove(user)) {
      if (s.isEmpty()) local.remove(space);
      localChanged(space);
    }
  }

  /** Everyone online in the space on any node, sorted. */
  synchronized List<String> online(String space) {
    Set<String> all = new TreeSet<>(local.getOrDefault(space, Set.of()));
    remote.values().forEach(n -> all.addAll(n.spaces().getOrDefault(space, Set.of())));
    return List.copyOf(all);
  }

  private boolean localChanged(String space) {
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("op", "space").put("node", node).put("space", space)
        .put("users", new JsonArray(List.copyOf(local.getOrDefault(space, Set.of())))));
    return announceIfChanged(space);
  }

  private boolean announceIfChanged(String space) {
    List<String> now = online(space);
    List<String> before = lastAnnounced.get(space);
    if (now.equals(before == null ? List.of() : before)) return false;
    if (now.isEmpty()) lastAnnounced.remove(space);
    else lastAnnounced.put(space, now);
    changed.accept(space, now);
    return true;
  }

  private void publishFull() {
    JsonObject spaces = new JsonObject();
    local.forEach((space, users) -> spaces.put(space, new JsonArray(List.copyOf(users))));
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("op", "full").put("node", node).put("spaces", spaces));
  }

  private synchronized void onMessage(JsonObject m) {
    String from = m.getString("node");
    if (node.equals(from)) return;
    switch (m.getString("op", "")) {
      case "hello" -> publishFull();
      case "space" -> {
        RemoteNode n = remote.getOrDefault(from, new RemoteNode(0, new HashMap<>()));
        Map<String, Set<String>> spaces = new HashMap<>(n.spaces());
        Set<String> users = new HashSet<>();
        m.getJsonArray("users", new JsonArray()).forEach(u -> users.add(String.valueOf(u)));
        String space = m.getString("space");
        if (users.isEmpty()) spaces.remove(space);
        else spaces.put(space, users);
        remote.put(from, new RemoteNode(System.currentTimeMillis(), spaces));
        announceIfChanged(space);
      }
      case "full" -> {
        Map<String, Set<String>> spaces = new HashMap<>();
        JsonObject body = m.getJsonObject("spaces", new JsonObject());
        for (String space : body.fieldNames()) {
          Set<String> users = new HashSet<>();
          body.getJsonArray(space).forEach(u -> users.add(String.valueOf(u)));
          spaces.put(space, users);
        }
        RemoteNode old = remote.put(from, new RemoteNode(System.currentTimeMillis(), spaces));
        Set<String> affected = new HashSet<>(spaces.keySet());
        if (old != null) affected.addAll(old.spaces().keySet());
        affected.forEach(this::announceIfChanged);
      }
      default -> { }
    }
  }
}
