package atelier.files;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The uploads under way, one record per blob being written ({@code content.uploads}): created before
 * the first chunk, touched while the upload lasts, removed once the blob's record is written or its
 * chunks are removed after a failure. A record nobody touches any more belongs to an upload cut by a
 * crash: its chunks are orphans the {@link OrphanSweep} reclaims. An upload still running on another
 * node keeps touching its record, so it is never taken for one.
 */
final class UploadMarkers {
  private final MongoCollection<Document> uploads;

  UploadMarkers(Store store) {
    this.uploads = store.collection(GridFsBlobStore.BUCKET + ".uploads");
  }

  Future<Void> createIndexes() {
    return Reactive.one(uploads.createIndex(Indexes.ascending("touchedAt"))).mapEmpty();
  }

  Future<Void> begin(ObjectId blob) {
    return Reactive.one(uploads.insertOne(new Document("_id", blob).append("touchedAt", new Date()))).mapEmpty();
  }

  Future<Void> touch(ObjectId blob) {
    return Reactive.one(uploads.updateOne(Filters.eq("_id", blob), Updates.set("touchedAt", new Date()))).mapEmpty();
  }

  Future<Void> end(ObjectId blob) {
    return Reactive.one(uploads.deleteOne(Filters.eq("_id", blob))).mapEmpty();
  }

  /** Uploads not touched since {@code before}, oldest first, at most {@code max}. */
  Future<List<ObjectId>> abandoned(Date before, int max) {
    return Reactive.list(uploads.find(Filters.lt("touchedAt", before)).sort(Indexes.ascending("touchedAt")).limit(max))
        .map(docs -> docs.stream().map(d -> d.getObjectId("_id")).toList());
  }
}
