package atelier.events;

import atelier.store.JsonDocuments;
import atelier.store.Reactive;
import atelier.store.Store;
import atelier.store.StoreErrors;
import com.mongodb.ReadConcern;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The per-space event log. {@code seq} is allocated atomically ({@code counters}, {@code $inc}) and
 * the event is then inserted under the unique index {@code (space, seq)}. Two writers may commit
 * out of order (9 before 8), and a writer may die between allocating and inserting, leaving a hole.
 * Readers therefore only ever hand out a <em>contiguous</em> prefix: a hole that stays empty longer
 * than {@code gapTimeout} is filled with a {@code gap} event through the same unique index — if the
 * late writer then arrives it gets a duplicate-key error and simply takes a new seq, so nothing is
 * lost and no reader ever skips an event.
 *
 * <p>Every read is a range of the {@code (space, seq)} index with the limit pushed down, and reads
 * only what is durable ({@link Store}'s majority read concern): replay, gap fill and head never show
 * an event that a crash could take back and give to another.
 *
 * <p>After a commit the event is published on the clustered event bus; the WebSocket gateway of
 * every node listens there. The log knows nothing about sockets.
 */
public final class EventLog {
  public static final String ADDRESS = "atelier.events";
  public static final String GAP = "gap";
  /** The counter document's field that holds the space's tallies ({@link #tallies}). */
  private static final String TALLIES = "tallies";

  private final Vertx vertx;
  private final MongoCollection<Document> events;
  private final MongoCollection<Document> counters;
  /** For {@link #appendAll}: acknowledged once applied (see {@link Store#chainedCollection}). */
  private final MongoCollection<Document> chainedEvents;
  private final MongoCollection<Document> chainedCounters;
  private final MongoCollection<Document> ownWrites;
  private final Duration gapTimeout;
  private final List<Consumer<Event>> committed = new CopyOnWriteArrayList<>();

  public EventLog(Vertx vertx, Store store, Duration gapTimeout) {
    this.vertx = vertx;
    this.events = store.collection("events");
    this.counters = store.collection("counters");
    this.chainedEvents = store.chainedCollection("events");
    this.chainedCounters = store.chainedCollection("counters");
    this.ownWrites = store.collection("events").withReadConcern(ReadConcern.LOCAL);
    this.gapTimeout = gapTimeout;
  }

  public Future<Void> createIndexes() {
    return Reactive.one(events.createIndex(Indexes.ascending("space", "seq"), new IndexOptions().unique(true))).mapEmpty();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Appends an event and publishes it; the returned event carries its seq. */
  public Future<Event> append(String space, String kind, String actor, JsonObject data) {
    return append(new Draft(space, kind, actor, data));
  }

  /** Appends an event, adding to its tally in the write that allocates its seq, and publishes it. */
  public Future<Event> append(Draft draft) {
    if (!validTally(draft.tally())) return badTally(draft.tally());
    Map<String, Long> tally = draft.tally() == null ? Map.of() : Map.of(draft.tally(), 1L);
    return appendUnpublished(draft.space(), draft.kind(), draft.actor(), draft.data(), tally).onSuccess(this::publish);
  }

  /**
   * An event to append: what {@link #append} takes; {@code tally}, when not null, names a count of
   * the space that this event adds one to, in the same write as its seq (see {@link #tallies}).
   */
  public record Draft(String space, String kind, String actor, JsonObject data, String tally) {
    public Draft(String space, String kind, String actor, JsonObject data) {
      this(space, kind, actor, data, null);
    }
  }

  /**
   * Appends several events with one {@code $inc} per space and one insert for all; the answer is in
   * the order of {@code drafts}, and a space's events get consecutive seqs in that order. These writes
   * are acknowledged once applied, not yet durable: the caller ends the chain with a durable write and
   * only then {@link #publish}es the events (so no one sees an event that a crash could take back and
   * give to another). Should the insert fail for any of them (a gap filler took a seq whose writer
   * seemed gone), each is checked and, if not stored as ours, appended again on its own with a new seq.
   */
  public Future<List<Event>> appendAll(List<Draft> drafts) {
    for (Draft d : drafts) if (!validTally(d.tally())) return badTally(d.tally());
    Map<String, List<Integer>> bySpace = new LinkedHashMap<>();
    for (int i = 0; i < drafts.size(); i++) bySpace.computeIfAbsent(drafts.get(i).space(), k -> new ArrayList<>()).add(i);
    Instant at = now();
    Event[] events = new Event[drafts.size()];
    List<Future<Void>> allocations = bySpace.entrySet().stream().map(e -> allocate(chainedCounters, e.getKey(), e.getValue().size(),
        talliesOf(drafts, e.getValue())).<Void>map(last -> {
      long seq = last - e.getValue().size();
      for (int i : e.getValue()) {
        Draft d = drafts.get(i);
        events[i] = new Event(d.space(), ++seq, d.kind(), at, d.actor(), d.data());
      }
      return null;
    })).toList();
    return Future.all(allocations)
        .compose(v -> Reactive.one(chainedEvents.insertMany(Arrays.stream(events).map(EventLog::document).toList(),
                new InsertManyOptions().ordered(false))).<List<Event>>map(r -> List.of(events))
            .recover(failed -> Future.all(Arrays.stream(events).map(this::storedOrAgain).toList()).map(all -> all.<Event>list())));
  }

  /**
   * After a failed batch insert: the event as stored by the batch, or inserted now, or appended anew.
   * Read at {@code local} concern: the batch's own insert is not durable yet, and must be seen.
   */
  private Future<Event> storedOrAgain(Event e) {
    return Reactive.first(ownWrites.find(Filters.and(Filters.eq("space", e.space()), Filters.eq("seq", e.seq())))).compose(found -> {
      if (found.isPresent()) {
        Event stored = Event.from(found.get());
        boolean ours = stored.kind().equals(e.kind()) && Objects.equals(stored.actor(), e.actor()) && stored.at().equals(e.at());
        return ours ? Future.succeededFuture(e) : appendUnpublished(e.space(), e.kind(), e.actor(), e.data(), Map.of());
      }
      return insert(e).recover(err -> StoreErrors.isDuplicateKey(err)
          ? appendUnpublished(e.space(), e.kind(), e.actor(), e.data(), Map.of()) : Future.failedFuture(err));
    });
  }

  /**
   * Allocates a seq (adding to {@code tallies} in the same write) and inserts the event. A seq taken
   * meanwhile by a gap filler: a new one, without adding to the tallies a second time. (Retries
   * after a failed batch insert pass no tallies: the batch's allocation counted them.)
   */
  private Future<Event> appendUnpublished(String space, String kind, String actor, JsonObject data, Map<String, Long> tallies) {
    return allocate(counters, space, 1, tallies).compose(seq -> insert(new Event(space, seq, kind, now(), actor, data)))
        .recover(e -> StoreErrors.isDuplicateKey(e) ? appendUnpublished(space, kind, actor, data, Map.of()) : Future.failedFuture(e));
  }

  public void publish(Event event) {
    committed.forEach(l -> l.accept(event));
    vertx.eventBus().publish(ADDRESS, event.toFrame());
  }

  /** Called with every event committed by this node, before it is published (and before its writer answers). */
  public void onCommitted(Consumer<Event> listener) {
    committed.add(listener);
  }

  /** The highest seq allocated so far (0 for a new space). */
  public Future<Long> head(String space) {
    return Reactive.first(counters.find(Filters.eq("_id", "space:" + space)))
        .map(d -> d.map(x -> x.get("seq") instanceof Number n ? n.longValue() : 0L).orElse(0L));
  }

  /**
   * Events after {@code after}, in order, without holes, at most {@code limit}. Stops at a recent
   * hole (its writer is probably still committing); fills a hole older than the gap timeout.
   */
  public Future<List<Event>> readContiguous(String space, long after, int limit) {
    return readContiguous(space, after, limit, true);
  }

  /**
   * How far the log of a space is complete, looking at the {@code window} seqs up to {@code head}:
   * the seq before the first hole (filling holes older than the gap timeout), reading only seqs and
   * times, not the events themselves.
   */
  public Future<Long> contiguousPosition(String space, long head, int window) {
    long base = Math.max(0, head - window);
    return readContiguous(space, base, (int) (head - base), false).map(events -> base + events.size());
  }

  private Future<List<Event>> readContiguous(String space, long after, int limit, boolean bodies) {
    if (limit <= 0) return Future.succeededFuture(new ArrayList<>());
    // One past the limit: a hole can only be judged by an event after it, and a subscription asks
    // for exactly the range below the first event it holds.
    var find = events.find(Filters.and(Filters.eq("space", space), Filters.gt("seq", after), Filters.lte("seq", after + limit + 1)))
        .sort(Sorts.ascending("seq")).limit(limit + 1);
    if (!bodies) find = find.projection(Projections.include("space", "seq", "kind", "at"));
    return Reactive.list(find)
        .compose(docs -> {
          List<Event> found = docs.stream().map(Event::from).toList();
          List<Event> out = new ArrayList<>();
          long expected = after + 1;
          for (Event e : found) {
            if (out.size() == limit) break;
            if (e.seq() != expected) {
              if (e.at().isBefore(Instant.now().minus(gapTimeout))) {
                // The writer of `expected` is gone: fill the hole and read again from there.
                long hole = expected;
                return fillGap(space, hole)
                    .compose(v -> readContiguous(space, hole - 1, limit - out.size(), bodies))
                    .map(rest -> {
                      out.addAll(rest);
                      return out;
                    });
              }
              return Future.succeededFuture(out);
            }
            out.add(e);
            expected++;
          }
          return Future.succeededFuture(out);
        });
  }

  private Future<Void> fillGap(String space, long seq) {
    Event gap = new Event(space, seq, GAP, now(), null, new JsonObject());
    return insert(gap).onSuccess(this::publish).<Void>mapEmpty()
        .recover(e -> StoreErrors.isDuplicateKey(e) ? Future.succeededFuture() : Future.failedFuture(e));
  }

  /** A page of the log as stored, in seq order after {@code after}, without the store's own ids (the archive). */
  public Future<List<Document>> rawPage(String space, long after, int limit) {
    return Reactive.list(events.find(Filters.and(Filters.eq("space", space), Filters.gt("seq", after)))
        .projection(Projections.exclude("_id")).sort(Sorts.ascending("seq")).limit(limit));
  }

  /** Stores events exactly as an archive holds them, and moves the space's counter past them (a restore). */
  public Future<Void> insertRaw(String space, List<Document> docs) {
    if (docs.isEmpty()) return Future.succeededFuture();
    long last = docs.stream().mapToLong(d -> ((Number) d.get("seq")).longValue()).max().orElse(0);
    return Reactive.one(events.insertMany(docs, new InsertManyOptions().ordered(true)))
        .compose(r -> Reactive.one(counters.updateOne(Filters.eq("_id", "space:" + space), Updates.max("seq", last),
            new UpdateOptions().upsert(true))))
        .mapEmpty();
  }

  /** Deletes a space's log and counter (a purge, or an import that failed). */
  public Future<Void> deleteSpace(String space) {
    return Reactive.one(events.deleteMany(Filters.eq("space", space)))
        .compose(r -> Reactive.one(counters.deleteOne(Filters.eq("_id", "space:" + space)))).mapEmpty();
  }

  /**
   * Takes the next {@code n} seqs of a space, and adds to its tallies in the same write; answers the
   * last seq. (The answer holds the seq alone: the tallies are not read back.)
   */
  private static Future<Long> allocate(MongoCollection<Document> counters, String space, int n, Map<String, Long> tallies) {
    List<Bson> updates = new ArrayList<>(1 + tallies.size());
    updates.add(Updates.inc("seq", (long) n));
    tallies.forEach((name, k) -> updates.add(Updates.inc(TALLIES + "." + name, k)));
    return Reactive.one(counters.findOneAndUpdate(Filters.eq("_id", "space:" + space), Updates.combine(updates),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER).projection(Projections.include("seq"))))
        .map(d -> ((Number) d.get("seq")).longValue());
  }

  private static Map<String, Long> talliesOf(List<Draft> drafts, List<Integer> indexes) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i : indexes) if (drafts.get(i).tally() != null) out.merge(drafts.get(i).tally(), 1L, Long::sum);
    return out;
  }

  /**
   * The counts a space keeps beside its seq: name → value. A feature names them (chat: a channel's
   * messages) and they grow in the same write that gives its events their seqs — one write fewer per
   * send than a count kept elsewhere. A name never written reads as absent (zero).
   */
  public Future<Map<String, Long>> tallies(String space) {
    return Reactive.first(counters.find(Filters.eq("_id", "space:" + space)).projection(Projections.include(TALLIES))).map(d -> {
      Map<String, Long> out = new LinkedHashMap<>();
      Object t = d.map(x -> x.get(TALLIES)).orElse(null);
      if (t instanceof Document tallies) tallies.forEach((name, v) -> out.put(name, v instanceof Number x ? x.longValue() : 0L));
      return out;
    });
  }

  /** Adds {@code delta} (negative: takes away) to a tally of the space, outside an append (a deleted message). */
  public Future<Void> addToTally(String space, String name, long delta) {
    if (name == null || !validTally(name)) return badTally(name);
    return Reactive.one(counters.updateOne(Filters.eq("_id", "space:" + space), Updates.inc(TALLIES + "." + name, delta),
        new UpdateOptions().upsert(true))).mapEmpty();
  }

  /** None, or a field name of the counter document: no dot, no leading {@code $}. */
  private static boolean validTally(String name) {
    return name == null || (!name.isEmpty() && name.indexOf('.') < 0 && !name.startsWith("$"));
  }

  private static <T> Future<T> badTally(String name) {
    return Future.failedFuture(new IllegalArgumentException("tally name: " + name));
  }

  private Future<Event> insert(Event e) {
    return Reactive.one(events.insertOne(document(e))).map(r -> e);
  }

  private static Document document(Event e) {
    return new Document("space", e.space()).append("seq", e.seq()).append("kind", e.kind())
        .append("at", Date.from(e.at())).append("actor", e.actor()).append("data", JsonDocuments.toDocument(e.data()));
  }
}
