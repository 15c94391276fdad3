package atelier.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer carries: a strict CSP (no inline script), no sniffing, no framing, and HSTS
 * when the request came over HTTPS (directly or through a proxy that says so; browsers ignore HSTS
 * received over plain HTTP, so a forged {@code X-Forwarded-Proto} gains nothing).
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  private static final String CSP = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self' ws: wss:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  @Override
  public void handle(RoutingContext ctx) {
    // A WebSocket upgrade answers 101 and no page: the headers would only be kept in memory for the
    // socket's whole life (about 0.3 KB per connection).
    if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      ctx.next();
      return;
    }
    ctx.response().headers()
        .set("Content-Security-Policy", CSP)
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("Cross-Origin-Opener-Policy", "same-origin");
    if (ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"))) {
      ctx.response().headers().set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    ctx.next();
  }
}
