package atelier.auth;

import atelier.cluster.SharedWindows;
import io.vertx.core.Future;

/**
 * Counts failed sign-ins in a sliding window per (account, address) pair, per address and per
 * account. The pair is what locks first ({@code maxFailures}): someone guessing from one address
 * cannot lock the owner out from theirs. An address is stopped after 4× as many failures (guessing
 * many accounts), an account after 10× from any addresses together (guessing one account from many
 * addresses; locking someone out that way takes several addresses). The failures are held in
 * {@link SharedWindows}: for the whole cluster when the node is clustered, so N nodes behind a load
 * balancer stop a guesser after the same number of tries as one node.
 */
public final class LoginThrottle {
  private final SharedWindows windows;
  private final int maxFailures;
  private final long windowMillis;

  public LoginThrottle(SharedWindows windows, int maxFailures, int windowSeconds) {
    this.windows = windows;
    this.maxFailures = maxFailures;
    this.windowMillis = windowSeconds * 1000L;
  }

  /** Seconds to wait before another try for this account or address, or 0 if allowed now. */
  public Future<Long> retryAfter(String account, String address, long now) {
    Future<long[]> pair = windows.times(pair(account, address));
    Future<long[]> ip = windows.times("login:ip:" + address);
    Future<long[]> acc = windows.times("login:a:" + account);
    return Future.all(pair, ip, acc).map(all -> Math.max(wait(pair.result(), maxFailures, now),
        Math.max(wait(ip.result(), maxFailures * 4, now), wait(acc.result(), maxFailures * 10, now))));
  }

  public Future<Void> failed(String account, String address, long now) {
    return Future.all(windows.record(pair(account, address), now, windowMillis), windows.record("login:ip:" + address, now, windowMillis),
        windows.record("login:a:" + account, now, windowMillis)).mapEmpty();
  }

  public Future<Void> succeeded(String account, String address) {
    return windows.clear(pair(account, address));
  }

  private static String pair(String account, String address) {
    return "login:p:" + account + "\n" + address;
  }

  private long wait(long[] times, int max, long now) {
    int recent = 0;
    long oldest = Long.MAX_VALUE;
    for (long t : times) {
      if (t > now - windowMillis) {
        recent++;
        oldest = Math.min(oldest, t);
      }
    }
    if (recent < max) return 0;
    return Math.max(1, (oldest + windowMillis - now + 999) / 1000);
  }
}
