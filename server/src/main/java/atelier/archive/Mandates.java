package atelier.archive;

import atelier.space.PastMandate;
import atelier.space.Space;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code data/mandates.json}: a tactical group's mandates and closing summary, for people to read. */
final class Mandates {
  private Mandates() {}

  static JsonObject of(Space s) {
    JsonObject o = new JsonObject().put("space", s.id()).put("name", s.name()).put("kind", s.kind()).put("state", s.state().wire());
    if (s.mandate() != null) o.put("mandate", s.mandate().toJson());
    if (s.closing() != null) o.put("closing", s.closing().toJson());
    o.put("earlier", new JsonArray(s.mandates().stream().map(PastMandate::toJson).toList()));
    return o;
  }
}
