package atelier.space;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * What a tactical group leaves behind when its mandate closes: outcomes, deliverables and lessons
 * learned, written by whoever closed it ({@code by}, {@code at}). Shown on the directory card of the
 * dormant group and kept with its mandate when the group is reactivated.
 */
public record Closing(String outcomes, String deliverables, String lessons, Instant at, String by) {
  public JsonObject toJson() {
    return new JsonObject().put("outcomes", outcomes).put("deliverables", deliverables).put("lessons", lessons)
        .put("at", at.toString()).put("by", by);
  }

  Document toDocument() {
    return new Document("outcomes", outcomes).append("deliverables", deliverables).append("lessons", lessons)
        .append("at", Date.from(at)).append("by", by);
  }

  static Closing from(Document d) {
    if (d == null) return null;
    return new Closing(d.getString("outcomes"), d.getString("deliverables"), d.getString("lessons"),
        d.getDate("at").toInstant(), d.getString("by"));
  }

  /** The summary of a request body ({@code {"outcomes","deliverables","lessons"}}), or null when absent. */
  public static Closing fromJson(JsonObject j, Instant at, String by) {
    if (j == null) return null;
    return new Closing(strip(j.getString("outcomes")), strip(j.getString("deliverables")), strip(j.getString("lessons")), at, by);
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }
}
