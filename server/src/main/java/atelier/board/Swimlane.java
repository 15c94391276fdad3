package atelier.board;

import io.vertx.core.json.JsonObject;

/** An optional horizontal band of a board (a deliverable, a team…); a card may sit in one. */
public record Swimlane(String id, String name) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }

  static Swimlane fromJson(JsonObject j) {
    return new Swimlane(j.getString("id"), j.getString("name"));
  }
}
