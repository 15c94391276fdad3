package atelier.space;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A person's role in a space. */
public record Membership(String space, String user, Role role, Instant joinedAt) {
  public JsonObject toJson() {
    return new JsonObject().put("space", space).put("user", user).put("role", role.wire()).put("joinedAt", joinedAt.toString());
  }
}
