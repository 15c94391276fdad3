package atelier.cluster;

import java.util.Arrays;

/** The arithmetic of {@link SharedWindows}, shared by its local and Hazelcast forms. */
final class Windows {
  private Windows() {}

  /** The key of the fixed window of {@code windowMs} that {@code now} falls in. */
  static String windowKey(String key, long windowMs, long now) {
    return key + '@' + (now / windowMs);
  }

  /** {@code old} without the times older than the window, plus {@code now}. */
  static long[] append(long[] old, long now, long windowMs) {
    long[] kept = old == null ? new long[0] : Arrays.stream(old).filter(t -> t > now - windowMs).toArray();
    long[] out = Arrays.copyOf(kept, kept.length + 1);
    out[kept.length] = now;
    return out;
  }
}
