package atelier.space;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the send path checks for every message — the space, the sender's role, the channel — kept
 * on each node for a few seconds instead of read from the store each time. Every change to those is
 * followed by an event in the space's log (member.*, space.state, channel.*), and any such event
 * makes everything cached for the space stale: on the node that appended it as soon as it is
 * committed, before the change is answered; on the other nodes when it arrives over the event bus.
 * A value read while the space changed is not kept, and nothing is kept longer than {@link #TTL_MS}
 * (a bound should an event never arrive). Only the kinds features declare as not changing access
 * (messages, reactions…) leave it be.
 */
public final class SpaceCache {
  public static final long TTL_MS = 5_000;

  private record Entry(Object value, long generation, long expiresAt) {}

  private final ConcurrentHashMap<String, Long> generations = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Predicate<String> changesAccess;

  /** {@code changesAccess}: whether an event kind changes what the cache holds (features declare their kinds). */
  public SpaceCache(Predicate<String> changesAccess) {
    this.changesAccess = changesAccess;
  }

  /** The cached value of {@code key} in the space, or what {@code load} reads (kept if nothing changed meanwhile). */
  @SuppressWarnings("unchecked")
  public <T> Future<T> get(String space, String key, Supplier<Future<T>> load) {
    String k = space + '\n' + key;
    long generation = generations.getOrDefault(space, 0L);
    long now = System.nanoTime();
    Entry e = entries.get(k);
    if (e != null && e.generation() == generation && now - e.expiresAt() < 0) return Future.succeededFuture((T) e.value());
    return load.get().onSuccess(v -> {
      if (generations.getOrDefault(space, 0L) == generation) {
        entries.put(k, new Entry(v, generation, now + TimeUnit.MILLISECONDS.toNanos(TTL_MS)));
      }
    });
  }

  /** An event of the space was committed here or received from another node. */
  public void onEvent(String space, String kind) {
    if (space != null && changesAccess.test(kind)) generations.merge(space, 1L, Long::sum);
  }

  /** Drops expired entries (called now and then, so that the map does not keep every sender ever seen). */
  public void forgetExpired() {
    long now = System.nanoTime();
    entries.values().removeIf(e -> now - e.expiresAt() >= 0);
  }
}
