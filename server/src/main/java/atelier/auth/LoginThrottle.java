package atelier.auth;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts failed sign-ins in a sliding window per (account, address) pair, per address and per
 * account. The pair is what locks first ({@code maxFailures}): someone guessing from one address
 * cannot lock the owner out from theirs. An address is stopped after 4× as many failures (guessing
 * many accounts), an account after 10× from any addresses together (guessing one account from many
 * addresses; locking someone out that way takes several addresses). Used from one event loop
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
    return Math.max(wait("p:" + account + "\n" + address, maxFailures, now),
        Math.max(wait("ip:" + address, maxFailures * 4, now), wait("a:" + account, maxFailures * 10, now)));
  }

  public void failed(String account, String address, long now) {
    record("p:" + account + "\n" + address, now);
    record("ip:" + address, now);
    record("a:" + account, now);
    if (failures.size() > 100_000) failures.clear(); // bounded memory under a spray of addresses
  }

  public void succeeded(String account, String address) {
    failures.remove("p:" + account + "\n" + address);
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
