package atelier.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** A latency histogram in Prometheus form: cumulative buckets (seconds), sum and count. Thread-safe. */
public final class Latency {
  static final double[] BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
  private final LongAdder count = new LongAdder();
  private final LongAdder sumNanos = new LongAdder();
  private final AtomicLong lastNanos = new AtomicLong(-1);

  Latency() {
    for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
  }

  public void recordNanos(long nanos) {
    if (nanos < 0) nanos = 0;
    double seconds = nanos / 1e9;
    for (int i = 0; i < BOUNDS.length; i++) {
      if (seconds <= BOUNDS[i]) {
        buckets[i].increment();
        break;
      }
    }
    count.increment();
    sumNanos.add(nanos);
    lastNanos.set(nanos);
  }

  public void recordMillis(long millis) {
    recordNanos(millis * 1_000_000L);
  }

  public long count() {
    return count.sum();
  }

  /** The latest measure in seconds, or -1 before the first. */
  public double lastSeconds() {
    long n = lastNanos.get();
    return n < 0 ? -1 : n / 1e9;
  }

  void write(StringBuilder out, String name, String labels) {
    long cumulative = 0;
    for (int i = 0; i < BOUNDS.length; i++) {
      cumulative += buckets[i].sum();
      out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BOUNDS[i]).append("\"} ")
          .append(cumulative).append('\n');
    }
    long total = count.sum();
    out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(total).append('\n');
    out.append(name).append("_sum{").append(labels).append("} ").append(sumNanos.sum() / 1e9).append('\n');
    out.append(name).append("_count{").append(labels).append("} ").append(total).append('\n');
  }
}
