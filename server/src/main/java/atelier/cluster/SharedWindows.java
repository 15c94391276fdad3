package atelier.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

/**
 * Recent events per key, held for the whole cluster when the node is clustered (a Hazelcast map,
 * updated atomically on the key's owner with an entry processor, entries expiring with their
 * window) and by the node alone otherwise. What rate limits count, so that N nodes behind a load
 * balancer allow the limit once, not N times.
 */
public interface SharedWindows {
  /** Counts one more event of {@code key} in the current window of {@code windowMs}; answers the count so far in it. */
  Future<Long> increment(String key, long windowMs);

  /** Records an event of {@code key} at {@code now}, forgetting those older than {@code windowMs}; answers the times kept, oldest first. */
  Future<long[]> record(String key, long now, long windowMs);

  /** The times recorded for {@code key} (possibly older than any window: the caller trims). */
  Future<long[]> times(String key);

  Future<Void> clear(String key);

  /** The cluster's shared windows when {@code vertx} is clustered through Hazelcast, else this node's own. */
  static SharedWindows of(Vertx vertx) {
    if (vertx.isClustered() && ((VertxInternal) vertx).clusterManager() instanceof AtelierClusterManager manager) {
      return new HazelcastWindows(vertx, manager.getHazelcastInstance());
    }
    return new LocalWindows();
  }
}
