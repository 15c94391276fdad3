package atelier.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
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
 * majority write concern so that, on a replica set, an acknowledged write survives a failover.
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
    this.client = MongoClients.create(settings.build());
    this.db = client.getDatabase(database);
  }

  public MongoCollection<Document> collection(String name) {
    return db.getCollection(name);
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
