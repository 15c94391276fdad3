package atelier.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Lock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic job that runs on one node at a time, about once per period for the whole cluster.
 * Every node ticks four times a period; on a tick a node takes the cluster-wide lock
 * {@code atelier.singleton.<name>} (without waiting long: if another node holds it, that node is
 * running the job), reads when the job last ran anywhere (cluster map {@code atelier.singletons}),
 * and runs it only if a whole period has passed. The lock is held only while the job runs, so if the
 * node running it dies, another takes over at the next tick. Without clustering the same code runs
 * with local locks and maps.
 *
 * <pre>{@code
 * Singleton purge = Singleton.every(vertx, "session-purge", Duration.ofMinutes(5), () -> repo.purgeExpired());
 * ...
 * purge.cancel();
 * }</pre>
 */
public final class Singleton {
  private static final Logger LOG = LoggerFactory.getLogger(Singleton.class);
  static final String MAP = "atelier.singletons";
  private static final long LOCK_WAIT_MS = 200;

  private final Vertx vertx;
  private final String name;
  private final long periodMs;
  private final Supplier<Future<?>> job;
  private final long timer;
  private volatile boolean cancelled;
  /**
   * This node is already inside a tick. Needed because Hazelcast's map locks are re-entrant per
   * thread and Vert.x acquires them on pooled worker threads: a second tick of the same node could
   * otherwise "acquire" the lock it already holds and run the job twice at once.
   */
  private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile int runs;

  private Singleton(Vertx vertx, String name, long periodMs, Supplier<Future<?>> job) {
    this.vertx = vertx;
    this.name = name;
    this.periodMs = periodMs;
    this.job = job;
    long tick = Math.max(50, periodMs / 4);
    this.timer = vertx.setPeriodic(tick, id -> tick());
  }

  /** Starts ticking on the current context; the first run happens within a quarter period. */
  public static Singleton every(Vertx vertx, String name, Duration period, Supplier<Future<?>> job) {
    return new Singleton(vertx, name, period.toMillis(), job);
  }

  /** How many times this node ran the job. */
  public int runs() {
    return runs;
  }

  public void cancel() {
    cancelled = true;
    vertx.cancelTimer(timer);
  }

  private void tick() {
    if (cancelled || !busy.compareAndSet(false, true)) return;
    vertx.sharedData().getLockWithTimeout("atelier.singleton." + name, LOCK_WAIT_MS)
        .onFailure(e -> {
          busy.set(false);
          LOG.debug("Job {} is running elsewhere", name);
        })
        .onSuccess(lock -> runUnder(lock).onComplete(ar -> {
          lock.release();
          busy.set(false);
        }));
  }

  private Future<Void> runUnder(Lock lock) {
    return vertx.sharedData().<String, Long>getAsyncMap(MAP).compose(map -> map.get(name).compose(last -> {
      long now = System.currentTimeMillis();
      if (cancelled || (last != null && now - last < periodMs)) return Future.<Void>succeededFuture();
      return run(map, now);
    })).onFailure(e -> LOG.warn("Job {} failed: {}", name, e.toString()));
  }

  private Future<Void> run(AsyncMap<String, Long> map, long now) {
    runs++;
    Future<?> result;
    try {
      result = job.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    // Recorded even when the job failed, so a failing job does not run on every tick of every node.
    // The timeout only bounds a job that hangs; it is generous so that a slow run on a starved
    // machine never releases the lock while the job is still going (two runs at once).
    return result.timeout(Math.max(periodMs * 10, 30_000), java.util.concurrent.TimeUnit.MILLISECONDS)
        .<Void>mapEmpty().eventually(() -> map.put(name, now));
  }
}
