package atelier.platform;

/** A classic token bucket: {@code rate} tokens per second, holding at most {@code capacity}. */
public final class TokenBucket {
  private final double rate;
  private final double capacity;
  private double tokens;
  private long last;

  public TokenBucket(double rate, double capacity) {
    this.rate = rate;
    this.capacity = capacity;
    this.tokens = capacity;
    this.last = System.nanoTime();
  }

  /** A bucket that has refilled completely behaves like a new one, so it can be forgotten. */
  public synchronized boolean full() {
    return tokens + (System.nanoTime() - last) / 1e9 * rate >= capacity;
  }

  public synchronized boolean tryTake() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
