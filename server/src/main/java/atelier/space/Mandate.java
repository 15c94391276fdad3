package atelier.space;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.bson.Document;

/** A tactical group's mandate: the issue it tackles, what it aims at and delivers, and when. */
public record Mandate(String issue, String objectives, String deliverables, LocalDate start, LocalDate end) {
  public JsonObject toJson() {
    return new JsonObject().put("issue", issue).put("objectives", objectives).put("deliverables", deliverables)
        .put("start", start.toString()).put("end", end.toString());
  }

  public Document toDocument() {
    return new Document("issue", issue).append("objectives", objectives).append("deliverables", deliverables)
        .append("start", start.toString()).append("end", end.toString());
  }

  static Mandate from(Document d) {
    if (d == null) return null;
    return new Mandate(d.getString("issue"), d.getString("objectives"), d.getString("deliverables"),
        LocalDate.parse(d.getString("start")), LocalDate.parse(d.getString("end")));
  }

  static Mandate fromJson(JsonObject j) {
    return new Mandate(j.getString("issue").trim(), j.getString("objectives").trim(), j.getString("deliverables").trim(),
        LocalDate.parse(j.getString("start")), LocalDate.parse(j.getString("end")));
  }
}
