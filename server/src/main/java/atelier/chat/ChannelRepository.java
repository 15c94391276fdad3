package atelier.chat;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Date;
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
}
