package atelier.notify;

import atelier.auth.Authenticator;
import atelier.errors.ApiError;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** REST edge of the inbox. */
public final class NotificationRoutes {
  private static final int DEFAULT_LIMIT = 50;
  private final NotificationService service;

  public NotificationRoutes(NotificationService service) {
    this.service = service;
  }

  public void mount(Routes routes) {
    routes.get("/api/notifications", "listNotifications", ctx -> {
      String limit = ctx.request().getParam("limit");
      return service.inbox(Authenticator.caller(ctx), limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit))
          .compose(inbox -> Http.json(ctx, 200, new JsonObject()
              .put("notifications", new JsonArray(inbox.notifications().stream().map(Notification::toJson).toList()))
              .put("unread", inbox.unread())));
    });
    routes.post("/api/notifications/read", "readNotifications", ctx -> {
      JsonObject b = Http.body(ctx);
      JsonArray ids = b.getJsonArray("ids");
      boolean all = Boolean.TRUE.equals(b.getBoolean("all"));
      if (!all && ids == null) throw ApiError.badField("ids", "required");
      List<String> list = all ? null : ids.stream().map(String.class::cast).toList();
      return service.markRead(Authenticator.caller(ctx), list)
          .compose(unread -> Http.json(ctx, 200, new JsonObject().put("unread", unread)));
    });
  }
}
