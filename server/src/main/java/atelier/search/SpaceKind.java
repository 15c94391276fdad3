package atelier.search;

import atelier.events.Event;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Space cards of the directory: name (as title), theme, mandate and closing summary. The feed reads
 * the space again before giving this kind a {@code space.*} event, and its sweep catches changes made
 * without an event (a squad is created without one).
 */
final class SpaceKind implements SearchableKind {
  static final String KIND = "space";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean follows(String eventKind) {
    return eventKind.startsWith("space.");
  }

  @Override
  public Future<List<IndexChange>> changes(Event e, IndexedSpace space) {
    return Future.succeededFuture(List.of(card(space)));
  }

  static IndexChange card(IndexedSpace s) {
    String text = String.join("\n", nonNull(s.theme()), nonNull(s.mandate()), nonNull(s.summary())).strip();
    Map<String, String> attrs = new HashMap<>();
    attrs.put(Fields.STATE, s.state());
    attrs.put(Fields.CREATED_BY, s.createdBy());
    attrs.put("spaceKind", s.kind());
    return new IndexChange.Put(new SearchDoc(KIND, s.id(), s.id(), s.language(), s.name(), text, null, s.createdAt(), attrs));
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  @Override
  public void describe(String space, String id, Map<String, String> attrs, JsonObject result) {
    result.put("spaceKind", attrs.get("spaceKind"));
    result.put("link", "/spaces/" + id);
  }
}
