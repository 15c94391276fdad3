package atelier.space;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * An administrator's approval of a tactical group whose mandate starts later: the group stays
 * {@code proposed} with this mark until its start date, when the scheduler makes it active. Kept
 * afterwards as the record of who approved it and when.
 */
public record Approval(Instant at, String by, String reason) {
  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("at", at.toString()).put("by", by);
    if (reason != null) o.put("reason", reason);
    return o;
  }

  Document toDocument() {
    return new Document("at", Date.from(at)).append("by", by).append("reason", reason);
  }

  static Approval from(Document d) {
    if (d == null) return null;
    return new Approval(d.getDate("at").toInstant(), d.getString("by"), d.getString("reason"));
  }
}
