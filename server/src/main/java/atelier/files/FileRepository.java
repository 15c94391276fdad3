package atelier.files;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** The {@code files} collection: one document per shared file, read by space newest first. */
final class FileRepository {
  private final MongoCollection<Document> files;

  FileRepository(Store store) {
    this.files = store.collection("files");
  }

  Future<Void> createIndexes() {
    return Reactive.one(files.createIndex(Indexes.compoundIndex(Indexes.ascending("space"), Indexes.descending("createdAt"))))
        .mapEmpty();
  }

  Future<Void> insert(SharedFile f) {
    return Reactive.one(files.insertOne(f.toDocument())).mapEmpty();
  }

  Future<Optional<SharedFile>> find(String space, String id) {
    return Reactive.first(files.find(Filters.and(Filters.eq("_id", id), Filters.eq("space", space)))).map(o -> o.map(SharedFile::from));
  }

  Future<List<SharedFile>> ofSpace(String space) {
    return Reactive.list(files.find(Filters.eq("space", space)).sort(Sorts.descending("createdAt")))
        .map(l -> l.stream().map(SharedFile::from).toList());
  }

  /** How many of {@code ids} are files of {@code space}. */
  Future<Long> countIn(String space, List<String> ids) {
    return Reactive.one(files.countDocuments(Filters.and(Filters.eq("space", space), Filters.in("_id", ids))));
  }

  Future<Optional<SharedFile>> rename(String space, String id, String name) {
    return Reactive.one(files.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.eq("space", space)), Updates.set("name", name),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(d -> Optional.ofNullable(d).map(SharedFile::from));
  }

  /** Removes the record; only the caller that actually removed it gets it back (so a blob is released once). */
  Future<Optional<SharedFile>> remove(String space, String id) {
    return Reactive.one(files.findOneAndDelete(Filters.and(Filters.eq("_id", id), Filters.eq("space", space))))
        .map(d -> Optional.ofNullable(d).map(SharedFile::from));
  }

  /** The files of a space as stored, by id (the archive). */
  Future<List<Document>> raw(String space) {
    return Reactive.list(files.find(Filters.eq("space", space)).sort(Sorts.ascending("_id")));
  }

  Future<Void> insertRaw(Document d) {
    return Reactive.one(files.insertOne(d)).mapEmpty();
  }
}
