package atelier.cluster;

import com.hazelcast.config.Config;
import io.vertx.core.spi.cluster.NodeListener;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Vert.x's Hazelcast cluster manager, with room for more than one membership listener.
 * {@code ClusterManager.nodeListener(...)} keeps a single listener, and Vert.x itself installs one
 * (it cleans the event-bus subscriptions of a node that left): calling it from application code
 * would silently replace Vert.x's. Here Vert.x's listener is kept and Atelier's ({@link Membership})
 * are called after it.
 */
public final class AtelierClusterManager extends HazelcastClusterManager {
  private final List<NodeListener> extra = new CopyOnWriteArrayList<>();
  private volatile NodeListener vertxListener;

  public AtelierClusterManager(Config config) {
    super(config);
    super.nodeListener(new NodeListener() {
      @Override
      public void nodeAdded(String nodeID) {
        NodeListener v = vertxListener;
        if (v != null) v.nodeAdded(nodeID);
        extra.forEach(l -> l.nodeAdded(nodeID));
      }

      @Override
      public void nodeLeft(String nodeID) {
        NodeListener v = vertxListener;
        if (v != null) v.nodeLeft(nodeID);
        extra.forEach(l -> l.nodeLeft(nodeID));
      }
    });
  }

  /** Vert.x's own listener (its HA manager) is kept and called first. */
  @Override
  public void nodeListener(NodeListener listener) {
    this.vertxListener = listener;
  }

  /** Adds a listener called (on a Hazelcast thread) when a node joins or leaves. */
  void addListener(NodeListener listener) {
    extra.add(listener);
  }
}
