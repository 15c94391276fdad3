package atelier.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts failed sign-ins per account and per address in a sliding window. Used from one event loop
 * (the HTTP verticle's), so it needs no locking. Counts are per node: behind a load balancer with
 * sticky addresses that is what an attacker sees too; documented in README.
 */
public final class LoginThrottle {
  private final int maxFailures;
  private final long windowMillis;
  private final Map<String, Deque<Long>> failures = new HashMap<>();

  public LoginThrottle(int maxFailures, int windowSeconds) {
    this.maxFailures = maxFailures;
    this.windowMillis = windowSeconds * 1000L;
  }

  /** Seconds to wait before another try for this account or address, or 0 if allowed now. */
  public long retryAfter(String account, String address, long now) {
    return Math.max(wait("a:" + account, maxFailures, now), wait("ip:" + address, maxFailures * 4, now));
  }

  public void failed(String account, String address, long now) {
    record("a:" + account, now);
    record("ip:" + address, now);
    if (failures.size() > 100_000) failures.clear(); // bounded memory under a spray of addresses
  }

  public void succeeded(String account) {
    failures.remove("a:" + account);
  }

  private long wait(String key, int max, long now) {
    Deque<Long> q = failures.get(key);
    if (q == null) return 0;
    while (!q.isEmpty() && q.peekFirst() <= now - windowMillis) q.pollFirst();
    if (q.isEmpty()) {
      failures.remove(key);
      return 0;
    }
    if (q.size() < max) return 0;
    return Math.max(1, (q.peekFirst() + windowMillis - now + 999) / 1000);
  }

  private void record(String key, long now) {
    failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
  }
}
