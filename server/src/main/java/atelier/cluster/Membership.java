package atelier.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.NodeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Which nodes make up the cluster, and word when one joins or leaves (a {@code kill -9} included:
 * Hazelcast drops a member that stops answering within seconds, see {@code config/cluster.xml}).
 * One per Vert.x instance: {@code Membership.of(vertx)}. Without clustering the node is alone and no
 * event ever fires, so callers need no special case.
 *
 * <p>Node ids are Vert.x's cluster node ids ({@link #nodeId()}); a feature that shares per-node
 * state (e.g. presence) should key it by this id, so that {@link #onLeft} tells it exactly whose
 * state to drop. Handlers run on the Vert.x context that registered them (an event loop), never on a
 * Hazelcast thread.
 */
public final class Membership {
  private static final Map<Vertx, Membership> BY_VERTX = new WeakHashMap<>();

  private final Vertx vertx;
  private final ClusterManager manager;
  private final String localId;
  private volatile String nodeName;
  /** Names of the nodes seen so far (kept after they leave, for the logs). */
  private final Map<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

  private Membership(Vertx vertx, String nodeName) {
    this.vertx = vertx;
    this.manager = vertx.isClustered() ? ((VertxInternal) vertx).clusterManager() : null;
    this.localId = manager != null ? manager.getNodeId() : "local-" + ProcessHandle.current().pid();
    this.nodeName = nodeName;
    if (manager instanceof AtelierClusterManager acm) {
      acm.addListener(new NodeListener() {
        @Override
        public void nodeAdded(String nodeID) {
          // its node information is published just after it joins
          vertx.setTimer(1000, t -> members());
          vertx.setTimer(5000, t -> members());
        }

        @Override
        public void nodeLeft(String nodeID) {}
      });
    }
  }

  /** The name of a node seen by this one (its id if unknown). */
  public String nameOf(String nodeId) {
    if (nodeId.equals(localId)) return nodeName();
    return names.getOrDefault(nodeId, nodeId);
  }

  /** The membership of this Vert.x instance (created on first use). */
  public static Membership of(Vertx vertx) {
    synchronized (BY_VERTX) {
      return BY_VERTX.computeIfAbsent(vertx, v -> new Membership(v, null));
    }
  }

  /** Called once at the node's start with its configured name. */
  public static Membership start(Vertx vertx, String nodeName) {
    Membership m = of(vertx);
    m.nodeName = nodeName;
    return m;
  }

  public boolean clustered() {
    return manager != null;
  }

  /** This node's cluster id. */
  public String nodeId() {
    return localId;
  }

  /** This node's configured name ({@code node.name}). */
  public String nodeName() {
    if (nodeName != null) return nodeName;
    if (manager != null) {
      NodeInfo info = manager.getNodeInfo();
      if (info != null && info.metadata() != null) return info.metadata().getString("name", localId);
    }
    return localId;
  }

  /** Ids of the nodes in the cluster now (this one included). */
  public List<String> nodeIds() {
    return manager == null ? List.of(localId) : List.copyOf(manager.getNodes());
  }

  /**
   * The members seen now, each {@code {"id","name","host","port","self"}} (host and port are those of
   * its event bus), sorted by name.
   */
  public Future<List<JsonObject>> members() {
    if (manager == null) {
      return Future.succeededFuture(List.of(new JsonObject().put("id", localId).put("name", nodeName()).put("self", true)));
    }
    List<Future<JsonObject>> all = new ArrayList<>();
    for (String id : manager.getNodes()) {
      Promise<NodeInfo> p = Promise.promise();
      manager.getNodeInfo(id, p);
      all.add(p.future().map(info -> describe(id, info)).otherwise(e -> describe(id, null)));
    }
    return Future.all(all).map(cf -> {
      List<JsonObject> out = new ArrayList<>();
      for (Future<JsonObject> f : all) out.add(f.result());
      out.sort((a, b) -> a.getString("name", "").compareTo(b.getString("name", "")));
      return out;
    });
  }

  private JsonObject describe(String id, NodeInfo info) {
    JsonObject o = new JsonObject().put("id", id);
    String name = info != null && info.metadata() != null ? info.metadata().getString("name") : null;
    if (name != null) names.put(id, name);
    o.put("name", id.equals(localId) ? nodeName() : name == null ? names.getOrDefault(id, id) : name);
    if (info != null) o.put("host", info.host()).put("port", info.port());
    return o.put("self", id.equals(localId));
  }

  /** Calls {@code handler} with the id of each node that leaves the cluster (or dies). */
  public void onLeft(Consumer<String> handler) {
    listen(null, handler);
  }

  /** Calls {@code handler} with the id of each node that joins the cluster. */
  public void onJoined(Consumer<String> handler) {
    listen(handler, null);
  }

  private void listen(Consumer<String> joined, Consumer<String> left) {
    if (!(manager instanceof AtelierClusterManager acm)) return;
    Context context = vertx.getOrCreateContext();
    acm.addListener(new NodeListener() {
      @Override
      public void nodeAdded(String nodeID) {
        if (joined != null) context.runOnContext(v -> joined.accept(nodeID));
      }

      @Override
      public void nodeLeft(String nodeID) {
        if (left != null) context.runOnContext(v -> left.accept(nodeID));
      }
    });
  }
}
