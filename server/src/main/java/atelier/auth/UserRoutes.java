package atelier.auth;

import atelier.errors.ApiError;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * REST edge for accounts: the people picker for everyone; creation, editing, disabling and password
 * resets for administrators.
 * An e-mail address is shown (and matched by a search) only to administrators, to its owner and to
 * the people who share a space with them: the directory of names is open, the addresses are not.
 */
public final class UserRoutes {
  private final AuthService auth;
  private final UserRepository users;
  private final UserViews views;
  private final Function<String, Future<Set<String>>> colleagues;

  public UserRoutes(AuthService auth, UserRepository users, UserViews views, Function<String, Future<Set<String>>> colleagues) {
    this.auth = auth;
    this.users = users;
    this.views = views;
    this.colleagues = colleagues;
  }

  /** What a person who is not an administrator sees of a search: no disabled account, no stranger's e-mail. */
  private Future<JsonArray> seenBy(Caller caller, String q, Future<List<User>> found) {
    return Future.all(found, colleagues.apply(caller.id())).compose(all -> {
      Set<String> near = all.resultAt(1);
      List<User> visible = all.<List<User>>resultAt(0).stream()
          .filter(u -> !u.disabled() && (near.contains(u.id()) || nameMatches(u, q)))
          .toList();
      return views.many(visible).map(arr -> {
        arr.forEach(o -> {
          JsonObject u = (JsonObject) o;
          if (!near.contains(u.getString("id"))) u.remove("email");
        });
        return arr;
      });
    });
  }

  private static boolean nameMatches(User u, String q) {
    return q == null || q.isBlank() || u.name().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT));
  }

  public void mount(Routes routes) {
    routes.get("/api/users", "listUsers", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      String q = ctx.request().getParam("q");
      Future<List<User>> found = users.search(q, 500);
      Future<JsonArray> shown = caller.admin() ? found.compose(views::many) : seenBy(caller, q, found);
      return shown.compose(arr -> Http.json(ctx, 200, new JsonObject().put("users", arr)));
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
      AccountChange change = new AccountChange(b.getString("name"), b.containsKey("organisation"), b.getString("organisation"),
          b.getBoolean("disabled"), b.getBoolean("admin"));
      return views.requireOrganisation(change.organisation())
          .compose(v -> auth.updateUser(ctx.pathParam("id"), change))
          .compose(views::one).compose(u -> Http.json(ctx, 200, u));
    });
    routes.post("/api/users/:id/password-reset", "resetPassword", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      if (!caller.admin()) return Future.failedFuture(ApiError.forbidden());
      return auth.resetPassword(ctx.pathParam("id"))
          .compose(temporary -> Http.json(ctx, 200, new JsonObject().put("temporaryPassword", temporary)));
    });
  }
}
