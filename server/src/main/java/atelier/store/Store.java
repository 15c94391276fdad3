package atelier.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The connection to MongoDB (embedded or external) and the collections of every feature. Writes use
 * majority write concern so that, on a replica set, an acknowledged write survives a failover; reads
 * use majority read concern, so that nothing is shown — an event replayed, a message in history, a
 * head — that a failover (or, on the embedded store, a crash) could take back. The embedded store
 * answers such a read once everything it could have seen is durable ({@code DurableH2Backend}).
 */
public final class Store implements AutoCloseable {
  private final MongoClient client;
  private final MongoDatabase db;

  public Store(String uri, String database) {
    ConnectionString cs = new ConnectionString(uri);
    MongoClientSettings.Builder settings = MongoClientSettings.builder()
        .applyConnectionString(cs)
        .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
        .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS));
    if (cs.getWriteConcern() == null) {
      settings.writeConcern(WriteConcern.MAJORITY.withJournal(null));
    }
    if (cs.getReadConcern() == null) {
      settings.readConcern(ReadConcern.MAJORITY);
    }
    this.client = MongoClients.create(settings.build());
    this.db = client.getDatabase(database);
  }

  public MongoCollection<Document> collection(String name) {
    return db.getCollection(name);
  }

  /**
   * The same collection with write concern {@code w: 1}: the write is acknowledged once applied,
   * before it is durable. Only for the first steps of a chain whose last write uses the default
   * (majority) concern and whose outcome is shown to no one before that last write is acknowledged:
   * a replica set makes writes majority-committed in oplog order, and the embedded store commits
   * everything applied before, so the last write's acknowledgement makes the whole chain durable.
   */
  public MongoCollection<Document> chainedCollection(String name) {
    return db.getCollection(name).withWriteConcern(WriteConcern.W1);
  }

  /** The database itself: for tools that go through every collection ({@link Migration}). */
  MongoDatabase database() {
    return db;
  }

  /** A cheap round trip: answers whether the store is reachable. */
  public Future<Boolean> ping() {
    return Reactive.first(db.runCommand(new Document("ping", 1))).map(d -> d.isPresent());
  }

  @Override
  public void close() {
    client.close();
  }
}
