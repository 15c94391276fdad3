package atelier.app;

import atelier.auth.AuthRoutes;
import atelier.auth.Authenticator;
import atelier.auth.UserRoutes;
import atelier.cluster.Membership;
import atelier.errors.ApiError;
import atelier.http.AddressBlock;
import atelier.http.ContractValidation;
import atelier.http.ErrorMapper;
import atelier.http.Http;
import atelier.http.RouteModule;
import atelier.http.Routes;
import atelier.http.SecurityHeaders;
import atelier.metrics.Metrics;
import atelier.org.OrganisationRoutes;
import atelier.space.SpaceRoutes;
import atelier.theme.ThemeRoutes;
import atelier.notify.NotificationRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** The HTTP edge of a node: /health, /api (validated against the contract), /ws and the web client. */
public final class HttpVerticle extends VerticleBase {
  private final Services services;
  private final List<RouteModule> modules;
  private HttpServer server;
  private List<String> operations = List.of();

  /** How long in-flight requests may take to finish when the node stops, before connections are cut. */
  private static final long SHUTDOWN_GRACE_SECONDS = 5;

  private final int port;
  /** Connections this instance (one event loop) accepted: Vert.x spreads them over the instances. */
  private final java.util.concurrent.atomic.LongAdder accepted = new java.util.concurrent.atomic.LongAdder();
  private final List<AddressBlock> metricsAllow;

  /** {@code port}: where to listen (0: a random port); every instance of a node listens on the same one. */
  public HttpVerticle(Services services, List<RouteModule> modules, int port) {
    this.services = services;
    this.modules = modules;
    this.port = port;
    this.metricsAllow = services.config.edge().metricsAllow().stream().map(AddressBlock::parse).toList();
  }

  @Override
  public Future<?> start() {
    return OpenAPIContract.from(vertx, "docs/openapi.json").compose(contract -> {
      Router router = router(contract);
      AtelierConfig c = services.config;
      HttpServerOptions options = new HttpServerOptions().setHost(c.httpHost()).setPort(port)
          .setCompressionSupported(c.edge().compression());
      modules.forEach(m -> m.configure(options));
      server = vertx.createHttpServer(options);
      server.connectionHandler(connection -> accepted.increment());
      return server.requestHandler(router).listen();
    });
  }

  public long accepted() {
    return accepted.sum();
  }

  public int port() {
    return server.actualPort();
  }

  public List<String> operations() {
    return operations;
  }

  private Router router(OpenAPIContract contract) {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders());
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
    modules.forEach(m -> m.mountRaw(router));
    // http.maxBodyBytes is for JSON calls; a streamed body (a file upload) has its own limit.
    BodyHandler body = BodyHandler.create(false).setBodyLimit(services.config.maxBodyBytes());
    router.route("/api/*").handler(ctx -> {
      if (Http.streamedBody(ctx)) ctx.next();
      else body.handle(ctx);
    });
    Routes routes = new Routes(router, new ContractValidation(vertx, contract));
    AuthRoutes authRoutes = new AuthRoutes(services.auth, services.userViews, services.config.secureCookies(),
        services.config.sessionTtlHours() * 3600L);
    authRoutes.mountPublic(routes);
    router.route("/api/*").handler(new Authenticator(services.auth));
    authRoutes.mount(routes);
    new UserRoutes(services.auth, services.users, services.userViews, services.spaceService::colleagues).mount(routes);
    new OrganisationRoutes(services.organisationService).mount(routes);
    new SpaceRoutes(services.spaceService, services.spaceViews).mount(routes);
    new ThemeRoutes(services.themes).mount(routes);
    new NotificationRoutes(services.notifications).mount(routes);
    modules.forEach(m -> m.mount(routes));
    operations = routes.operations();
    router.route("/api/*").handler(ctx -> ctx.fail(ApiError.notFound()));
    // Source maps are for developers, not for every visitor (they hold the whole client source).
    router.routeWithRegex(HttpMethod.GET, ".*\\.map$").handler(ctx -> ctx.fail(ApiError.notFound()));
    // The page must be revalidated so a deploy reaches browsers at once; hashed assets stay immutable.
    router.route(HttpMethod.GET, "/").handler(HttpVerticle::revalidate);
    router.route(HttpMethod.GET, "/index.html").handler(HttpVerticle::revalidate);
    router.route().handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(true));
    // Client-side routes (deep links) get the single page; the client shows its own "not found".
    router.route(HttpMethod.GET, "/*").handler(ctx -> {
      if (ctx.request().path().equals("/index.html")) ctx.next();
      else ctx.reroute("/index.html");
    });
    ErrorMapper errors = new ErrorMapper();
    router.route().failureHandler(errors);
    router.errorHandler(404, errors);
    router.errorHandler(405, errors);
    router.errorHandler(413, errors);
    router.errorHandler(500, errors);
    return router;
  }

  private static void revalidate(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Cache-Control", "no-cache"));
    ctx.next();
  }

  private void health(RoutingContext ctx) {
    Membership membership = Membership.of(vertx);
    Future<List<JsonObject>> members = membership.members()
        .timeout(2, java.util.concurrent.TimeUnit.SECONDS)
        .otherwise(e -> List.of());
    services.store.ping()
        .timeout(2, java.util.concurrent.TimeUnit.SECONDS)
        .onComplete(ar -> members.onComplete(m -> {
          boolean up = ar.succeeded() && Boolean.TRUE.equals(ar.result());
          JsonObject cluster = new JsonObject().put("enabled", membership.clustered()).put("nodeId", membership.nodeId())
              .put("members", new JsonArray(m.result()));
          JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN").put("node", services.config.nodeName())
              .put("cluster", cluster);
          ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
              .putHeader("Cache-Control", "no-store").end(body.encode());
        }));
  }

  /**
   * The node's metrics in the Prometheus text format (scrape each node directly, not through the
   * balancer), to the addresses of {@code metrics.allow} only, and there for administrators or the
   * bearer {@code metrics.token} of the scraper.
   */
  private void metrics(RoutingContext ctx) {
    // Only from the addresses the operator allows (metrics.allow; loopback by default): the scraper
    // reads each node directly, never through the balancer. Others learn nothing, not even that it exists.
    String client = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    if (client == null || metricsAllow.stream().noneMatch(b -> b.contains(client))) {
      ctx.fail(ApiError.notFound());
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String token = services.config.metricsToken();
    if (header != null && !token.isEmpty() && header.regionMatches(true, 0, "Bearer ", 0, 7)
        && MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8))) {
      writeMetrics(ctx);
      return;
    }
    new Authenticator(services.auth).resolve(ctx.request()).onComplete(ar -> {
      if (ar.failed()) ctx.fail(ar.cause());
      else if (ar.result().isEmpty()) ctx.fail(ApiError.unauthorized());
      else if (!ar.result().get().admin()) ctx.fail(ApiError.forbidden());
      else writeMetrics(ctx);
    });
  }

  private void writeMetrics(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(Metrics.of(vertx).scrape());
  }

  /**
   * Stops accepting connections while the requests in flight finish (up to a grace period) and the
   * modules end their own work (the gateway closes its sockets with 1001 once their frames are
   * answered), so nothing in flight meets a closed store.
   */
  @Override
  public Future<?> stop() {
    if (server == null) return Future.succeededFuture();
    List<Future<Void>> modulesStopped = modules.stream().map(RouteModule::stop).toList();
    return Future.join(server.shutdown(SHUTDOWN_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS),
        Future.join(modulesStopped));
  }
}
