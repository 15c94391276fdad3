package atelier.http;

import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** Small helpers shared by every feature's routes: reading bodies, writing JSON, the caller's language. */
public final class Http {
  private Http() {}

  private static final String STREAMED_BODY = "atelier.streamedBody";

  /**
   * Marks a request whose body its route reads as a stream, and pauses it so that nothing is lost
   * while the caller is authenticated: the shared body handler leaves it alone.
   */
  public static void streamBody(RoutingContext ctx) {
    ctx.request().pause();
    ctx.put(STREAMED_BODY, Boolean.TRUE);
    ctx.next();
  }

  public static boolean streamedBody(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(STREAMED_BODY));
  }

  public static Future<Void> json(RoutingContext ctx, int status, Object body) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(body));
  }

  public static Future<Void> noContent(RoutingContext ctx) {
    return ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
  }

  /** The request body as an object; a missing or malformed body is a {@code bad_request}. */
  public static JsonObject body(RoutingContext ctx) {
    try {
      Object v = ctx.body().asJsonObject();
      if (v == null) throw ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request.json");
      return (JsonObject) v;
    } catch (DecodeException | ClassCastException e) {
      throw ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request.json");
    }
  }

  public static Locale locale(RoutingContext ctx) {
    return Messages.pick(ctx.acceptableLanguages().stream().map(l -> l.tag()).toList());
  }

  /** Runs a handler that returns a future, sending failures to the router's failure handler. */
  public static io.vertx.core.Handler<RoutingContext> async(java.util.function.Function<RoutingContext, Future<?>> handler) {
    return ctx -> {
      Future<?> f;
      try {
        f = handler.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      f.onFailure(ctx::fail);
    };
  }
}
