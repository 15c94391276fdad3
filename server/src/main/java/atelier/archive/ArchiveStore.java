package atelier.archive;

import atelier.store.Reactive;
import atelier.store.Store;
import atelier.store.StoreErrors;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The stored documents the archive itself carries (the space, its memberships, the people and
 * organisations its content refers to) as they are, and the claim that keeps two restores of the
 * same space from running at once.
 */
final class ArchiveStore {
  private final MongoCollection<Document> spaces;
  private final MongoCollection<Document> memberships;
  private final MongoCollection<Document> users;
  private final MongoCollection<Document> organisations;
  private final MongoCollection<Document> restores;

  ArchiveStore(Store store) {
    this.spaces = store.collection("spaces");
    this.memberships = store.collection("memberships");
    this.users = store.collection("users");
    this.organisations = store.collection("organisations");
    this.restores = store.collection("archiveRestores");
  }

  Future<Optional<Document>> space(String id) {
    return Reactive.first(spaces.find(Filters.eq("_id", id)));
  }

  Future<Void> insertSpace(Document d) {
    return Reactive.one(spaces.insertOne(d)).mapEmpty();
  }

  Future<List<Document>> memberships(String space) {
    return Reactive.list(memberships.find(Filters.eq("space", space)).sort(Sorts.ascending("_id")));
  }

  Future<Void> insertMemberships(List<Document> docs) {
    if (docs.isEmpty()) return Future.succeededFuture();
    return Reactive.one(memberships.insertMany(docs)).mapEmpty();
  }

  Future<Void> deleteMemberships(String space) {
    return Reactive.one(memberships.deleteMany(Filters.eq("space", space))).mapEmpty();
  }

  /** People as the bag keeps them: name and organisation (never an email or credentials). */
  Future<List<Document>> people(Collection<String> ids) {
    return Reactive.list(users.find(Filters.in("_id", ids))
        .projection(Projections.include("_id", "name", "organisation")).sort(Sorts.ascending("_id")));
  }

  Future<List<Document>> organisations(Collection<String> ids) {
    return Reactive.list(organisations.find(Filters.in("_id", ids)).sort(Sorts.ascending("_id")));
  }

  /** The organisation a restored one becomes: itself, or the one of the same name already here. */
  Future<Optional<String>> organisationId(Document d) {
    return Reactive.first(organisations.find(Filters.or(Filters.eq("_id", d.getString("_id")), Filters.eq("nameKey", d.getString("nameKey")))))
        .map(o -> o.map(x -> x.getString("_id")));
  }

  Future<Optional<Document>> user(String id) {
    return Reactive.first(users.find(Filters.eq("_id", id)));
  }

  /** Inserts unless the id (or, for organisations, the name) is taken: true when inserted. */
  Future<Boolean> insertUserIfAbsent(Document d) {
    return Reactive.one(users.insertOne(d)).map(r -> true)
        .recover(e -> StoreErrors.isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  Future<Boolean> insertOrganisationIfAbsent(Document d) {
    return Reactive.one(organisations.insertOne(d)).map(r -> true)
        .recover(e -> StoreErrors.isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  /** Takes the restore of a space: false if another restore of it is under way. */
  Future<Boolean> claim(String space) {
    return Reactive.one(restores.insertOne(new Document("_id", space).append("at", new Date()))).map(r -> true)
        .recover(e -> StoreErrors.isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  Future<Void> release(String space) {
    return Reactive.one(restores.deleteOne(Filters.eq("_id", space))).mapEmpty();
  }
}
