package atelier.app;

import atelier.cluster.Membership;
import atelier.cluster.Singleton;
import atelier.metrics.Metrics;
import atelier.metrics.Probes;
import com.mongodb.client.model.Filters;
import atelier.store.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every node runs beside its HTTP verticle for the cluster's sake: its {@link Membership}, the
 * cluster-wide singleton jobs, and the metrics probes. Started by {@code Atelier} once the store is
 * reachable, stopped before the store closes.
 */
public final class ClusterServices {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterServices.class);
  /** How often expired sessions are deleted (the embedded store ignores TTL indexes). */
  public static final Duration SESSION_PURGE_PERIOD = Duration.ofMinutes(5);

  private final Membership membership;
  private final Singleton sessionPurge;
  private final Probes probes;

  private ClusterServices(Vertx vertx, Services services) {
    String name = services.config.nodeName();
    this.membership = Membership.start(vertx, name);
    Metrics metrics = Metrics.of(vertx);
    metrics.gauge("atelier_cluster_members", "Nodes in the cluster as this node sees them.", () -> membership.nodeIds().size());
    io.micrometer.core.instrument.Counter purged = metrics.counter("atelier_sessions_purged_total", "Expired sessions deleted by this node's purge job.");
    membership.members(); // learns the names of the nodes already there, for the logs
    membership.onLeft(id -> LOG.warn("Node {} ({}) left the cluster; {} member(s) remain", membership.nameOf(id), id,
        membership.nodeIds().size()));
    membership.onJoined(id -> LOG.info("Node {} joined the cluster; {} member(s)", id, membership.nodeIds().size()));
    this.sessionPurge = Singleton.every(vertx, "session-purge", SESSION_PURGE_PERIOD,
        () -> purgeExpiredSessions(services).onSuccess(n -> purged.increment(n)));
    this.probes = Probes.start(vertx, metrics, services.store, name);
  }

  public static ClusterServices start(Vertx vertx, Services services) {
    return new ClusterServices(vertx, services);
  }

  public Membership membership() {
    return membership;
  }

  /** Deletes the sessions past their expiry (MongoDB's TTL index does it too; the embedded store does not). */
  public static Future<Long> purgeExpiredSessions(Services services) {
    return Reactive.one(services.store.collection("sessions").deleteMany(Filters.lt("expiresAt", new Date())))
        .map(r -> r.getDeletedCount())
        .onSuccess(n -> {
          if (n > 0) LOG.info("Purged {} expired session(s)", n);
        });
  }

  public void stop() {
    sessionPurge.cancel();
    probes.stop();
  }
}
