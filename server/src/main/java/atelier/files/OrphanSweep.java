package atelier.files;

import atelier.cluster.Singleton;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims the chunks of uploads cut by a crash, on one node of the cluster at a time. An upload is
 * taken for abandoned when its marker has not been touched for {@code files.orphanAfterSeconds}
 * (uploads refresh theirs several times within that time, see {@link GridFsBlobStore}). Runs at
 * start, then every half of that time.
 */
public final class OrphanSweep {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanSweep.class);
  private final Singleton job;

  private OrphanSweep(Singleton job) {
    this.job = job;
  }

  public static OrphanSweep start(Vertx vertx, BlobStore blobs, Duration orphanAfter) {
    Duration period = orphanAfter.dividedBy(2);
    return new OrphanSweep(Singleton.every(vertx, "files-orphan-sweep", period, () -> blobs.reclaimAbandoned()
        .onSuccess(n -> {
          if (n > 0) LOG.info("Reclaimed the chunks of {} upload(s) cut by a crash", n);
        })));
  }

  public void stop() {
    job.cancel();
  }
}
