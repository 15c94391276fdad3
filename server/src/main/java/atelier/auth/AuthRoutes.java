package atelier.auth;

import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** REST edge for signing in and out, the caller's own profile and password. */
public final class AuthRoutes {
  private final AuthService auth;
  private final UserViews views;
  private final boolean secureCookies;
  private final long sessionSeconds;

  public AuthRoutes(AuthService auth, UserViews views, boolean secureCookies, long sessionSeconds) {
    this.auth = auth;
    this.views = views;
    this.secureCookies = secureCookies;
    this.sessionSeconds = sessionSeconds;
  }

  /** Sign-in is the one /api call without a caller, so it is mounted before the authenticator. */
  public void mountPublic(Routes routes) {
    routes.post("/api/auth/login", "login", ctx -> {
      JsonObject body = Http.body(ctx);
      return auth.login(body.getString("email"), body.getString("password"), ctx.request().remoteAddress().hostAddress())
          .compose(r -> views.one(r.user()).compose(user -> {
            boolean secure = secure(ctx);
            ctx.response().addCookie(Cookie.cookie(Authenticator.SESSION_COOKIE, r.token()).setPath("/")
                .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(secure).setMaxAge(sessionSeconds));
            ctx.response().addCookie(Cookie.cookie(Authenticator.CSRF_COOKIE, r.csrf()).setPath("/")
                .setSameSite(CookieSameSite.STRICT).setSecure(secure).setMaxAge(sessionSeconds));
            return Http.json(ctx, 200, new JsonObject().put("user", user).put("token", r.token()).put("csrfToken", r.csrf()));
          }));
    });
  }

  public void mount(Routes routes) {
    routes.post("/api/auth/logout", "logout", ctx -> auth.logout(Authenticator.caller(ctx)).compose(v -> {
      ctx.response().addCookie(Cookie.cookie(Authenticator.SESSION_COOKIE, "").setPath("/").setMaxAge(0));
      ctx.response().addCookie(Cookie.cookie(Authenticator.CSRF_COOKIE, "").setPath("/").setMaxAge(0));
      return Http.noContent(ctx);
    }));
    routes.get("/api/me", "getMe", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      return views.one(caller.user()).compose(u -> Http.json(ctx, 200,
          caller.viaCookie() ? u.copy().put("csrfToken", caller.session().csrf()) : u));
    });
    routes.patch("/api/me", "updateMe", ctx -> {
      JsonObject b = Http.body(ctx);
      return auth.updateProfile(Authenticator.caller(ctx).id(), b.getString("name"), b.getString("locale"), b.getString("timeZone"))
          .compose(views::one).compose(u -> Http.json(ctx, 200, u));
    });
    routes.post("/api/me/password", "changePassword", ctx -> {
      JsonObject b = Http.body(ctx);
      return auth.changePassword(Authenticator.caller(ctx), b.getString("current"), b.getString("password"))
          .compose(v -> Http.noContent(ctx));
    });
  }

  private boolean secure(RoutingContext ctx) {
    return secureCookies || ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
  }

}
