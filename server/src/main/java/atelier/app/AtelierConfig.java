package atelier.app;

import java.nio.file.Path;
import java.util.List;

/** The typed, validated configuration of one node. Built only by {@link ConfigLoader}. */
public record AtelierConfig(
    String nodeName,
    String httpHost,
    int httpPort,
    int maxBodyBytes,
    List<String> allowedOrigins,
    boolean secureCookies,
    Path dataDir,
    String mongoUri,
    String mongoDatabase,
    int storePort,
    boolean clusterEnabled,
    String clusterConfig,
    String adminEmail,
    String adminPassword,
    int hashIterations,
    int sessionTtlHours,
    int loginMaxFailures,
    int loginWindowSeconds,
    Limits limits,
    Cluster cluster,
    String metricsToken,
    Search search,
    Files files,
    Edge edge,
    Lifecycle lifecycle) {

  /** How long an upload may go without a sign of life before the chunks it wrote count as left by a crash. */
  public record Files(int orphanAfterSeconds) {}

  /**
   * How the node's HTTP edge runs: {@code httpInstances} HTTP/WebSocket verticles (0: one per event
   * loop), which client addresses may read {@code /metrics} ({@code metricsAllow}: CIDR blocks), and
   * whether responses are compressed here ({@code compression}; off by default: the proxy in front
   * compresses, and Vert.x's compression keeps ~0.5 KB of state on every connection, open WebSockets
   * included — see docs/performance.md).
   */
  public record Edge(int httpInstances, List<String> metricsAllow, boolean compression) {}

  /** How often the lifecycle scheduler looks at mandates, and the time zone their dates are read in. */
  public record Lifecycle(int checkSeconds, java.time.ZoneId timeZone) {}

  /** Where this node keeps its search index, and how often it commits it (a crash replays what came after). */
  public record Search(Path dir, int commitMs) {}

  /**
   * Where this node's cluster member and event bus listen and whom it joins (used when
   * {@code clusterEnabled}). Empty {@code members} keeps the member list of the Hazelcast file.
   */
  public record Cluster(String host, int port, List<String> members, int busPort, String publicHost) {}

  /** Limits applied to WebSocket connections, messages and uploaded files ({@code fileBytes}) shared documents ({@code documentBytes}, UTF-8) and archive bags uploaded for a restore ({@code archiveBytes}). */
  public record Limits(
      int frameBytes,
      int messageLength,
      int messagesPerSecond,
      int subscribesPerSecond,
      int outboundQueueFrames,
      int replayMax,
      int gapTimeoutMs,
      int presenceGraceMs,
      int typingIntervalMs,
      int socketsPerPerson,
      int fileBytes,
      int documentBytes,
      int archiveBytes) {}

  public boolean embeddedStore() {
    return mongoUri == null || mongoUri.isBlank();
  }
}
