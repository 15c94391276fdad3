package atelier.auth;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** Accounts in the {@code users} collection; emails are stored lower-cased under a unique index. */
public final class UserRepository {
  private final MongoCollection<Document> users;

  public UserRepository(Store store) {
    this.users = store.collection("users");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true))).mapEmpty();
  }

  public Future<User> insert(String email, String name, String organisation, boolean admin, String passwordHash) {
    String id = new ObjectId().toHexString();
    Document d = new Document("_id", id)
        .append("email", email.toLowerCase())
        .append("name", name)
        .append("organisation", organisation)
        .append("admin", admin)
        .append("locale", "fr")
        .append("disabled", false)
        .append("passwordHash", passwordHash)
        .append("createdAt", new Date());
    return Reactive.one(users.insertOne(d)).map(r -> User.from(d));
  }

  public Future<Optional<User>> byId(String id) {
    return Reactive.first(users.find(Filters.eq("_id", id))).map(o -> o.map(User::from));
  }

  public Future<Optional<User>> byEmail(String email) {
    return Reactive.first(users.find(Filters.eq("email", email.toLowerCase()))).map(o -> o.map(User::from));
  }

  public Future<List<User>> byIds(Collection<String> ids) {
    return Reactive.list(users.find(Filters.in("_id", ids))).map(l -> l.stream().map(User::from).toList());
  }

  public Future<List<User>> search(String query, int limit) {
    Bson filter = query == null || query.isBlank()
        ? new Document()
        : Filters.or(
            Filters.regex("name", Pattern.compile(Pattern.quote(query), Pattern.CASE_INSENSITIVE)),
            Filters.regex("email", Pattern.compile(Pattern.quote(query), Pattern.CASE_INSENSITIVE)));
    return Reactive.list(users.find(filter).sort(Sorts.ascending("name")).limit(limit)).map(l -> l.stream().map(User::from).toList());
  }

  /** The enabled administrators (they hear of new proposals). */
  public Future<List<User>> admins() {
    return Reactive.list(users.find(Filters.eq("admin", true))).map(l -> l.stream().map(User::from).filter(u -> !u.disabled()).toList());
  }

  public Future<Long> countAdmins() {
    return Reactive.one(users.countDocuments(Filters.eq("admin", true)));
  }

  public Future<Optional<User>> update(String id, Bson update) {
    return Reactive.first(users.findOneAndUpdate(Filters.eq("_id", id), update,
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(User::from));
  }

  public Future<Optional<User>> setPasswordHash(String id, String hash) {
    return update(id, Updates.set("passwordHash", hash));
  }

  /** A chosen password: the hash replaces the old one and any pending forced change is over. */
  public Future<Optional<User>> setChosenPassword(String id, String hash) {
    return update(id, Updates.combine(Updates.set("passwordHash", hash), Updates.unset("mustChangePassword")));
  }

  /** A temporary password from an administrator: it works only to choose a new one. */
  public Future<Optional<User>> setTemporaryPassword(String id, String hash) {
    return update(id, Updates.combine(Updates.set("passwordHash", hash), Updates.set("mustChangePassword", true)));
  }
}
