package atelier.events;

import atelier.store.JsonDocuments;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.bson.Document;

/** One durable change in a space, numbered by the space's {@code seq}. */
public record Event(String space, long seq, String kind, Instant at, String actor, JsonObject data) {

  /** The WebSocket frame of PROTOCOL.md. */
  public JsonObject toFrame() {
    return new JsonObject()
        .put("type", "event")
        .put("space", space)
        .put("seq", seq)
        .put("kind", kind)
        .put("at", at.toString())
        .put("actor", actor)
        .put("data", data);
  }

  public static Event fromFrame(JsonObject f) {
    return new Event(f.getString("space"), f.getLong("seq"), f.getString("kind"), Instant.parse(f.getString("at")),
        f.getString("actor"), f.getJsonObject("data"));
  }

  static Event from(Document d) {
    Object data = d.get("data");
    JsonObject json = data instanceof Document doc ? JsonDocuments.toJson(doc) : new JsonObject();
    return new Event(d.getString("space"), d.getLong("seq"), d.getString("kind"), d.getDate("at").toInstant(),
        d.getString("actor"), json);
  }
}
