package atelier.notify;

import atelier.store.Reactive;
import atelier.store.Store;
import atelier.store.StoreErrors;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Notifications in the {@code notifications} collection, one document per person and thing. Ids
 * are derived from what they are about ({@code mention:<message>:<user>}), so a notification made
 * twice (a retried write, a replayed event) is stored once.
 */
public final class NotificationRepository {
  private final MongoCollection<Document> notifications;

  public NotificationRepository(Store store) {
    this.notifications = store.collection("notifications");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(notifications.createIndex(Indexes.compoundIndex(Indexes.ascending("user"), Indexes.descending("at"))))
        .compose(v -> Reactive.one(notifications.createIndex(Indexes.ascending("user", "read"))))
        .mapEmpty();
  }

  /** True when stored now, false when it already was. */
  public Future<Boolean> insert(Notification n) {
    return Reactive.one(notifications.insertOne(n.toDocument())).map(r -> true)
        .recover(e -> StoreErrors.isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  /** The newest first. */
  public Future<List<Notification>> latest(String user, int limit) {
    return Reactive.list(notifications.find(Filters.eq("user", user)).sort(Sorts.descending("at")).limit(limit))
        .map(l -> l.stream().map(Notification::from).toList());
  }

  /** The unread notifications whose id starts with {@code prefix} (ids are made of our own ids and colons; an anchored prefix is answered from the _id index). */
  public Future<List<Notification>> unreadWithPrefix(String prefix) {
    return Reactive.list(notifications.find(Filters.and(Filters.regex("_id", "^" + prefix),
            Filters.eq("read", false))))
        .map(l -> l.stream().map(Notification::from).toList());
  }

  public Future<Long> countUnread(String user) {
    return Reactive.one(notifications.countDocuments(Filters.and(Filters.eq("user", user), Filters.eq("read", false))));
  }

  /** Marks these (null: all) of the person's notifications read. */
  public Future<Void> markRead(String user, List<String> ids) {
    Bson mine = Filters.and(Filters.eq("user", user), Filters.eq("read", false));
    Bson filter = ids == null ? mine : Filters.and(mine, Filters.in("_id", ids));
    return Reactive.one(notifications.updateMany(filter, Updates.set("read", true))).mapEmpty();
  }
}
