package atelier.org;

import io.vertx.core.json.JsonObject;

/** A member centre of the network (a CCTT). */
public record Organisation(String id, String name) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }
}
