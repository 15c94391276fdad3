package atelier.cluster;

import io.vertx.core.Future;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SharedWindows} of a node alone (not clustered): the same counts, kept in memory. */
final class LocalWindows implements SharedWindows {
  private static final int MAX_KEYS = 100_000;
  private final Map<String, long[]> times = new ConcurrentHashMap<>();
  private final Map<String, Long> counts = new ConcurrentHashMap<>();

  @Override
  public Future<Long> increment(String key, long windowMs) {
    if (counts.size() > MAX_KEYS) counts.clear(); // windows are short: old ones are worthless
    return Future.succeededFuture(counts.merge(Windows.windowKey(key, windowMs, System.currentTimeMillis()), 1L, Long::sum));
  }

  @Override
  public Future<long[]> record(String key, long now, long windowMs) {
    if (times.size() > MAX_KEYS) times.clear(); // bounded memory under a spray of addresses
    return Future.succeededFuture(times.compute(key, (k, old) -> Windows.append(old, now, windowMs)));
  }

  @Override
  public Future<long[]> times(String key) {
    long[] t = times.get(key);
    return Future.succeededFuture(t == null ? new long[0] : Arrays.copyOf(t, t.length));
  }

  @Override
  public Future<Void> clear(String key) {
    times.remove(key);
    return Future.succeededFuture();
  }
}
