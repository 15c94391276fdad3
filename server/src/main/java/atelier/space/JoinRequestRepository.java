package atelier.space;

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
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Join requests. While pending a request carries {@code pendingKey = space:user} under a unique sparse
 * index, so one person has at most one pending request per space even with concurrent clicks.
 */
public final class JoinRequestRepository {
  private final MongoCollection<Document> requests;

  public JoinRequestRepository(Store store) {
    this.requests = store.collection("joinRequests");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(requests.createIndex(Indexes.ascending("pendingKey"), new IndexOptions().unique(true).sparse(true)))
        .compose(x -> Reactive.one(requests.createIndex(Indexes.ascending("space", "status"))))
        .mapEmpty();
  }

  public Future<JoinRequest> insert(String space, String user, String message) {
    Document d = new Document("_id", new ObjectId().toHexString()).append("space", space).append("user", user)
        .append("message", message).append("status", JoinRequest.PENDING).append("pendingKey", space + ":" + user)
        .append("createdAt", new Date());
    return Reactive.one(requests.insertOne(d)).map(r -> from(d));
  }

  public Future<List<JoinRequest>> pending(String space) {
    return Reactive.list(requests.find(Filters.and(Filters.eq("space", space), Filters.eq("status", JoinRequest.PENDING)))
        .sort(Sorts.ascending("createdAt"))).map(l -> l.stream().map(JoinRequestRepository::from).toList());
  }

  public Future<List<JoinRequest>> pendingOf(String user) {
    return Reactive.list(requests.find(Filters.and(Filters.eq("user", user), Filters.eq("status", JoinRequest.PENDING))))
        .map(l -> l.stream().map(JoinRequestRepository::from).toList());
  }

  /** Decides a pending request; empty if it was not pending (already decided by someone else). */
  public Future<Optional<JoinRequest>> decide(String space, String id, String status, String by) {
    return Reactive.first(requests.findOneAndUpdate(
            Filters.and(Filters.eq("_id", id), Filters.eq("space", space), Filters.eq("status", JoinRequest.PENDING)),
            Updates.combine(Updates.set("status", status), Updates.unset("pendingKey"), Updates.set("decidedBy", by),
                Updates.set("decidedAt", new Date())),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(JoinRequestRepository::from));
  }

  public Future<Optional<JoinRequest>> byId(String id) {
    return Reactive.first(requests.find(Filters.eq("_id", id))).map(o -> o.map(JoinRequestRepository::from));
  }

  private static JoinRequest from(Document d) {
    return new JoinRequest(d.getString("_id"), d.getString("space"), d.getString("user"), d.getString("message"),
        d.getString("status"), d.getDate("createdAt").toInstant());
  }
}
