package atelier.auth;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Sessions live in the store, keyed by the token's digest, so a token made on one node works on
 * every node and deleting a session stops it everywhere at once.
 */
public final class SessionRepository {
  private final MongoCollection<Document> sessions;

  public SessionRepository(Store store) {
    this.sessions = store.collection("sessions");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(sessions.createIndex(Indexes.ascending("user")))
        .compose(x -> Reactive.one(sessions.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS))))
        .mapEmpty();
  }

  public Future<Session> create(String tokenDigest, String userId, String csrf, Instant expiresAt) {
    Document d = new Document("_id", tokenDigest).append("user", userId).append("csrf", csrf)
        .append("createdAt", new Date()).append("expiresAt", Date.from(expiresAt));
    return Reactive.one(sessions.insertOne(d)).map(r -> new Session(tokenDigest, userId, csrf, expiresAt));
  }

  public Future<Optional<Session>> byDigest(String digest) {
    return Reactive.first(sessions.find(Filters.eq("_id", digest))).map(o -> o.map(d -> new Session(
        d.getString("_id"), d.getString("user"), d.getString("csrf"), d.getDate("expiresAt").toInstant())));
  }

  public Future<Void> delete(String digest) {
    return Reactive.one(sessions.deleteOne(Filters.eq("_id", digest))).mapEmpty();
  }

  public Future<Void> deleteForUser(String userId) {
    return Reactive.one(sessions.deleteMany(Filters.eq("user", userId))).mapEmpty();
  }

  public Future<Void> deleteForUserExcept(String userId, String keepDigest) {
    return Reactive.one(sessions.deleteMany(Filters.and(Filters.eq("user", userId), Filters.ne("_id", keepDigest)))).mapEmpty();
  }
}
