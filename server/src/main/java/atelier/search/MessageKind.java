package atelier.search;

import atelier.chat.Message;
import atelier.chat.MessageRepository;
import atelier.events.Event;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chat messages. A {@code message.created} event carries the whole message, so it is indexed from the
 * event alone (no read under load). An edit is indexed from the message as it is now in the store —
 * the event lacks its author and time, and the current state is right whatever order replays come
 * in; a deletion removes it.
 */
final class MessageKind implements SearchableKind {
  static final String KIND = "message";
  private final MessageRepository messages;

  MessageKind(MessageRepository messages) {
    this.messages = messages;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean follows(String eventKind) {
    return eventKind.equals("message.created") || eventKind.equals("message.edited") || eventKind.equals("message.deleted");
  }

  @Override
  public Future<List<IndexChange>> changes(Event e, IndexedSpace space) {
    JsonObject d = e.data();
    String id = d.getString("id");
    if (id == null) return Future.succeededFuture(List.of());
    return switch (e.kind()) {
      case "message.created" -> Future.succeededFuture(List.of(put(space, id, d.getString("channel"), d.getString("thread"),
          d.getString("author"), d.getString("text"), Instant.parse(d.getString("createdAt")))));
      case "message.edited" -> messages.byId(id).map(current -> List.of(fromStore(space, id, current)));
      default -> Future.succeededFuture(List.of(new IndexChange.Remove(KIND, id)));
    };
  }

  private static IndexChange fromStore(IndexedSpace space, String id, Optional<Message> current) {
    if (current.isEmpty() || current.get().deleted() || current.get().seq() == null || !current.get().space().equals(space.id())) {
      return new IndexChange.Remove(KIND, id);
    }
    Message m = current.get();
    return put(space, id, m.channel(), m.thread(), m.author(), m.text(), m.createdAt());
  }

  private static IndexChange put(IndexedSpace space, String id, String channel, String thread, String author, String text, Instant at) {
    Map<String, String> attrs = new HashMap<>();
    attrs.put("channel", channel);
    if (thread != null) attrs.put("thread", thread);
    return new IndexChange.Put(new SearchDoc(KIND, id, space.id(), space.language(), null, text, author, at, attrs));
  }

  @Override
  public void describe(String space, String id, Map<String, String> attrs, JsonObject result) {
    String channel = attrs.get("channel");
    String thread = attrs.get("thread");
    result.put("channel", channel);
    if (thread != null) result.put("thread", thread);
    // Replies open in their thread; both land on the message itself.
    String path = "/spaces/" + space + "/discussions/" + channel + (thread != null ? "/" + thread : "");
    result.put("link", path + "?message=" + id);
  }
}
