package atelier.docs;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The {@code documents} collection: one record per shared document, listed by space. */
final class DocumentRepository {
  private final MongoCollection<Document> documents;

  DocumentRepository(Store store) {
    this.documents = store.collection("documents");
  }

  Future<Void> createIndexes() {
    // The list: a space's documents not in the trash, most recently changed first.
    return Reactive.one(
            documents.createIndex(
                Indexes.compoundIndex(
                    Indexes.ascending("space", "trashed"), Indexes.descending("updatedAt"))))
        .mapEmpty();
  }

  Future<Void> insert(SharedDocument d) {
    return Reactive.one(documents.insertOne(d.toDocument())).mapEmpty();
  }

  Future<Optional<SharedDocument>> find(String id) {
    return Reactive.first(documents.find(Filters.eq("_id", id))).map(o -> o.map(SharedDocument::from));
  }

  /** The list never carries texts. */
  Future<List<SharedDocument>> ofSpace(String space, boolean trashed) {
    return Reactive.list(
            documents
                .find(Filters.and(Filters.eq("space", space), Filters.eq("trashed", trashed)))
                .projection(Projections.exclude("text"))
                .sort(Sorts.descending("updatedAt")))
        .map(l -> l.stream().map(d -> SharedDocument.from(d.append("text", ""))).toList());
  }

  Future<Optional<SharedDocument>> update(String id, Bson update) {
    return Reactive.one(
            documents.findOneAndUpdate(
                Filters.eq("_id", id),
                update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(d -> Optional.ofNullable(d).map(SharedDocument::from));
  }

  /** Moves the head forward; an older revision arriving late never moves it back. */
  Future<Void> advance(String id, long rev, Instant at, String by) {
    return Reactive.one(
            documents.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.lt("rev", rev)),
                Updates.combine(
                    Updates.set("rev", rev),
                    Updates.set("updatedAt", Date.from(at)),
                    Updates.set("updatedBy", by))))
        .mapEmpty();
  }

  /** Keeps the text of a snapshot as the record's text, unless a newer one is already there. */
  Future<Void> keepText(String id, long rev, String text) {
    return Reactive.one(
            documents.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.lt("textRev", rev)),
                Updates.combine(Updates.set("textRev", rev), Updates.set("text", text))))
        .mapEmpty();
  }
}
