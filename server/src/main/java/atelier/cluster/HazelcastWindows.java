package atelier.cluster;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@link SharedWindows} in two Hazelcast maps: fixed-window counters and recent times. Each update
 * is an entry processor run on the key's owner, so concurrent updates from several nodes never
 * lose one; each entry expires with its window, so the maps hold only what still counts.
 */
final class HazelcastWindows implements SharedWindows {
  static final String COUNTS = "atelier.limits.counts";
  static final String TIMES = "atelier.limits.times";

  private final Vertx vertx;
  private final IMap<String, Long> counts;
  private final IMap<String, long[]> times;

  HazelcastWindows(Vertx vertx, HazelcastInstance hz) {
    this.vertx = vertx;
    // Expiry is set per entry (ttl); no backups needed for counts that only slow people down.
    hz.getConfig().addMapConfig(new MapConfig(COUNTS).setBackupCount(0).setAsyncBackupCount(1));
    hz.getConfig().addMapConfig(new MapConfig(TIMES).setBackupCount(0).setAsyncBackupCount(1));
    this.counts = hz.getMap(COUNTS);
    this.times = hz.getMap(TIMES);
  }

  @Override
  public Future<Long> increment(String key, long windowMs) {
    return on(counts.submitToKey(Windows.windowKey(key, windowMs, System.currentTimeMillis()), new Increment(windowMs * 2)));
  }

  @Override
  public Future<long[]> record(String key, long now, long windowMs) {
    return on(times.submitToKey(key, new Append(now, windowMs)));
  }

  @Override
  public Future<long[]> times(String key) {
    return on(times.getAsync(key)).map(t -> t == null ? new long[0] : t);
  }

  @Override
  public Future<Void> clear(String key) {
    return on(times.removeAsync(key)).mapEmpty();
  }

  /** Hazelcast completes on its own threads: the answer comes back on the caller's context. */
  private <T> Future<T> on(CompletionStage<T> stage) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    stage.whenComplete((v, e) -> context.runOnContext(x -> {
      if (e != null) promise.fail(e);
      else promise.complete(v);
    }));
    return promise.future();
  }

  /** Adds one to a window's count; the entry lives {@code ttlMs}. */
  record Increment(long ttlMs) implements EntryProcessor<String, Long, Long> {
    @Override
    public Long process(Map.Entry<String, Long> entry) {
      long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
      if (entry instanceof ExtendedMapEntry<String, Long> e) e.setValue(next, ttlMs, TimeUnit.MILLISECONDS);
      else entry.setValue(next);
      return next;
    }
  }

  /** Appends a time, drops those out of the window; the entry lives one window. */
  record Append(long now, long windowMs) implements EntryProcessor<String, long[], long[]> {
    @Override
    public long[] process(Map.Entry<String, long[]> entry) {
      long[] next = Windows.append(entry.getValue(), now, windowMs);
      if (entry instanceof ExtendedMapEntry<String, long[]> e) e.setValue(next, windowMs, TimeUnit.MILLISECONDS);
      else entry.setValue(next);
      return next;
    }
  }
}
