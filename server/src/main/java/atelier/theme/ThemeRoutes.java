package atelier.theme;

import atelier.auth.Authenticator;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** REST edge for the managed list of themes. */
public final class ThemeRoutes {
  private final ThemeService service;

  public ThemeRoutes(ThemeService service) {
    this.service = service;
  }

  public void mount(Routes routes) {
    routes.get("/api/themes", "listThemes", ctx -> service.list()
        .compose(list -> Http.json(ctx, 200, new JsonObject().put("themes",
            new JsonArray(list.stream().map(Theme::toJson).toList())))));
    routes.post("/api/themes", "createTheme", ctx -> service
        .create(Authenticator.caller(ctx), Http.body(ctx).getString("name"))
        .compose(t -> Http.json(ctx, 201, t.toJson())));
    routes.patch("/api/themes/:id", "renameTheme", ctx -> service
        .rename(Authenticator.caller(ctx), ctx.pathParam("id"), Http.body(ctx).getString("name"))
        .compose(t -> Http.json(ctx, 200, t.toJson())));
  }
}
