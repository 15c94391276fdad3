package atelier.platform;

import atelier.cluster.SharedWindows;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named rate budgets that features define ({@code message} for chat, {@code follow} for the
 * platform's subscribe frames…). A frame type draws from one budget: each connection has its own
 * bucket of {@code perSecond} tokens, and each person one bucket of twice that shared by their tabs
 * and by REST calls that draw on it, so sending through REST is no way around the socket's limit.
 * On a cluster, {@link #allowAcrossNodes} also counts the person's frames on every node together.
 */
public final class Budgets {
  /** The budget of the platform's follow frames (subscribe, doc.join…): {@code limits.subscribesPerSecond}. */
  public static final String FOLLOW = "follow";

  private final Map<String, Integer> rates = new ConcurrentHashMap<>();
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  /** The cluster's counts (null on a node alone, where the person's local bucket is the whole truth). */
  private final SharedWindows cluster;

  /** {@code cluster}: shared windows of the cluster, so a person's rate holds across nodes; null when not clustered. */
  public Budgets(SharedWindows cluster) {
    this.cluster = cluster;
  }

  /** Defines (or redefines) a budget of {@code perSecond} tokens per connection. */
  public Budgets define(String name, int perSecond) {
    rates.put(name, perSecond);
    return this;
  }

  public boolean defined(String name) {
    return rates.containsKey(name);
  }

  /** A fresh bucket for one connection, or null for an unknown budget. */
  public TokenBucket connectionBucket(String name) {
    Integer rate = rates.get(name);
    return rate == null ? null : new TokenBucket(rate, rate);
  }

  /** Takes one token of the person's bucket; false when they are over their rate. Unknown budgets never refuse. */
  public boolean allow(String user, String name) {
    Integer rate = rates.get(name);
    if (rate == null) return true;
    return buckets.computeIfAbsent(name + ":" + user, k -> new TokenBucket(rate * 2.0, rate * 2.0)).tryTake();
  }

  /**
   * The person's rate across the cluster (twice {@code perSecond} per second, counted on every node
   * together); always true on a node alone, where {@link #allow} already counts everything.
   */
  public Future<Boolean> allowAcrossNodes(String user, String name) {
    Integer rate = rates.get(name);
    if (rate == null || cluster == null) return Future.succeededFuture(true);
    return cluster.increment("rate:" + name + ":" + user, 1000).map(n -> n <= rate * 2L);
  }

  /** Forgets buckets that have refilled (they behave like new ones), so the map stays bounded. */
  public void forgetIdle() {
    buckets.values().removeIf(TokenBucket::full);
  }
}
