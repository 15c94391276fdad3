package atelier.board;

import io.vertx.core.json.JsonObject;

/**
 * An optional horizontal band of a board (a deliverable, a team…); a card may sit in one. An
 * archived lane keeps its cards but takes no card that is not already in it.
 */
public record Swimlane(String id, String name, boolean archived) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("archived", archived);
  }

  static Swimlane fromJson(JsonObject j) {
    return new Swimlane(j.getString("id"), j.getString("name"), Boolean.TRUE.equals(j.getBoolean("archived")));
  }
}
