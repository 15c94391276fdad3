package atelier.chat;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * How far each person has read each channel (the seq of the last message seen), stored so that all
 * of a person's devices agree. A marker only moves forward ({@code $max}).
 */
public final class ReadMarkerRepository {
  private final MongoCollection<Document> markers;

  public ReadMarkerRepository(Store store) {
    this.markers = store.collection("read_markers");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(markers.createIndex(Indexes.ascending("space", "user"))).mapEmpty();
  }

  /** Moves the marker to {@code seq} unless it is already further; answers the marker now. */
  public Future<Long> advance(String space, String channel, String user, long seq) {
    return Reactive.one(markers.findOneAndUpdate(Filters.eq("_id", space + ":" + channel + ":" + user),
            Updates.combine(Updates.max("seq", seq), Updates.setOnInsert("space", space), Updates.setOnInsert("channel", channel),
                Updates.setOnInsert("user", user)),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
        .map(d -> ((Number) d.get("seq")).longValue());
  }

  /** channel → seq read, for one person in one space. */
  public Future<Map<String, Long>> of(String space, String user) {
    return Reactive.list(markers.find(Filters.and(Filters.eq("space", space), Filters.eq("user", user)))).map(docs -> {
      Map<String, Long> out = new HashMap<>();
      docs.forEach(d -> out.put(d.getString("channel"), ((Number) d.get("seq")).longValue()));
      return out;
    });
  }
}
