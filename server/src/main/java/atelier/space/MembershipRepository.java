package atelier.space;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Memberships, one document per (space, person) with the id {@code space:user}. */
public final class MembershipRepository {
  private final MongoCollection<Document> members;

  public MembershipRepository(Store store) {
    this.members = store.collection("memberships");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(members.createIndex(Indexes.ascending("space")))
        .compose(x -> Reactive.one(members.createIndex(Indexes.ascending("user"))))
        .mapEmpty();
  }

  public Future<Membership> put(String space, String user, Role role, java.time.Instant joinedAt) {
    Document d = new Document("_id", space + ":" + user).append("space", space).append("user", user)
        .append("role", role.wire()).append("joinedAt", Date.from(joinedAt));
    return Reactive.one(members.replaceOne(Filters.eq("_id", d.getString("_id")), d, new ReplaceOptions().upsert(true)))
        .map(r -> from(d));
  }

  public Future<Optional<Membership>> find(String space, String user) {
    return Reactive.first(members.find(Filters.eq("_id", space + ":" + user))).map(o -> o.map(MembershipRepository::from));
  }

  public Future<List<Membership>> ofSpace(String space) {
    return Reactive.list(members.find(Filters.eq("space", space))).map(l -> l.stream().map(MembershipRepository::from).toList());
  }

  /** The spaces a person belongs to, read fresh (search filters with it, so leaving hides a space at once). */
  public Future<List<Membership>> ofUser(String user) {
    return Reactive.list(members.find(Filters.eq("user", user))).map(l -> l.stream().map(MembershipRepository::from).toList());
  }

  public Future<List<Membership>> ofSpaces(java.util.Collection<String> spaces) {
    if (spaces.isEmpty()) return Future.succeededFuture(List.of());
    return Reactive.list(members.find(Filters.in("space", spaces))).map(l -> l.stream().map(MembershipRepository::from).toList());
  }

  public Future<List<Membership>> all() {
    return Reactive.list(members.find()).map(l -> l.stream().map(MembershipRepository::from).toList());
  }

  public Future<Long> countCoordinators(String space) {
    return Reactive.one(members.countDocuments(Filters.and(Filters.eq("space", space), Filters.eq("role", Role.COORDINATOR.wire()))));
  }

  public Future<Boolean> remove(String space, String user) {
    return Reactive.one(members.deleteOne(Filters.eq("_id", space + ":" + user))).map(r -> r.getDeletedCount() > 0);
  }

  private static Membership from(Document d) {
    return new Membership(d.getString("space"), d.getString("user"), Role.of(d.getString("role")), d.getDate("joinedAt").toInstant());
  }

}
