package atelier.files;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * A file shared in a space: its metadata. The bytes are a blob found by {@code sha256} (several files
 * may share one blob, see {@link BlobRefs}); {@code thumbnail} is the key of its preview, if any.
 */
public record SharedFile(String id, String space, String name, long size, String type, String sha256, String uploadedBy,
    Instant createdAt, String thumbnail) {

  /** The wire form of PROTOCOL.md ("Files"), plus {@code thumbnail} (whether a preview exists). */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("space", space).put("name", name).put("size", size).put("type", type)
        .put("sha256", sha256).put("uploadedBy", uploadedBy).put("createdAt", createdAt.toString())
        .put("thumbnail", thumbnail != null);
  }

  public boolean image() {
    return type.startsWith("image/");
  }

  public SharedFile withName(String newName) {
    return new SharedFile(id, space, newName, size, type, sha256, uploadedBy, createdAt, thumbnail);
  }

  Document toDocument() {
    Document d = new Document("_id", id).append("space", space).append("name", name).append("size", size).append("type", type)
        .append("sha256", sha256).append("uploadedBy", uploadedBy).append("createdAt", Date.from(createdAt));
    if (thumbnail != null) d.append("thumbnail", thumbnail);
    return d;
  }

  static SharedFile from(Document d) {
    return new SharedFile(d.getString("_id"), d.getString("space"), d.getString("name"), ((Number) d.get("size")).longValue(),
        d.getString("type"), d.getString("sha256"), d.getString("uploadedBy"), d.getDate("createdAt").toInstant(),
        d.getString("thumbnail"));
  }
}
