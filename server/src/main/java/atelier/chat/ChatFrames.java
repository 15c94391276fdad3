package atelier.chat;

import atelier.platform.Frames;
import atelier.platform.Platform;
import atelier.platform.Signal;
import atelier.platform.SignalType;
import atelier.space.SpaceLogStream;
import atelier.errors.ApiError;
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

  public void register(Platform registry, long typingIntervalMs) {
    String budget = ChatFeature.MESSAGE_BUDGET;
    registry.frame("message.send", budget, Set.of("space", "channel", "clientId", "text", "thread", "files"), (from, f) -> {
      ChatService.SendCommand cmd = new ChatService.SendCommand(Frames.id(f, "space"), Frames.id(f, "channel"),
          Frames.string(f, "clientId", 64), Frames.optString(f, "text", Integer.MAX_VALUE), optId(f, "thread"), Frames.ids(f, "files", MAX_FILES));
      return chat.send(from.caller(), cmd).map(ChatService.Sent::ack);
    });
    registry.frame("message.edit", budget, Set.of("space", "id", "text"), (from, f) -> ack(
        chat.edit(from.caller(), Frames.id(f, "space"), Frames.id(f, "id"), Frames.string(f, "text", Integer.MAX_VALUE))));
    registry.frame("message.delete", budget, Set.of("space", "id"), (from, f) -> ack(
        chat.delete(from.caller(), Frames.id(f, "space"), Frames.id(f, "id"))));
    registry.frame("reaction.toggle", budget, Set.of("space", "id", "emoji"), (from, f) -> ack(
        chat.toggleReaction(from.caller(), Frames.id(f, "space"), Frames.id(f, "id"), Frames.string(f, "emoji", 32))));
    registry.frame("read", null, Set.of("space", "channel", "seq"), (from, f) -> chat
        .markRead(from.caller(), Frames.id(f, "space"), Frames.id(f, "channel"), requiredSeq(f))
        .map(v -> new JsonObject().put("type", "ack").put("space", f.getString("space")).put("channel", v.channel().id())
            .put("lastRead", v.lastRead()).put("unread", v.unread()).put("mentions", v.mentions())));
    // PROTOCOL.md's typing frame: to the space's other subscribers, for a channel that is open, by a
    // person who may write there and has subscribed to the space (at most once per interval per channel).
    registry.signal(new SignalType("typing", Set.of("space", "channel"), null, typingIntervalMs,
        f -> f.getString("space") + '\n' + f.getString("channel"), (from, f) -> {
          String space = Frames.id(f, "space");
          String channel = Frames.id(f, "channel");
          if (!from.follows(SpaceLogStream.NAME, space)) return Future.failedFuture(ApiError.badField("space", "not_subscribed"));
          return chat.typing(from.caller(), space, channel).map(v -> Signal.toFollowers(SpaceLogStream.NAME, space,
              new JsonObject().put("type", "typing").put("space", space).put("channel", channel).put("user", from.caller().id()))
              .exceptUser(from.caller().id()));
        }));
  }

  private static Future<JsonObject> ack(Future<Message> m) {
    return m.map(x -> new JsonObject().put("type", "ack").put("message", x.toJson()));
  }

  private static String optId(JsonObject f, String name) {
    return f.getValue(name) == null ? null : Frames.id(f, name);
  }

  private static long requiredSeq(JsonObject f) {
    long seq = Frames.optLong(f, "seq", -1);
    if (seq < 0) throw ApiError.badField("seq", "required");
    return seq;
  }
}
