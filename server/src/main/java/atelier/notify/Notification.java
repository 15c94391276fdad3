package atelier.notify;

import atelier.store.JsonDocuments;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.bson.Document;

/**
 * Something a person should not miss: a mention, a reply in their thread, a join request to
 * decide (coordinators), a proposal to examine (administrators). {@code data} says where it is
 * (space, channel, message, request…); the client words it. Read state is kept here, so it is the
 * same on every device.
 */
public record Notification(String id, String user, String kind, String space, String spaceName, String actor,
    String actorName, Instant at, boolean read, JsonObject data) {
  public static final String MENTION = "mention";
  public static final String REPLY = "reply";
  public static final String JOIN_REQUEST = "join.requested";
  public static final String PROPOSAL = "space.proposed";
  public static final String MANDATE_ENDING = "mandate.ending";

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("kind", kind)
        .put("space", new JsonObject().put("id", space).put("name", spaceName))
        .put("actor", new JsonObject().put("id", actor).put("name", actorName))
        .put("at", at.toString()).put("read", read).put("data", data);
  }

  Document toDocument() {
    return new Document("_id", id).append("user", user).append("kind", kind).append("space", space)
        .append("spaceName", spaceName).append("actor", actor).append("actorName", actorName)
        .append("at", java.util.Date.from(at)).append("read", read).append("data", Document.parse(data.encode()));
  }

  static Notification from(Document d) {
    Object data = d.get("data");
    return new Notification(d.getString("_id"), d.getString("user"), d.getString("kind"), d.getString("space"),
        d.getString("spaceName"), d.getString("actor"), d.getString("actorName"), d.getDate("at").toInstant(),
        Boolean.TRUE.equals(d.getBoolean("read")), data instanceof Document doc ? JsonDocuments.toJson(doc) : new JsonObject());
  }
}
