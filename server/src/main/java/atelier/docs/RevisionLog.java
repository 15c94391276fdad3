package atelier.docs;

import atelier.store.Reactive;
import atelier.store.Store;
import atelier.store.StoreErrors;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Documents' revision logs and snapshots. The unique index {@code (doc, rev)} is the one
 * serialisation point between nodes: two writers can never both commit revision N. The unique
 * index {@code (doc, clientId)} makes a resent operation commit once. A snapshot every few
 * revisions bounds what must be replayed to rebuild any revision.
 */
final class RevisionLog {
  private final MongoCollection<Document> revisions;
  private final MongoCollection<Document> snapshots;

  RevisionLog(Store store) {
    this.revisions = store.collection("document_revisions");
    this.snapshots = store.collection("document_snapshots");
  }

  Future<Void> createIndexes() {
    IndexOptions unique = new IndexOptions().unique(true);
    return Reactive.one(revisions.createIndex(Indexes.ascending("doc", "rev"), unique))
        .compose(v -> Reactive.one(revisions.createIndex(Indexes.ascending("doc", "clientId"), unique)))
        .compose(v -> Reactive.one(snapshots.createIndex(Indexes.ascending("doc", "rev"), unique)))
        .mapEmpty();
  }

  /** Inserts a revision; fails with {@link Taken} if its rev or its clientId is already there. */
  Future<Void> insert(Revision r) {
    return Reactive.one(revisions.insertOne(r.toDocument()))
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(duplicate(e) ? new Taken() : e));
  }

  /** Inserts revisions in order, in one command (one durable commit); on a failure some of the first may be in. */
  Future<Void> insertAll(List<Revision> list) {
    return Reactive.one(revisions.insertMany(list.stream().map(Revision::toDocument).toList(),
        new com.mongodb.client.model.InsertManyOptions().ordered(true))).mapEmpty();
  }

  /** The revisions {@code after < rev <= upTo}, in order. */
  Future<List<Revision>> range(String doc, long after, long upTo) {
    return Reactive.list(
            revisions
                .find(Filters.and(Filters.eq("doc", doc), Filters.gt("rev", after), Filters.lte("rev", upTo)))
                .sort(Sorts.ascending("rev")))
        .map(l -> l.stream().map(Revision::from).toList());
  }

  /** Every revision after {@code after} (normally a few: those since the last snapshot). */
  Future<List<Revision>> after(String doc, long after) {
    return range(doc, after, Long.MAX_VALUE);
  }

  Future<Optional<Long>> revOf(String doc, String clientId) {
    return Reactive.first(
            revisions
                .find(Filters.and(Filters.eq("doc", doc), Filters.eq("clientId", clientId)))
                .projection(Projections.include("rev")))
        .map(o -> o.map(d -> d.get("rev", Number.class).longValue()));
  }

  /** Who changed what when, newest first, without the operations: the history list. */
  Future<List<Document>> authorsBefore(String doc, long before, int limit) {
    return Reactive.list(
        revisions
            .find(Filters.and(Filters.eq("doc", doc), Filters.lt("rev", before)))
            .projection(Projections.include("rev", "author", "at"))
            .sort(Sorts.descending("rev"))
            .limit(limit));
  }

  record Snapshot(long rev, String text) {}

  /** Keeps a snapshot; false when one of that revision was already kept (by another node). */
  Future<Boolean> snapshot(String doc, long rev, String text) {
    Document d = new Document("doc", doc).append("rev", rev).append("text", text).append("at", Date.from(Instant.now()));
    return Reactive.one(snapshots.insertOne(d))
        .map(x -> true)
        .recover(e -> duplicate(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  /** The newest snapshot at or before {@code rev}. */
  Future<Optional<Snapshot>> snapshotAtOrBefore(String doc, long rev) {
    return Reactive.first(
            snapshots
                .find(Filters.and(Filters.eq("doc", doc), Filters.lte("rev", rev)))
                .sort(Sorts.descending("rev"))
                .limit(1))
        .map(o -> o.map(d -> new Snapshot(d.get("rev", Number.class).longValue(), d.getString("text"))));
  }

  private static boolean duplicate(Throwable e) {
    return StoreErrors.isDuplicateKey(e);
  }

  /** The revision (or the clientId) was already in the log. */
  static final class Taken extends RuntimeException {
    Taken() {
      super("taken", null, false, false);
    }
  }
}
