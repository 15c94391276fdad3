package atelier.auth;

import atelier.http.ApiError;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** REST edge for accounts: the people picker for everyone, creation and disabling for administrators. */
public final class UserRoutes {
  private final AuthService auth;
  private final UserRepository users;
  private final UserViews views;

  public UserRoutes(AuthService auth, UserRepository users, UserViews views) {
    this.auth = auth;
    this.users = users;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.get("/api/users", "listUsers", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      return users.search(ctx.request().getParam("q"), 500)
          .map(list -> caller.admin() ? list : list.stream().filter(u -> !u.disabled()).toList())
          .compose(views::many)
          .compose(arr -> Http.json(ctx, 200, new JsonObject().put("users", arr)));
    });
    routes.post("/api/users", "createUser", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      if (!caller.admin()) return Future.failedFuture(ApiError.forbidden());
      JsonObject b = Http.body(ctx);
      return views.requireOrganisation(b.getString("organisation")).compose(v -> auth.createUser(b.getString("email"), b.getString("name"), b.getString("organisation"),
              b.getBoolean("admin", false), b.getString("password")))
          .compose(views::one).compose(u -> Http.json(ctx, 201, u));
    });
    routes.patch("/api/users/:id", "updateUser", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      if (!caller.admin()) return Future.failedFuture(ApiError.forbidden());
      JsonObject b = Http.body(ctx);
      return auth.updateUser(ctx.pathParam("id"), b.getBoolean("disabled"), b.getBoolean("admin"))
          .compose(views::one).compose(u -> Http.json(ctx, 200, u));
    });
  }
}
