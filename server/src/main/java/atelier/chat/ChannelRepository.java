package atelier.chat;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import atelier.store.StoreErrors;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Channels of a space; every space has {@code general} from its creation. */
public final class ChannelRepository {
  public static final String GENERAL = "general";
  private final MongoCollection<Document> channels;

  public ChannelRepository(Store store) {
    this.channels = store.collection("channels");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(channels.createIndex(Indexes.ascending("space", "channel"), new IndexOptions().unique(true))).mapEmpty();
  }

  /** Idempotent: creating {@code general} twice leaves one channel. */
  public Future<Void> createGeneral(String space) {
    Document d = new Document("_id", space + ":" + GENERAL).append("space", space).append("channel", GENERAL)
        .append("name", GENERAL).append("archived", false).append("createdAt", new Date());
    return Reactive.one(channels.replaceOne(Filters.eq("_id", d.getString("_id")), d, new ReplaceOptions().upsert(true))).mapEmpty();
  }

  public Future<List<Channel>> ofSpace(String space) {
    return Reactive.list(channels.find(Filters.eq("space", space)).sort(Sorts.ascending("createdAt")))
        .map(l -> l.stream().map(Channel::from).toList());
  }

  public Future<Optional<Channel>> find(String space, String channel) {
    return Reactive.first(channels.find(Filters.eq("_id", space + ":" + channel))).map(o -> o.map(Channel::from));
  }

  /** Inserts a channel; false when the id is taken. */
  public Future<Boolean> insert(Channel c) {
    Document d = new Document("_id", c.space() + ":" + c.id()).append("space", c.space()).append("channel", c.id())
        .append("name", c.name()).append("archived", false).append("createdAt", Date.from(c.createdAt()));
    return Reactive.one(channels.insertOne(d)).map(r -> true)
        .recover(e -> StoreErrors.isDuplicateKey(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  public Future<Optional<Channel>> update(String space, String channel, String name, Boolean archived) {
    List<org.bson.conversions.Bson> sets = new java.util.ArrayList<>();
    if (name != null) sets.add(Updates.set("name", name));
    if (archived != null) sets.add(Updates.set("archived", archived));
    if (sets.isEmpty()) return find(space, channel);
    return Reactive.one(channels.findOneAndUpdate(Filters.eq("_id", space + ":" + channel), Updates.combine(sets),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(d -> Optional.ofNullable(d).map(Channel::from));
  }

  /** The channels of a space as stored, by id (the archive). */
  public Future<List<Document>> raw(String space) {
    return Reactive.list(channels.find(Filters.eq("space", space)).sort(Sorts.ascending("_id")));
  }

  public Future<Void> insertRaw(List<Document> docs) {
    if (docs.isEmpty()) return Future.succeededFuture();
    return Reactive.one(channels.insertMany(docs)).mapEmpty();
  }

  public Future<Void> deleteSpace(String space) {
    return Reactive.one(channels.deleteMany(Filters.eq("space", space))).mapEmpty();
  }
}
