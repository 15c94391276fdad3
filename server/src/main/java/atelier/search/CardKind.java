package atelier.search;

import atelier.events.Event;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Board cards, found by title, description, checklist, comments and labels. Every {@code card.*}
 * event but the deletion carries the whole card, so the index needs no read; {@code card.deleted}
 * takes it out. A hit opens the card on its board.
 */
final class CardKind implements SearchableKind {
  static final String KIND = "card";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean follows(String eventKind) {
    return eventKind.startsWith("card.");
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
    return Future.succeededFuture(List.of(new IndexChange.Put(new SearchDoc(KIND, c.getString("id"), space.id(), space.language(),
        c.getString("title", ""), text(c), c.getString("createdBy"), at(c.getString("updatedAt"), e.at()),
        Map.of("board", c.getString("board", ""))))));
  }

  /** What a card says besides its title: description, checklist items, comments and labels. */
  static String text(JsonObject c) {
    StringBuilder out = new StringBuilder(c.getString("description", ""));
    for (String list : List.of("checklist", "comments")) {
      JsonArray items = c.getJsonArray(list, new JsonArray());
      for (int i = 0; i < items.size(); i++) {
        if (items.getValue(i) instanceof JsonObject item && item.getString("text") != null) out.append('\n').append(item.getString("text"));
      }
    }
    JsonArray labels = c.getJsonArray("labels", new JsonArray());
    for (int i = 0; i < labels.size(); i++) if (labels.getValue(i) instanceof String l) out.append('\n').append(l);
    return out.toString();
  }

  private static Instant at(String iso, Instant otherwise) {
    if (iso == null) return otherwise;
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }

  @Override
  public void describe(String space, String id, Map<String, String> attrs, JsonObject result) {
    String board = attrs.getOrDefault("board", "");
    result.put("board", board);
    result.put("card", id);
    result.put("link", "/spaces/" + space + "/boards?board=" + board + "&card=" + id);
  }
}
