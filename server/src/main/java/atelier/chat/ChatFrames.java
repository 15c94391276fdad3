package atelier.chat;

import atelier.realtime.FrameRegistry;
import atelier.realtime.Frames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** The WebSocket frames of discussions, registered with the gateway (which knows no feature). */
public final class ChatFrames {
  static final int MAX_FILES = 10;
  private final ChatService chat;

  public ChatFrames(ChatService chat) {
    this.chat = chat;
  }

  public void register(FrameRegistry registry) {
    registry.register("message.send", FrameRegistry.Budget.MESSAGE, Set.of("space", "channel", "clientId", "text", "thread", "files"), (from, f) -> {
      ChatService.SendCommand cmd = new ChatService.SendCommand(Frames.id(f, "space"), Frames.id(f, "channel"),
          Frames.string(f, "clientId", 64), Frames.optString(f, "text", Integer.MAX_VALUE), optId(f, "thread"), Frames.ids(f, "files", MAX_FILES));
      return chat.send(from.caller(), cmd).map(ChatService.Sent::ack);
    });
    registry.register("message.edit", FrameRegistry.Budget.MESSAGE, Set.of("space", "id", "text"), (from, f) -> ack(
        chat.edit(from.caller(), Frames.id(f, "space"), Frames.id(f, "id"), Frames.string(f, "text", Integer.MAX_VALUE))));
    registry.register("message.delete", FrameRegistry.Budget.MESSAGE, Set.of("space", "id"), (from, f) -> ack(
        chat.delete(from.caller(), Frames.id(f, "space"), Frames.id(f, "id"))));
    registry.register("reaction.toggle", FrameRegistry.Budget.MESSAGE, Set.of("space", "id", "emoji"), (from, f) -> ack(
        chat.toggleReaction(from.caller(), Frames.id(f, "space"), Frames.id(f, "id"), Frames.string(f, "emoji", 32))));
    registry.register("read", FrameRegistry.Budget.NONE, Set.of("space", "channel", "seq"), (from, f) -> chat
        .markRead(from.caller(), Frames.id(f, "space"), Frames.id(f, "channel"), requiredSeq(f))
        .map(v -> new JsonObject().put("type", "ack").put("space", f.getString("space")).put("channel", v.channel().id())
            .put("lastRead", v.lastRead()).put("unread", v.unread()).put("mentions", v.mentions())));
  }

  private static Future<JsonObject> ack(Future<Message> m) {
    return m.map(x -> new JsonObject().put("type", "ack").put("message", x.toJson()));
  }

  private static String optId(JsonObject f, String name) {
    return f.getValue(name) == null ? null : Frames.id(f, name);
  }

  private static long requiredSeq(JsonObject f) {
    long seq = Frames.optLong(f, "seq", -1);
    if (seq < 0) throw atelier.http.ApiError.badField("seq", "required");
    return seq;
  }
}
