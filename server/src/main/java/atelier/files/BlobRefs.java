package atelier.files;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Optional;
import org.bson.Document;

/**
 * Deduplication: one blob per SHA-256 ({@code _id}), with the number of files that use it. Every step
 * is one atomic document update, so concurrent uploads of the same bytes and a concurrent delete of
 * the last file never lose content: an upload counts itself in before its file exists, a delete
 * removes the blob only while its count is zero. A crash between steps can only leave a count too
 * high (content kept that nothing uses), never too low.
 */
final class BlobRefs {
  private final MongoCollection<Document> blobs;

  BlobRefs(Store store) {
    this.blobs = store.collection("blobs");
  }

  /**
   * Counts one more file on the blob of {@code sha256}, recording {@code key} if it is new. Answers
   * the key to use: {@code key} itself, or the one of the same bytes stored earlier.
   */
  Future<String> acquire(String sha256, String key, long size) {
    return Reactive.one(blobs.findOneAndUpdate(Filters.eq("_id", sha256),
            Updates.combine(Updates.inc("refs", 1), Updates.setOnInsert("key", key), Updates.setOnInsert("size", size)),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
        .map(d -> d.getString("key"));
  }

  Future<Optional<String>> key(String sha256) {
    return Reactive.first(blobs.find(Filters.eq("_id", sha256))).map(o -> o.map(d -> d.getString("key")));
  }

  /** One file less; answers the blob's key when no file uses it any more and its record is gone. */
  Future<Optional<String>> release(String sha256) {
    return Reactive.one(blobs.findOneAndUpdate(Filters.eq("_id", sha256), Updates.inc("refs", -1),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .compose(d -> {
          if (d == null || ((Number) d.get("refs")).longValue() > 0) return Future.succeededFuture(Optional.empty());
          return Reactive.one(blobs.findOneAndDelete(Filters.and(Filters.eq("_id", sha256), Filters.lte("refs", 0))))
              .map(gone -> Optional.ofNullable(gone).map(g -> g.getString("key")));
        });
  }
}
