package atelier.chat;

import atelier.events.EventLog;
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
import java.util.Optional;
import org.bson.Document;

/**
 * How far each person has read each channel, and the counts kept on write that turn it into an
 * unread count without counting messages (as Mattermost keeps a channel's and a member's message
 * counts): per channel the messages it holds (a tally of the space's event log, {@link #tally},
 * grown in the write that gives the messages their seqs; plus, for channels that had messages
 * before that, what the earlier versions counted in {@code channel_counts}, which no longer
 * changes — so there is nothing to migrate), per person and
 * channel their own messages ({@code own}) and the others' messages up to their marker
 * ({@code othersRead}, taken when the marker moves and lowered when such a message is deleted);
 * likewise the messages that mention them ({@code mentioned}) and those up to the marker
 * ({@code mentionsRead}). Unread = messages − own − othersRead; unread mentions = mentioned −
 * mentionsRead. A marker only moves forward ({@code $max}).
 */
public final class ReadMarkerRepository {
  private final MongoCollection<Document> markers;
  /** Channel counts as kept before they became tallies of the log; read, added to the tally, never written. */
  private final MongoCollection<Document> earlierCounts;
  private final MongoCollection<Document> chainedMarkers;
  private final EventLog log;

  /** One person's reading state of one channel. */
  public record ReadState(long seq, long own, long othersRead, long mentioned, long mentionsRead) {
    static final ReadState NONE = new ReadState(0, 0, 0, 0, 0);

    long unread(long messages) {
      return Math.max(0, messages - own - othersRead);
    }

    long unreadMentions() {
      return Math.max(0, mentioned - mentionsRead);
    }
  }

  public ReadMarkerRepository(Store store, EventLog log) {
    this.markers = store.collection("read_markers");
    this.earlierCounts = store.collection("channel_counts");
    this.chainedMarkers = store.chainedCollection("read_markers");
    this.log = log;
  }

  private static final String TALLY = "messages:";

  /**
   * The name of the log's tally that counts a channel's messages. A tally's name is a field name:
   * a dot in a channel id (only a restored archive could bring one) is written {@code %2E}.
   */
  public static String tally(String channel) {
    return TALLY + channel.replace("%", "%25").replace(".", "%2E");
  }

  /** The channel a tally counts, or null for another tally of the space. */
  private static String channelOf(String tally) {
    return tally.startsWith(TALLY) ? tally.substring(TALLY.length()).replace("%2E", ".").replace("%25", "%") : null;
  }

  public Future<Void> createIndexes() {
    return Reactive.one(markers.createIndex(Indexes.ascending("space", "user")))
        // Deleting a message lowers the count of those whose marker is past it.
        .compose(x -> Reactive.one(markers.createIndex(Indexes.ascending("space", "channel", "seq"))))
        .compose(x -> Reactive.one(earlierCounts.createIndex(Indexes.ascending("space"))))
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

  /** Records, for a marker still at {@code seq}, how many of the others' messages and of the mentions it has read. */
  public Future<Void> settle(String space, String channel, String user, long seq, long othersRead, long mentionsRead) {
    return Reactive.one(markers.updateOne(Filters.and(Filters.eq("_id", id(space, channel, user)), Filters.eq("seq", seq)),
        Updates.combine(Updates.set("othersRead", othersRead), Updates.set("mentionsRead", mentionsRead)))).mapEmpty();
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
    return new ReadState(number(d, "seq"), number(d, "own"), number(d, "othersRead"), number(d, "mentioned"), number(d, "mentionsRead"));
  }

  private static long number(Document d, String field) {
    Object v = d.get(field);
    return v instanceof Number n ? n.longValue() : 0;
  }

  /** channel → messages it holds, for one space. */
  public Future<Map<String, Long>> messageCounts(String space) {
    return Future.all(Reactive.list(earlierCounts.find(Filters.eq("space", space))), log.tallies(space)).map(both -> {
      Map<String, Long> out = new HashMap<>();
      both.<List<Document>>resultAt(0).forEach(d -> out.merge(d.getString("channel"), number(d, "messages"), Long::sum));
      both.<Map<String, Long>>resultAt(1).forEach((name, n) -> {
        String channel = channelOf(name);
        if (channel != null) out.merge(channel, n, Long::sum);
      });
      return out;
    });
  }

  /** One channel's: two documents read by their ids (the space's counters, and the count of an earlier version if any). */
  public Future<Long> messageCount(String space, String channel) {
    return Future.all(Reactive.first(earlierCounts.find(Filters.eq("_id", space + ":" + channel))), log.tallies(space)).map(both -> {
      long earlier = both.<Optional<Document>>resultAt(0).map(d -> number(d, "messages")).orElse(0L);
      return earlier + both.<Map<String, Long>>resultAt(1).getOrDefault(tally(channel), 0L);
    });
  }

  /** What one batch adds to one person's counts in one channel. */
  private record PersonCounts(String space, String channel, String user, long own, long mentioned) {
    PersonCounts plus(PersonCounts o) {
      return new PersonCounts(space, channel, user, own + o.own, mentioned + o.mentioned);
    }
  }

  /**
   * Counts new messages for the people they concern: one update per author and channel, one per
   * mentioned person and channel, in one command. (The channel's own count is a tally of the log:
   * every {@code message.created} event adds to it in the write that allocates its seq,
   * {@link #tally}.) {@code chained}: the writes are acknowledged once applied, for a chain that
   * ends with a durable write.
   */
  public Future<Void> countCreated(List<Message> created, boolean chained) {
    Map<String, PersonCounts> perPerson = new LinkedHashMap<>();
    for (Message m : created) {
      perPerson.merge(id(m.space(), m.channel(), m.author()), new PersonCounts(m.space(), m.channel(), m.author(), 1, 0), PersonCounts::plus);
      for (String u : m.mentions()) {
        perPerson.merge(id(m.space(), m.channel(), u), new PersonCounts(m.space(), m.channel(), u, 0, 1), PersonCounts::plus);
      }
    }
    List<WriteModel<Document>> personUpdates = new ArrayList<>();
    perPerson.forEach((key, p) -> personUpdates.add(new UpdateOneModel<>(Filters.eq("_id", key), Updates.combine(Updates.inc("own", p.own()),
        Updates.inc("mentioned", p.mentioned()), Updates.setOnInsert("space", p.space()), Updates.setOnInsert("channel", p.channel()),
        Updates.setOnInsert("user", p.user()), Updates.setOnInsert("seq", 0L)), new UpdateOptions().upsert(true))));
    return Reactive.one((chained ? chainedMarkers : markers).bulkWrite(personUpdates, new BulkWriteOptions().ordered(false))).mapEmpty();
  }

  /**
   * A message was deleted: it leaves its channel's count, its author's, the read count of those past
   * it, and the mention counts of those it mentioned.
   */
  public Future<Void> countDeleted(Message m) {
    return Future.all(
        log.addToTally(m.space(), tally(m.channel()), -1),
        Reactive.one(markers.updateOne(Filters.eq("_id", id(m.space(), m.channel(), m.author())), Updates.inc("own", -1L))),
        Reactive.one(markers.updateMany(Filters.and(Filters.eq("space", m.space()), Filters.eq("channel", m.channel()),
            Filters.gte("seq", m.seq()), Filters.ne("user", m.author())), Updates.inc("othersRead", -1L))),
        mentionsChanged(m, List.of(), m.mentions())).mapEmpty();
  }

  /** A message now mentions {@code added} and no longer {@code removed}: their mention counts follow. */
  public Future<Void> mentionsChanged(Message m, List<String> added, List<String> removed) {
    List<Future<?>> writes = new ArrayList<>();
    for (var change : List.of(Map.entry(added, 1L), Map.entry(removed, -1L))) {
      if (change.getKey().isEmpty()) continue;
      List<String> ids = change.getKey().stream().map(u -> id(m.space(), m.channel(), u)).toList();
      // Counted as mentioned; and, for those whose marker is past the message, as read.
      writes.add(Reactive.one(markers.bulkWrite(change.getKey().stream().<WriteModel<Document>>map(u -> new UpdateOneModel<>(
          Filters.eq("_id", id(m.space(), m.channel(), u)), Updates.combine(Updates.inc("mentioned", change.getValue()),
              Updates.setOnInsert("space", m.space()), Updates.setOnInsert("channel", m.channel()), Updates.setOnInsert("user", u),
              Updates.setOnInsert("seq", 0L)), new UpdateOptions().upsert(true))).toList()))
          .compose(r -> Reactive.one(markers.updateMany(Filters.and(Filters.eq("space", m.space()), Filters.eq("channel", m.channel()),
              Filters.gte("seq", m.seq()), Filters.in("_id", ids)),
              Updates.inc("mentionsRead", change.getValue())))));
    }
    return Future.all(writes).mapEmpty();
  }
}
