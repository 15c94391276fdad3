package atelier.realtime;

import java.util.List;

/**
 * What the gateway is told of the node's configuration: frame and queue limits, how far a follower
 * may be behind and still be replayed, the presence grace period, sockets per person, and the
 * origins allowed for cookie-authenticated upgrades besides the node's own.
 */
public record GatewayLimits(int frameBytes, int outboundQueueFrames, int replayMax, int presenceGraceMs, int socketsPerPerson,
    List<String> allowedOrigins) {
  public GatewayLimits {
    allowedOrigins = List.copyOf(allowedOrigins);
  }
}
