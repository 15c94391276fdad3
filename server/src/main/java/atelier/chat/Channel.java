package atelier.chat;

import io.vertx.core.json.JsonObject;
import atelier.space.Folding;
import java.time.Instant;
import org.bson.Document;

/** A channel of a space's discussions. {@code general} exists from the space's creation and stays open. */
public record Channel(String space, String id, String name, boolean archived, Instant createdAt) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("archived", archived).put("createdAt", createdAt.toString());
  }

  /** A name as people read it in a list: case, accents and runs of spaces ignored. */
  public static String nameKey(String name) {
    return Folding.fold(name);
  }

  static Channel from(Document d) {
    java.util.Date created = d.getDate("createdAt");
    return new Channel(d.getString("space"), d.getString("channel"), d.getString("name"), Boolean.TRUE.equals(d.getBoolean("archived")),
        created == null ? Instant.EPOCH : created.toInstant());
  }
}
