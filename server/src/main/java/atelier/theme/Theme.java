package atelier.theme;

import io.vertx.core.json.JsonObject;
import org.bson.Document;

/** One of the network's themes (its strategic axes): squads follow one, the directory filters by them. */
public record Theme(String id, String name) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }

  static Theme from(Document d) {
    return new Theme(d.getString("_id"), d.getString("name"));
  }
}
