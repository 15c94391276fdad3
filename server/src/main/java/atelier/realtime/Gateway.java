package atelier.realtime;

import atelier.auth.Authenticator;
import atelier.auth.Caller;
import atelier.auth.EndedSessions;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.http.ErrorMapper;
import atelier.http.Messages;
import atelier.http.RouteModule;
import atelier.platform.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket edge {@code /ws} (docs/protocol.md). Authenticates the upgrade like any HTTP call
 * (bearer token, or the session cookie plus an {@code Origin} check), then hands frames to
 * {@link Connection}. It knows no feature: only {@code ping} is its own; every other frame type
 * (requests, signals, stream follows) comes from the {@link Platform} that features fill.
 */
public final class Gateway implements RouteModule {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final GatewayLimits limits;
  private final Platform platform;
  private final Authenticator authenticator;
  private LiveHub hub;
  private final SharedReads reads = new SharedReads();
  private Presence presence;
  private final String nodeId;
  private final Consumer<Consumer<String>> nodesLeaving;
  private final GatewayMeters meters;
  private long housekeeping = -1;
  private volatile boolean stopping;

  /**
   * {@code nodeId}: this node's cluster id (presence is kept per node under it); {@code nodesLeaving}
   * registers what to do when a node leaves the cluster (its presence is dropped at once).
   */
  public Gateway(Vertx vertx, GatewayLimits limits, Platform platform, Authenticator authenticator, String nodeId,
      Consumer<Consumer<String>> nodesLeaving, MeterRegistry registry) {
    this.meters = new GatewayMeters(registry);
    this.vertx = vertx;
    this.limits = limits;
    this.platform = platform;
    this.authenticator = authenticator;
    this.nodeId = nodeId;
    this.nodesLeaving = nodesLeaving;
  }

  /** Called by each HTTP verticle instance as it starts; the node's hub and presence are made by the first. */
  @Override
  public void mountRaw(Router router) {
    startOnce();
    router.get("/ws").handler(this::upgrade);
  }

  private synchronized void startOnce() {
    if (hub != null) return;
    hub = new LiveHub(vertx, platform, meters);
    hub.start();
    presence = new Presence(vertx, nodeId, limits.presenceGraceMs(), hub::presence);
    presence.start();
    nodesLeaving.accept(presence::nodeLeft);
    // Per-person buckets would otherwise accumulate one entry per person ever seen on this node.
    housekeeping = vertx.setPeriodic(60_000, id -> platform.budgets().forgetIdle());
  }

  /**
   * Frame limits, and no per-message (or per-frame) deflate: Vert.x gives Netty's inflater no cap on
   * what one compressed frame may grow to, so a 64 KB frame could inflate to 64 MB on an event loop.
   * Without compression a frame's size on the wire is its size, checked before it is read.
   */
  @Override
  public void configure(HttpServerOptions options) {
    int hard = hardFrameLimit(limits);
    options.setMaxWebSocketFrameSize(hard).setMaxWebSocketMessageSize(hard)
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
  }

  /**
   * Frames up to this size are read so that the gateway can answer {@code too_large} and keep the
   * connection; beyond it the connection is closed with 1009.
   */
  static int hardFrameLimit(GatewayLimits limits) {
    return (int) Math.min(Integer.MAX_VALUE, limits.frameBytes() * 4L);
  }

  /** Refuses new sockets, then closes each open one with 1001 once the frames it sent are answered. */
  @Override
  public Future<Void> stop() {
    stopping = true;
    synchronized (this) {
      if (housekeeping >= 0) vertx.cancelTimer(housekeeping);
      housekeeping = -1;
    }
    return hub.closeAll();
  }

  private void upgrade(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (stopping) {
      ErrorMapper.write(ctx, ApiError.of(ErrorCode.UNAVAILABLE, "error.unavailable"));
      return;
    }
    request.pause();
    authenticator.resolve(request).onComplete(ar -> {
      if (ar.failed()) {
        ErrorMapper.write(ctx, ErrorMapper.toApiError(ar.cause(), 500));
        return;
      }
      Optional<Caller> caller = ar.result();
      if (caller.isEmpty()) {
        ErrorMapper.write(ctx, ApiError.unauthorized());
        return;
      }
      if (caller.get().user().mustChangePassword()) {
        ErrorMapper.write(ctx, Authenticator.passwordChangeRequired());
        return;
      }
      if (caller.get().viaCookie() && !originAllowed(request)) {
        ErrorMapper.write(ctx, ApiError.of(ErrorCode.FORBIDDEN, "error.origin"));
        return;
      }
      String user = caller.get().id();
      if (!hub.admit(user, limits.socketsPerPerson())) {
        ErrorMapper.write(ctx, ApiError.of(ErrorCode.RATE_LIMITED, "error.too_many_sockets"));
        return;
      }
      Locale locale = locale(request.getHeader("Accept-Language"));
      Context context = Vertx.currentContext();
      request.toWebSocket()
          .onSuccess(ws -> {
            dropChunkedWriter(request);
            Connection c = new Connection(this, ws, hub.share(caller.get()), locale, context);
            c.open();
            if (stopping) c.closeForShutdown(); // upgraded while the node began to stop
          })
          .onFailure(e -> {
            hub.release(user);
            LOG.debug("WebSocket upgrade failed: {}", e.toString());
          });
    });
  }

  /**
   * HTTP compression (on for the API and the web client) makes Vert.x put Netty's
   * {@code ChunkedWriteHandler} in every connection's pipeline, for files sent compressed; after the
   * upgrade it stays, and each frame written to the socket goes through it (queued, then flushed by
   * it) for nothing — a WebSocket writes no chunked input. Vert.x removes it the same way when a
   * connection becomes a plain socket ({@code Http1xServerConnection.netSocket}).
   */
  private static void dropChunkedWriter(HttpServerRequest request) {
    if (request.connection() instanceof io.vertx.core.net.impl.ConnectionBase base) {
      io.netty.channel.ChannelPipeline pipeline = base.channel().pipeline();
      if (pipeline.get("chunkedWriter") != null) pipeline.remove("chunkedWriter");
    }
  }

  /** Cookie-authenticated upgrades must come from our own page: same host, or an allowed origin. */
  boolean originAllowed(HttpServerRequest request) {
    String origin = request.getHeader("Origin");
    if (origin == null || origin.isBlank()) return false;
    if (limits.allowedOrigins().contains(origin)) return true;
    try {
      URI uri = URI.create(origin);
      String host = request.getHeader("Host");
      if (uri.getHost() == null || host == null) return false;
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Locale locale(String acceptLanguage) {
    List<String> tags = new ArrayList<>();
    if (acceptLanguage != null) {
      for (String part : acceptLanguage.split(",")) tags.add(part.split(";")[0].trim());
    }
    return Messages.pick(tags);
  }

  GatewayLimits limits() {
    return limits;
  }

  Platform platform() {
    return platform;
  }

  LiveHub hub() {
    return hub;
  }

  SharedReads reads() {
    return reads;
  }

  Presence presence() {
    return presence;
  }

  /**
   * Sessions that ended on this node: their sockets stop reading at once and close with 4401, before
   * the sign-out or password change is answered (other nodes learn it over the event bus).
   */
  public void sessionsEnded(EndedSessions ended) {
    if (hub != null) hub.onSessionsEnded(ended);
  }

  GatewayMeters meters() {
    return meters;
  }

  Vertx vertx() {
    return vertx;
  }
}
