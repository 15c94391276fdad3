package atelier.search;

import atelier.events.Event;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Board cards, found by their title, description, labels and checklist. {@code card.created} and
 * {@code card.updated} carry the whole card (comments included), so the index needs no read;
 * {@code card.deleted} takes it out. Moves change no text and are not followed.
 */
final class CardKind implements SearchableKind {
  static final String KIND = "card";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean follows(String eventKind) {
    return eventKind.equals("card.created") || eventKind.equals("card.updated") || eventKind.equals("card.deleted");
  }

  @Override
  public Future<List<IndexChange>> changes(Event e, IndexedSpace space) {
    JsonObject d = e.data();
    if (e.kind().equals("card.deleted")) {
      String id = d.getString("id");
      return Future.succeededFuture(id == null ? List.of() : List.of(new IndexChange.Remove(KIND, id)));
    }
    JsonObject c = d.getJsonObject("card");
    if (c == null || c.getString("id") == null) return Future.succeededFuture(List.of());
    StringBuilder text = new StringBuilder(c.getString("title", "")).append('\n').append(c.getString("description", ""));
    for (Object l : c.getJsonArray("labels", new JsonArray())) text.append('\n').append(l);
    for (Object i : c.getJsonArray("checklist", new JsonArray())) text.append('\n').append(((JsonObject) i).getString("text", ""));
    for (Object i : c.getJsonArray("comments", new JsonArray())) text.append('\n').append(((JsonObject) i).getString("text", ""));
    Instant at = c.getString("updatedAt") == null ? e.at() : Instant.parse(c.getString("updatedAt"));
    return Future.succeededFuture(List.of(new IndexChange.Put(new SearchDoc(KIND, c.getString("id"), space.id(), space.language(),
        c.getString("title", ""), text.toString(), c.getString("createdBy"), at, Map.of("board", c.getString("board", ""))))));
  }

  @Override
  public void describe(String space, String id, Map<String, String> attrs, JsonObject result) {
    result.put("board", attrs.get("board"));
    result.put("link", "/spaces/" + space + "/boards?board=" + attrs.get("board") + "&card=" + id);
  }
}
