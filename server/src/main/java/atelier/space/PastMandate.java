package atelier.space;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * A mandate a tactical group carried before it was reactivated with a new one: its dates and
 * contents, when it ended (the group went dormant) and its closing summary, if one was written.
 */
public record PastMandate(Mandate mandate, Instant endedAt, Closing closing) {
  public JsonObject toJson() {
    JsonObject o = mandate.toJson();
    if (endedAt != null) o.put("endedAt", endedAt.toString());
    if (closing != null) o.put("closing", closing.toJson());
    return o;
  }

  Document toDocument() {
    Document d = mandate.toDocument();
    if (endedAt != null) d.append("endedAt", Date.from(endedAt));
    if (closing != null) d.append("closing", closing.toDocument());
    return d;
  }

  static PastMandate from(Document d) {
    Date ended = d.getDate("endedAt");
    return new PastMandate(Mandate.from(d), ended == null ? null : ended.toInstant(), Closing.from(d.get("closing", Document.class)));
  }
}
