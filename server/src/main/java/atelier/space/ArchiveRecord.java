package atelier.space;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * The last archive (BagIt bag) downloaded of a space: the SHA-256 of the whole ZIP as it was sent,
 * its size, when and by whom. A dormant space may be purged only once such a record is newer than
 * its falling dormant, so the bag holds its final content.
 */
public record ArchiveRecord(String sha256, long bytes, Instant at, String by) {
  public JsonObject toJson() {
    return new JsonObject().put("sha256", sha256).put("bytes", bytes).put("at", at.toString()).put("by", by);
  }

  Document toDocument() {
    return new Document("sha256", sha256).append("bytes", bytes).append("at", Date.from(at)).append("by", by);
  }

  static ArchiveRecord from(Document d) {
    if (d == null) return null;
    return new ArchiveRecord(d.getString("sha256"), ((Number) d.get("bytes")).longValue(), d.getDate("at").toInstant(), d.getString("by"));
  }
}
