package atelier.space;

import io.vertx.core.json.JsonObject;

/**
 * What {@code PATCH /api/spaces/{id}} changes: each field null when left as it is. A mandate given
 * is the whole new mandate.
 */
public record SpaceChanges(String name, String theme, String description, Mandate mandate, String language) {
  static SpaceChanges fromJson(JsonObject b) {
    JsonObject mandate = b.getJsonObject("mandate");
    return new SpaceChanges(strip(b.getString("name")), strip(b.getString("theme")), strip(b.getString("description")),
        mandate == null ? null : Mandate.fromJson(mandate), SpaceService.language(b.getString("language"), null));
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  /** The event's data: the fields that changed, as the client reads them. */
  JsonObject toJson() {
    JsonObject o = new JsonObject();
    if (name != null) o.put("name", name);
    if (theme != null) o.put("theme", theme);
    if (description != null) o.put("description", description);
    if (mandate != null) o.put("mandate", mandate.toJson());
    if (language != null) o.put("language", language);
    return o;
  }
}
