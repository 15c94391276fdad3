package atelier.search;

import atelier.events.Event;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Shared files, found by their name. {@code file.added} and {@code file.renamed} carry the whole
 * file, so the index needs no read; {@code file.deleted} takes it out. The name is indexed as the
 * title (shown, highlighted) and, with its separators turned into spaces, as the text, so that
 * "rapport" finds {@code rapport_final-2026.pdf}.
 */
final class FileKind implements SearchableKind {
  static final String KIND = "file";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean follows(String eventKind) {
    return eventKind.equals("file.added") || eventKind.equals("file.renamed") || eventKind.equals("file.deleted");
  }

  @Override
  public Future<List<IndexChange>> changes(Event e, IndexedSpace space) {
    JsonObject d = e.data();
    if (e.kind().equals("file.deleted")) {
      String id = d.getString("id");
      return Future.succeededFuture(id == null ? List.of() : List.of(new IndexChange.Remove(KIND, id)));
    }
    JsonObject f = d.getJsonObject("file");
    if (f == null || f.getString("id") == null) return Future.succeededFuture(List.of());
    String name = f.getString("name", "");
    Instant at = f.getString("createdAt") == null ? e.at() : Instant.parse(f.getString("createdAt"));
    return Future.succeededFuture(List.of(new IndexChange.Put(new SearchDoc(KIND, f.getString("id"), space.id(), space.language(),
        name, words(name), f.getString("uploadedBy"), at, Map.of("type", f.getString("type", ""))))));
  }

  /** The name's words: separators that tokenizers keep inside a word (_ . -) become spaces. */
  static String words(String name) {
    return name.replaceAll("[_.\\-]+", " ").trim();
  }

  @Override
  public void describe(String space, String id, Map<String, String> attrs, JsonObject result) {
    result.put("type", attrs.get("type"));
    result.put("link", "/spaces/" + space + "/files?file=" + id);
  }
}
