package atelier.chat;

import atelier.auth.Authenticator;
import atelier.errors.ApiError;
import atelier.http.Http;
import atelier.platform.Budgets;
import atelier.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** REST edge of discussions: channels, history, threads, and the same commands as the WebSocket. */
public final class ChatRoutes {
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 200;
  private final ChatService chat;
  private final Budgets limits;

  public ChatRoutes(ChatService chat, Budgets limits) {
    this.chat = chat;
    this.limits = limits;
  }

  public void mount(Routes routes) {
    routes.get("/api/spaces/:id/channels", "listChannels", ctx -> chat.channels(Authenticator.caller(ctx), ctx.pathParam("id"))
        .compose(list -> Http.json(ctx, 200, new JsonObject().put("channels",
            new JsonArray(list.stream().map(ChatService.ChannelView::toJson).toList())))));
    routes.post("/api/spaces/:id/channels", "createChannel", ctx -> chat
        .createChannel(Authenticator.caller(ctx), ctx.pathParam("id"), Http.body(ctx).getString("name"))
        .compose(c -> Http.json(ctx, 201, c.toJson())));
    routes.patch("/api/spaces/:id/channels/:channel", "updateChannel", ctx -> {
      JsonObject b = Http.body(ctx);
      return chat.updateChannel(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("channel"), b.getString("name"),
          b.getBoolean("archived")).compose(c -> Http.json(ctx, 200, c.toJson()));
    });
    routes.get("/api/spaces/:id/channels/:channel/messages", "listMessages", ctx -> chat
        .history(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("channel"), ctx.request().getParam("before"), limit(ctx))
        .compose(list -> Http.json(ctx, 200, page(list))));
    routes.post("/api/spaces/:id/channels/:channel/messages", "sendMessage", ctx -> {
      JsonObject b = Http.body(ctx);
      // The same per-person message rate as the WebSocket, so REST is no way around it.
      String user = Authenticator.caller(ctx).id();
      if (!limits.allow(user, ChatFeature.MESSAGE_BUDGET)) throw ApiError.rateLimited(1);
      return limits.allowAcrossNodes(user, ChatFeature.MESSAGE_BUDGET)
          .compose(ok -> ok ? Future.<Void>succeededFuture() : Future.failedFuture(ApiError.rateLimited(1)))
          .compose(v -> chat.send(Authenticator.caller(ctx), new ChatService.SendCommand(ctx.pathParam("id"), ctx.pathParam("channel"),
              b.getString("clientId"), b.getString("text"), b.getString("thread"), fileIds(b.getJsonArray("files")))))
          .compose(sent -> Http.json(ctx, 201, new JsonObject().put("seq", sent.seq()).put("message", sent.message().toJson())));
    });
    routes.get("/api/spaces/:id/channels/:channel/messages/:messageId/replies", "listReplies", ctx -> {
      String after = ctx.request().getParam("after");
      return chat.replies(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("channel"), ctx.pathParam("messageId"),
              after == null ? 0 : Long.parseLong(after), limit(ctx))
          .compose(list -> Http.json(ctx, 200, page(list)));
    });
    routes.post("/api/spaces/:id/channels/:channel/read", "markRead", ctx -> chat
        .markRead(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("channel"), Http.body(ctx).getLong("seq"))
        .compose(v -> Http.json(ctx, 200, v.toJson())));
    routes.get("/api/spaces/:id/messages/:messageId", "getMessage", ctx -> chat
        .message(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("messageId"))
        .compose(m -> Http.json(ctx, 200, m.toJson())));
    routes.patch("/api/spaces/:id/messages/:messageId", "editMessage", ctx -> chat
        .edit(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("messageId"), Http.body(ctx).getString("text"))
        .compose(m -> Http.json(ctx, 200, m.toJson())));
    routes.delete("/api/spaces/:id/messages/:messageId", "deleteMessage", ctx -> chat
        .delete(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("messageId"))
        .compose(m -> Http.json(ctx, 200, m.toJson())));
    routes.post("/api/spaces/:id/messages/:messageId/reactions", "toggleReaction", ctx -> chat
        .toggleReaction(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("messageId"), Http.body(ctx).getString("emoji"))
        .compose(m -> Http.json(ctx, 200, m.toJson())));
  }

  private static List<String> fileIds(JsonArray ids) {
    return ids == null ? List.of() : ids.stream().map(String.class::cast).toList();
  }

  private static int limit(RoutingContext ctx) {
    String l = ctx.request().getParam("limit");
    return l == null ? DEFAULT_PAGE : Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(l)));
  }

  private static JsonObject page(List<Message> list) {
    return new JsonObject().put("messages", new JsonArray(list.stream().map(Message::toJson).toList()));
  }
}
