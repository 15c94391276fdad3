package atelier.search;

import atelier.events.Event;
import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Shared documents, found by title and text. Their edits go through each document's own revision
 * log, not the space log; the documents feature writes a {@code document.updated} event to the space
 * log when a document's text settles (its idle snapshot) and on a rename, so the index re-reads the
 * stored record then (its {@code text} is the snapshot's, which is the head once idle). A document in
 * the trash, or gone, leaves the index; restored, it comes back with the next event.
 */
final class DocumentKind implements SearchableKind {
  static final String KIND = "document";
  private final MongoCollection<Document> documents;

  DocumentKind(Store store) {
    this.documents = store.collection("documents");
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean follows(String eventKind) {
    return eventKind.startsWith("document.");
  }

  @Override
  public Future<List<IndexChange>> changes(Event e, IndexedSpace space) {
    JsonObject d = e.data();
    String id = d.getJsonObject("document") != null ? d.getJsonObject("document").getString("id") : d.getString("id");
    if (id == null) return Future.succeededFuture(List.of());
    IndexChange remove = new IndexChange.Remove(KIND, id);
    if (e.kind().equals("document.deleted")) return Future.succeededFuture(List.of(remove));
    return Reactive.first(documents.find(Filters.eq("_id", id))
            .projection(Projections.include("space", "title", "text", "updatedBy", "updatedAt", "trashed")))
        .map(found -> found.filter(doc -> space.id().equals(doc.getString("space")) && !Boolean.TRUE.equals(doc.getBoolean("trashed")))
            .<List<IndexChange>>map(doc -> List.of(new IndexChange.Put(new SearchDoc(KIND, id, space.id(), space.language(),
                doc.getString("title"), doc.getString("text") == null ? "" : doc.getString("text"), doc.getString("updatedBy"),
                doc.getDate("updatedAt") == null ? e.at() : doc.getDate("updatedAt").toInstant(), Map.of()))))
            .orElse(List.of(remove)));
  }

  @Override
  public void describe(String space, String id, Map<String, String> attrs, JsonObject result) {
    result.put("document", id);
    result.put("link", "/spaces/" + space + "/documents/" + id);
  }
}
