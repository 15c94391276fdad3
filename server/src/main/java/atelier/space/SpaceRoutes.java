package atelier.space;

import atelier.auth.Authenticator;
import atelier.auth.Caller;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** REST edge for spaces, members and join requests. */
public final class SpaceRoutes {
  private final SpaceService service;
  private final SpaceViews views;

  public SpaceRoutes(SpaceService service, SpaceViews views) {
    this.service = service;
    this.views = views;
  }

  public void mount(Routes routes) {
    routes.get("/api/spaces", "listSpaces", ctx -> {
      SpaceViews.Filter f = new SpaceViews.Filter(ctx.request().getParam("kind"), ctx.request().getParam("state"),
          blankToNull(ctx.request().getParam("theme")), blankToNull(ctx.request().getParam("q")));
      return views.directory(Authenticator.caller(ctx), f)
          .compose(arr -> Http.json(ctx, 200, new JsonObject().put("spaces", arr)));
    });
    routes.post("/api/spaces", "createSpace", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      JsonObject b = Http.body(ctx);
      Future<Space> created = "squad".equals(b.getString("kind"))
          ? service.createSquad(caller, b.getString("name"), b.getString("theme"), b.getString("language"))
          : service.proposeTactical(caller, b.getString("name"), Mandate.fromJson(b.getJsonObject("mandate")),
              b.getString("squad"), b.getString("theme"), b.getString("state"), b.getString("language"));
      return created.compose(s -> views.one(caller, s.id())).compose(s -> Http.json(ctx, 201, s));
    });
    routes.get("/api/spaces/:id", "getSpace", ctx -> views.one(Authenticator.caller(ctx), ctx.pathParam("id"))
        .compose(s -> Http.json(ctx, 200, s)));
    routes.patch("/api/spaces/:id", "updateSpace", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      return service.update(caller, ctx.pathParam("id"), SpaceChanges.fromJson(Http.body(ctx)))
          .compose(s -> views.one(caller, s.id())).compose(s -> Http.json(ctx, 200, s));
    });
    routes.post("/api/spaces/:id/state", "changeSpaceState", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      JsonObject b = Http.body(ctx);
      JsonObject mandate = b.getJsonObject("mandate");
      SpaceLifecycle.Request request = new SpaceLifecycle.Request(b.getString("state"), b.getString("reason"),
          mandate == null ? null : Mandate.fromJson(mandate), b.getJsonObject("closing"));
      return service.changeState(caller, ctx.pathParam("id"), request)
          .compose(s -> views.one(caller, s.id())).compose(s -> Http.json(ctx, 200, s));
    });
    routes.post("/api/spaces/:id/closing", "writeClosingSummary", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      return service.writeClosing(caller, ctx.pathParam("id"), Http.body(ctx))
          .compose(s -> views.one(caller, s.id())).compose(s -> Http.json(ctx, 200, s));
    });
    routes.get("/api/spaces/:id/members", "listMembers", ctx -> service.members(Authenticator.caller(ctx), ctx.pathParam("id"))
        .compose(views::members).compose(arr -> Http.json(ctx, 200, new JsonObject().put("members", arr))));
    routes.post("/api/spaces/:id/members", "putMember", ctx -> {
      JsonObject b = Http.body(ctx);
      return service.putMember(Authenticator.caller(ctx), ctx.pathParam("id"), b.getString("user"), Role.of(b.getString("role")))
          .compose(m -> Http.json(ctx, 200, m.toJson()));
    });
    routes.delete("/api/spaces/:id/members/:userId", "removeMember", ctx -> service
        .removeMember(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("userId"))
        .compose(v -> Http.noContent(ctx)));
    routes.post("/api/spaces/:id/join-requests", "requestJoin", ctx -> {
      JsonObject b = ctx.body().length() <= 0 ? new JsonObject() : Http.body(ctx); // the body is optional (-1: none sent)
      return service.requestJoin(Authenticator.caller(ctx), ctx.pathParam("id"), b.getString("message"))
          .compose(views::request).compose(r -> Http.json(ctx, 201, r));
    });
    routes.get("/api/spaces/:id/join-requests", "listJoinRequests", ctx -> service
        .pendingRequests(Authenticator.caller(ctx), ctx.pathParam("id"))
        .compose(views::requests).compose(arr -> Http.json(ctx, 200, new JsonObject().put("requests", arr))));
    routes.post("/api/spaces/:id/join-requests/:requestId", "decideJoinRequest", ctx -> {
      JsonObject b = Http.body(ctx);
      return service.decide(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("requestId"),
              "accept".equals(b.getString("decision")))
          .compose(views::request).compose(r -> Http.json(ctx, 200, r));
    });
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
