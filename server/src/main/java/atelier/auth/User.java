package atelier.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.bson.Document;

/** A person with an account. The password hash never leaves the server. */
public record User(
    String id,
    String email,
    String name,
    String organisation,
    boolean admin,
    String locale,
    String timeZone,
    boolean disabled,
    String passwordHash,
    Instant createdAt,
    boolean mustChangePassword) {

  static User from(Document d) {
    return new User(
        d.getString("_id"),
        d.getString("email"),
        d.getString("name"),
        d.getString("organisation"),
        Boolean.TRUE.equals(d.getBoolean("admin")),
        d.getString("locale") == null ? "fr" : d.getString("locale"),
        d.getString("timeZone"),
        Boolean.TRUE.equals(d.getBoolean("disabled")),
        d.getString("passwordHash"),
        d.getDate("createdAt") == null ? Instant.EPOCH : d.getDate("createdAt").toInstant(),
        Boolean.TRUE.equals(d.getBoolean("mustChangePassword")));
  }

  /** The public form; {@code organisation} is expanded by the caller when it has the name. */
  public JsonObject toJson(JsonObject organisationJson) {
    JsonObject o = new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("name", name)
        .put("organisation", organisationJson)
        .put("roles", admin ? new JsonArray().add("admin") : new JsonArray())
        .put("locale", locale)
        .put("disabled", disabled);
    if (timeZone != null) o.put("timeZone", timeZone);
    // Present only while a temporary password (set by an administrator) waits to be replaced.
    if (mustChangePassword) o.put("mustChangePassword", true);
    return o;
  }
}
