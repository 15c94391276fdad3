package atelier.docs;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * A shared document's record: its title, where it lives, its head revision and who last changed
 * it. {@code text} at {@code textRev} is the text of the last snapshot; the head text is that text
 * with the revisions after {@code textRev} applied (see {@link DocumentHeads}).
 */
record SharedDocument(
    String id,
    String space,
    String title,
    long rev,
    long textRev,
    String text,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy,
    boolean trashed) {

  Document toDocument() {
    return new Document("_id", id)
        .append("space", space)
        .append("title", title)
        .append("rev", rev)
        .append("textRev", textRev)
        .append("text", text)
        .append("createdAt", Date.from(createdAt))
        .append("createdBy", createdBy)
        .append("updatedAt", Date.from(updatedAt))
        .append("updatedBy", updatedBy)
        .append("trashed", trashed);
  }

  static SharedDocument from(Document d) {
    return new SharedDocument(
        d.getString("_id"),
        d.getString("space"),
        d.getString("title"),
        d.get("rev", Number.class).longValue(),
        d.get("textRev", Number.class).longValue(),
        d.getString("text"),
        d.getDate("createdAt").toInstant(),
        d.getString("createdBy"),
        d.getDate("updatedAt").toInstant(),
        d.getString("updatedBy"),
        Boolean.TRUE.equals(d.getBoolean("trashed")));
  }

  /** The summary of lists and events (no text). */
  JsonObject summary() {
    return new JsonObject()
        .put("id", id)
        .put("space", space)
        .put("title", title)
        .put("rev", rev)
        .put("createdAt", createdAt.toString())
        .put("createdBy", createdBy)
        .put("updatedAt", updatedAt.toString())
        .put("updatedBy", updatedBy)
        .put("trashed", trashed);
  }
}
