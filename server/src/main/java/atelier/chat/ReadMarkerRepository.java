package atelier.chat;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * How far each person has read each channel, and the counts kept on write that turn it into an
 * unread count without counting messages (as Mattermost keeps a channel's and a member's message
 * counts): per channel the messages it holds ({@code channel_counts.messages}), per person and
 * channel their own messages ({@code own}) and the others' messages up to their marker
 * ({@code othersRead}, taken when the marker moves and lowered when such a message is deleted).
 * Unread = messages − own − othersRead. A marker only moves forward ({@code $max}).
 */
public final class ReadMarkerRepository {
  private final MongoCollection<Document> markers;
  private final MongoCollection<Document> counts;
  private final MongoCollection<Document> chainedMarkers;
  private final MongoCollection<Document> chainedCounts;

  /** One person's reading state of one channel. */
  public record ReadState(long seq, long own, long othersRead) {
    static final ReadState NONE = new ReadState(0, 0, 0);

    long unread(long messages) {
      return Math.max(0, messages - own - othersRead);
    }
  }

  public ReadMarkerRepository(Store store) {
    this.markers = store.collection("read_markers");
    this.counts = store.collection("channel_counts");
    this.chainedMarkers = store.chainedCollection("read_markers");
    this.chainedCounts = store.chainedCollection("channel_counts");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(markers.createIndex(Indexes.ascending("space", "user")))
        // Deleting a message lowers the count of those whose marker is past it.
        .compose(x -> Reactive.one(markers.createIndex(Indexes.ascending("space", "channel", "seq"))))
        .compose(x -> Reactive.one(counts.createIndex(Indexes.ascending("space"))))
        .mapEmpty();
  }

  private static String id(String space, String channel, String user) {
    return space + ":" + channel + ":" + user;
  }

  /** Moves the marker to {@code seq} unless it is already further; answers the marker now. */
  public Future<Long> advance(String space, String channel, String user, long seq) {
    return Reactive.one(markers.findOneAndUpdate(Filters.eq("_id", id(space, channel, user)),
            Updates.combine(Updates.max("seq", seq), Updates.setOnInsert("space", space), Updates.setOnInsert("channel", channel),
                Updates.setOnInsert("user", user)),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
        .map(d -> ((Number) d.get("seq")).longValue());
  }

  /** Records, for a marker still at {@code seq}, how many of the others' messages it has read. */
  public Future<Void> settle(String space, String channel, String user, long seq, long othersRead) {
    return Reactive.one(markers.updateOne(Filters.and(Filters.eq("_id", id(space, channel, user)), Filters.eq("seq", seq)),
        Updates.set("othersRead", othersRead))).mapEmpty();
  }

  /** channel → reading state, for one person in one space. */
  public Future<Map<String, ReadState>> states(String space, String user) {
    return Reactive.list(markers.find(Filters.and(Filters.eq("space", space), Filters.eq("user", user)))).map(docs -> {
      Map<String, ReadState> out = new HashMap<>();
      docs.forEach(d -> out.put(d.getString("channel"), state(d)));
      return out;
    });
  }

  public Future<ReadState> state(String space, String channel, String user) {
    return Reactive.first(markers.find(Filters.eq("_id", id(space, channel, user)))).map(d -> d.map(ReadMarkerRepository::state).orElse(ReadState.NONE));
  }

  private static ReadState state(Document d) {
    return new ReadState(number(d, "seq"), number(d, "own"), number(d, "othersRead"));
  }

  private static long number(Document d, String field) {
    Object v = d.get(field);
    return v instanceof Number n ? n.longValue() : 0;
  }

  /** channel → messages it holds, for one space. */
  public Future<Map<String, Long>> messageCounts(String space) {
    return Reactive.list(counts.find(Filters.eq("space", space))).map(docs -> {
      Map<String, Long> out = new HashMap<>();
      docs.forEach(d -> out.put(d.getString("channel"), number(d, "messages")));
      return out;
    });
  }

  public Future<Long> messageCount(String space, String channel) {
    return Reactive.first(counts.find(Filters.eq("_id", space + ":" + channel))).map(d -> d.map(x -> number(x, "messages")).orElse(0L));
  }

  /**
   * Counts new messages: one update per channel and one per author and channel. {@code chained}: the
   * writes are acknowledged once applied, for a chain that ends with a durable write.
   */
  public Future<Void> countCreated(List<Message> created, boolean chained) {
    Map<String, Long> perChannel = new LinkedHashMap<>();
    Map<String, Long> perAuthor = new LinkedHashMap<>();
    Map<String, Message> sample = new HashMap<>();
    for (Message m : created) {
      perChannel.merge(m.space() + ":" + m.channel(), 1L, Long::sum);
      String key = id(m.space(), m.channel(), m.author());
      perAuthor.merge(key, 1L, Long::sum);
      sample.put(key, m);
    }
    List<WriteModel<Document>> channelUpdates = new ArrayList<>();
    perChannel.forEach((key, n) -> {
      int colon = key.indexOf(':');
      channelUpdates.add(new UpdateOneModel<>(Filters.eq("_id", key), Updates.combine(Updates.inc("messages", n),
          Updates.setOnInsert("space", key.substring(0, colon)), Updates.setOnInsert("channel", key.substring(colon + 1))),
          new UpdateOptions().upsert(true)));
    });
    List<WriteModel<Document>> authorUpdates = new ArrayList<>();
    perAuthor.forEach((key, n) -> {
      Message m = sample.get(key);
      authorUpdates.add(new UpdateOneModel<>(Filters.eq("_id", key), Updates.combine(Updates.inc("own", n),
          Updates.setOnInsert("space", m.space()), Updates.setOnInsert("channel", m.channel()), Updates.setOnInsert("user", m.author()),
          Updates.setOnInsert("seq", 0L)), new UpdateOptions().upsert(true)));
    });
    BulkWriteOptions unordered = new BulkWriteOptions().ordered(false);
    return Future.all(Reactive.one((chained ? chainedCounts : counts).bulkWrite(channelUpdates, unordered)),
        Reactive.one((chained ? chainedMarkers : markers).bulkWrite(authorUpdates, unordered))).mapEmpty();
  }

  /** A message was deleted: it leaves its channel's count, its author's, and the read count of those past it. */
  public Future<Void> countDeleted(Message m) {
    return Future.all(
        Reactive.one(counts.updateOne(Filters.eq("_id", m.space() + ":" + m.channel()), Updates.inc("messages", -1L))),
        Reactive.one(markers.updateOne(Filters.eq("_id", id(m.space(), m.channel(), m.author())), Updates.inc("own", -1L))),
        Reactive.one(markers.updateMany(Filters.and(Filters.eq("space", m.space()), Filters.eq("channel", m.channel()),
            Filters.gte("seq", m.seq()), Filters.ne("user", m.author())), Updates.inc("othersRead", -1L)))).mapEmpty();
  }
}
