package atelier.auth;

import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Resolves the caller of every /api call (and of the WebSocket upgrade) from a bearer token or the
 * session cookie. Cookie-authenticated calls that change state must echo the session's CSRF token in
 * {@code X-CSRF-Token} (synchroniser token bound to the session; the value is also in the readable
 * {@code atelier_csrf} cookie so a reloaded page can find it).
 */
public final class Authenticator implements Handler<RoutingContext> {
  public static final String SESSION_COOKIE = "atelier_session";
  public static final String CSRF_COOKIE = "atelier_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String KEY = "caller";

  private final AuthService auth;

  public Authenticator(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void handle(RoutingContext ctx) {
    resolve(ctx.request()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Optional<Caller> caller = ar.result();
      if (caller.isEmpty()) {
        ctx.fail(ApiError.unauthorized());
        return;
      }
      if (caller.get().viaCookie() && changesState(ctx.request().method()) && !csrfOk(ctx.request(), caller.get())) {
        ctx.fail(ApiError.of(ErrorCode.FORBIDDEN, "error.csrf"));
        return;
      }
      if (caller.get().user().mustChangePassword() && !allowedBeforePasswordChange(ctx)) {
        ctx.fail(passwordChangeRequired());
        return;
      }
      ctx.put(KEY, caller.get());
      ctx.next();
    });
  }

  /** The caller of a request, from its bearer token first, else its session cookie. */
  public Future<Optional<Caller>> resolve(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.authenticate(header.substring(7).trim(), false);
    }
    Cookie cookie = request.getCookie(SESSION_COOKIE);
    if (cookie != null && !cookie.getValue().isBlank()) {
      return auth.authenticate(cookie.getValue(), true);
    }
    return Future.succeededFuture(Optional.empty());
  }

  public static Caller caller(RoutingContext ctx) {
    Caller c = ctx.get(KEY);
    if (c == null) throw ApiError.unauthorized();
    return c;
  }

  public static ApiError passwordChangeRequired() {
    return ApiError.of(ErrorCode.PASSWORD_CHANGE_REQUIRED, "error.password_change_required");
  }

  /**
   * What a session opened with a temporary password may do: read who it is (a reloaded page must
   * learn it has to choose a password), choose the password, and sign out.
   */
  private static boolean allowedBeforePasswordChange(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    HttpMethod m = ctx.request().method();
    return (m == HttpMethod.GET && path.equals("/api/me"))
        || (m == HttpMethod.POST && (path.equals("/api/me/password") || path.equals("/api/auth/logout")));
  }

  private static boolean changesState(HttpMethod m) {
    return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
  }

  private static boolean csrfOk(HttpServerRequest request, Caller caller) {
    String sent = request.getHeader(CSRF_HEADER);
    return sent != null && MessageDigest.isEqual(
        sent.getBytes(StandardCharsets.UTF_8), caller.session().csrf().getBytes(StandardCharsets.UTF_8));
  }
}
