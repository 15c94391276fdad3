package atelier.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A chat message as stored: raw Markdown text (clients sanitise when rendering), its seq once its
 * {@code message.created} event is committed ({@code null} while pending), reactions as emoji →
 * people with a version bumped by every change (so clients keep the newest map even when two
 * {@code reaction.changed} events commit out of order), and {@code deleted} (the id stays, the text
 * is emptied).
 */
public record Message(
    String id,
    String space,
    String channel,
    String author,
    String text,
    String clientId,
    String thread,
    Long seq,
    Instant createdAt,
    Instant editedAt,
    boolean deleted,
    List<String> mentions,
    Map<String, List<String>> reactions,
    long reactionsVersion,
    int replyCount,
    List<String> files) {

  /** The wire form (REST, acks and event data). */
  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", id).put("channel", channel).put("author", author).put("text", text)
        .put("clientId", clientId).put("createdAt", createdAt.toString()).put("mentions", new JsonArray(mentions))
        .put("reactions", reactionsJson()).put("reactionsVersion", reactionsVersion).put("deleted", deleted).put("replyCount", replyCount);
    if (thread != null) o.put("thread", thread);
    if (seq != null) o.put("seq", seq);
    if (editedAt != null) o.put("editedAt", editedAt.toString());
    if (!files.isEmpty()) o.put("files", new JsonArray(files));
    return o;
  }

  /** The {@code data} of its {@code message.created} event: what a client needs to show it. */
  public JsonObject createdData() {
    JsonObject o = new JsonObject().put("id", id).put("channel", channel).put("author", author).put("text", text)
        .put("clientId", clientId).put("createdAt", createdAt.toString()).put("mentions", new JsonArray(mentions));
    if (thread != null) o.put("thread", thread);
    if (!files.isEmpty()) o.put("files", new JsonArray(files));
    return o;
  }

  public JsonObject reactionsJson() {
    JsonObject r = new JsonObject();
    reactions.forEach((emoji, users) -> r.put(emoji, new JsonArray(users)));
    return r;
  }

  public Message withSeq(long s) {
    return new Message(id, space, channel, author, text, clientId, thread, s, createdAt, editedAt, deleted, mentions, reactions,
        reactionsVersion, replyCount, files);
  }

  Document toDocument() {
    // No seq until its event is committed; a top-level message has no thread field (see the thread index).
    Document d = new Document("_id", id).append("space", space).append("channel", channel).append("author", author)
        .append("text", text).append("clientId", clientId);
    if (thread != null) d.append("thread", thread);
    if (!files.isEmpty()) d.append("files", files);
    return d.append("createdAt", Date.from(createdAt)).append("deleted", false).append("mentions", mentions)
        .append("reactions", new ArrayList<>()).append("replyCount", 0).append("claimedAt", new Date());
  }

  @SuppressWarnings("unchecked")
  static Message from(Document d) {
    Map<String, List<String>> reactions = new LinkedHashMap<>();
    List<Document> rs = d.getList("reactions", Document.class, List.of());
    for (Document r : rs) reactions.computeIfAbsent(r.getString("e"), k -> new ArrayList<>()).add(r.getString("u"));
    Object seq = d.get("seq");
    Date edited = d.getDate("editedAt");
    Number replies = (Number) d.get("replyCount");
    Number version = (Number) d.get("reactionsVersion");
    return new Message(d.getString("_id"), d.getString("space"), d.getString("channel"), d.getString("author"),
        d.getString("text"), d.getString("clientId"), d.getString("thread"), seq == null ? null : ((Number) seq).longValue(),
        d.getDate("createdAt").toInstant(), edited == null ? null : edited.toInstant(), Boolean.TRUE.equals(d.getBoolean("deleted")),
        List.copyOf(d.getList("mentions", String.class, List.of())), reactions, version == null ? 0 : version.longValue(),
        replies == null ? 0 : replies.intValue(), List.copyOf(d.getList("files", String.class, List.of())));
  }
}
