package atelier.board;

import io.vertx.core.json.JsonObject;

/** A column of a board; {@code wipLimit} (null: none) is shown and warned about, never enforced. */
public record Column(String id, String name, Integer wipLimit, boolean archived) {
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("id", id).put("name", name).put("archived", archived);
    if (wipLimit != null) j.put("wipLimit", wipLimit);
    return j;
  }

  static Column fromJson(JsonObject j) {
    return new Column(j.getString("id"), j.getString("name"), j.getInteger("wipLimit"), Boolean.TRUE.equals(j.getBoolean("archived")));
  }
}
