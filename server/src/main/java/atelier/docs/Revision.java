package atelier.docs;

import atelier.docs.ot.TextOperation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** One entry of a document's revision log: the operation that produced {@code rev}, as applied. */
record Revision(String doc, long rev, TextOperation op, String author, String clientId, Instant at) {

  Document toDocument() {
    return new Document("doc", doc)
        .append("rev", rev)
        .append("op", op.toJson())
        .append("author", author)
        .append("clientId", clientId)
        .append("at", Date.from(at));
  }

  static Revision from(Document d) {
    return new Revision(
        d.getString("doc"),
        d.get("rev", Number.class).longValue(),
        TextOperation.fromJson(d.getList("op", Object.class)),
        d.getString("author"),
        d.getString("clientId"),
        d.getDate("at").toInstant());
  }

  /** The event-bus form, and the {@code doc.op} frame's fields. */
  JsonObject toJson(String space) {
    return new JsonObject()
        .put("space", space)
        .put("doc", doc)
        .put("rev", rev)
        .put("op", new JsonArray(op.toJson()))
        .put("author", author)
        .put("clientId", clientId)
        .put("at", at.toString());
  }

  static Revision fromJson(JsonObject j) {
    return new Revision(
        j.getString("doc"),
        j.getLong("rev"),
        TextOperation.fromJson(j.getJsonArray("op").getList()),
        j.getString("author"),
        j.getString("clientId"),
        Instant.parse(j.getString("at")));
  }
}
