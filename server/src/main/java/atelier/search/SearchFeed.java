package atelier.search;

import atelier.events.Event;
import atelier.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the index from the space logs, as every node's gateway is fed: each space is applied in
 * {@code seq} order from the position the index last committed. Live events (the clustered event bus,
 * so a node indexes what every node commits) are applied at once when they are the next one; a gap
 * (an event still being committed elsewhere, or a bus message missed) is read from the log with
 * {@link EventLog#readContiguous}, which never skips an event. A sweep every few seconds picks up
 * spaces and cards changed without an event and logs whose live events were missed.
 *
 * <p>Confined to the context of {@link SearchVerticle}.
 */
final class SearchFeed {
  private static final Logger LOG = LoggerFactory.getLogger(SearchFeed.class);
  static final int PAGE = 500;
  /** Log reads at a time: at start every space catches up, and a store should not get them all at once. */
  static final int MAX_READS = 8;
  private static final long HOLE_RETRY_MS = 250;

  private final Vertx vertx;
  private final EventLog log;
  private final SpaceDirectory directory;
  private final List<SearchableKind> kinds;
  private final IndexQueue queue;
  private final Map<String, Long> committed;
  private final Map<String, SpaceFeed> feeds = new HashMap<>();
  /** Read by searches on other threads: names for results. */
  private final Map<String, IndexedSpace> spaces;
  private final ArrayDeque<SpaceFeed> waiting = new ArrayDeque<>();
  private int reading;
  private MessageConsumer<JsonObject> consumer;
  private boolean started;

  /** One space's progress through its log. */
  private static final class SpaceFeed {
    final String space;
    long position;
    final TreeMap<Long, Event> buffer = new TreeMap<>();
    IndexedSpace info;
    boolean busy;
    boolean catchUp = true;
    boolean retryScheduled;
    boolean queued;
    /** The space's language changed: its whole log is applied again, analysed the new way. */
    boolean replay;

    /** Takes the space as now read; a new language asks for the log to be replayed from the start. */
    void read(IndexedSpace s) {
      if (info != null && !info.language().equals(s.language())) replay = true;
      info = s;
    }

    SpaceFeed(String space, long position) {
      this.space = space;
      this.position = position;
    }
  }

  SearchFeed(Vertx vertx, EventLog log, SpaceDirectory directory, List<SearchableKind> kinds, IndexQueue queue,
      Map<String, Long> committed, ConcurrentHashMap<String, IndexedSpace> spaces) {
    this.vertx = vertx;
    this.log = log;
    this.directory = directory;
    this.kinds = kinds;
    this.queue = queue;
    this.committed = committed;
    this.spaces = spaces;
  }

  /** Listens to live events first (kept until their space is known), then catches every space up. */
  Future<Void> start() {
    consumer = vertx.eventBus().consumer(EventLog.ADDRESS, m -> offer(Event.fromFrame(m.body())));
    return consumer.completion().compose(v -> sweep()).onSuccess(v -> started = true);
  }

  Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** Whether every known space is applied up to its head as last seen, and nothing is waiting to be written. */
  boolean caughtUp() {
    return started && queue.idle() && waiting.isEmpty() && reading == 0
        && feeds.values().stream().allMatch(f -> !f.busy && !f.catchUp && f.buffer.isEmpty());
  }

  /**
   * Reads every space: new ones get a feed, changed cards are indexed again, and a log whose head is
   * past the feed's position is read (a live event may have been missed).
   */
  Future<Void> sweep() {
    return directory.all().compose(all -> {
      List<Future<Void>> heads = new ArrayList<>();
      for (IndexedSpace s : all) {
        SpaceFeed f = feeds.computeIfAbsent(s.id(), id -> new SpaceFeed(id, committed.getOrDefault(id, 0L)));
        if (!Objects.equals(f.info, s)) {
          f.read(s);
          spaces.put(s.id(), s);
          queue.add(List.of(SpaceKind.card(s)), s.id(), 0);
        }
        if (!f.busy && !f.catchUp) {
          heads.add(log.head(s.id()).map(head -> {
            if (head > f.position) f.catchUp = true;
            pump(f);
            return null;
          }));
        } else {
          pump(f);
        }
      }
      return Future.all(heads).<Void>mapEmpty();
    });
  }

  private void offer(Event e) {
    SpaceFeed f = feeds.get(e.space());
    if (f == null) {
      f = new SpaceFeed(e.space(), committed.getOrDefault(e.space(), 0L));
      feeds.put(e.space(), f);
      load(f);
    }
    if (e.seq() > f.position) f.buffer.put(e.seq(), e);
    pump(f);
  }

  /** A space first heard of by one of its events: read it (its card, its language) before applying its log. */
  private void load(SpaceFeed f) {
    f.busy = true;
    directory.byId(f.space).onComplete(ar -> {
      f.busy = false;
      if (ar.succeeded() && ar.result().isPresent()) {
        f.info = ar.result().get();
        spaces.put(f.space, f.info);
        queue.add(List.of(SpaceKind.card(f.info)), f.space, 0);
      } else if (ar.failed()) {
        LOG.warn("Search could not read space {}; retried at the next sweep", f.space, ar.cause());
      }
      pump(f);
    });
  }

  private void pump(SpaceFeed f) {
    if (f.busy || f.info == null) return;
    if (f.replay) {
      // Every indexed thing of the space is put again (by id) from its log; the committed position
      // goes back to the start with it, so a crash meanwhile resumes the replay rather than skip it.
      f.replay = false;
      f.position = 0;
      f.buffer.clear();
      f.catchUp = true;
      queue.rewind(f.space);
    }
    f.buffer.headMap(f.position, true).clear();
    List<Event> run = new ArrayList<>();
    long next = f.position + 1;
    for (Map.Entry<Long, Event> e : f.buffer.entrySet()) {
      if (e.getKey() != next) break;
      run.add(e.getValue());
      next++;
    }
    if (!run.isEmpty()) {
      run.forEach(e -> f.buffer.remove(e.seq()));
      apply(f, run);
    } else if (f.catchUp || !f.buffer.isEmpty()) {
      read(f);
    }
  }

  private void read(SpaceFeed f) {
    if (reading >= MAX_READS) {
      if (!f.queued) {
        f.queued = true;
        waiting.add(f);
      }
      return;
    }
    reading++;
    f.busy = true;
    log.readContiguous(f.space, f.position, PAGE).onComplete(ar -> {
      reading--;
      f.busy = false;
      // Hand the freed slots to waiting spaces (one that has nothing to read leaves its slot free).
      SpaceFeed next;
      while (reading < MAX_READS && (next = waiting.poll()) != null) {
        next.queued = false;
        pump(next);
      }
      if (ar.failed()) {
        LOG.warn("Search could not read the log of space {}; retried at the next sweep", f.space, ar.cause());
        return;
      }
      List<Event> events = ar.result();
      if (events.isEmpty()) {
        f.catchUp = false;
        // A hole: its writer is still committing, or it is filled after the gap timeout. Look again soon.
        if (!f.buffer.isEmpty() && !f.retryScheduled) {
          f.retryScheduled = true;
          vertx.setTimer(HOLE_RETRY_MS, t -> {
            f.retryScheduled = false;
            pump(f);
          });
        }
        return;
      }
      f.catchUp = events.size() == PAGE;
      apply(f, events);
    });
  }

  /** Turns a contiguous run of events into index changes, in order, then moves the position past it. */
  private void apply(SpaceFeed f, List<Event> events) {
    f.busy = true;
    Future<List<IndexChange>> all = Future.succeededFuture(new ArrayList<>());
    for (Event e : events) all = all.compose(acc -> changes(f, e).map(c -> {
      acc.addAll(c);
      return acc;
    }));
    long last = events.get(events.size() - 1).seq();
    all.onComplete(ar -> {
      f.busy = false;
      if (ar.failed()) {
        // Nothing of the run is applied: the position stays and the run is read again.
        LOG.warn("Search could not index events of space {}; retried", f.space, ar.cause());
        f.catchUp = true;
        vertx.setTimer(1000, t -> pump(f));
        return;
      }
      queue.add(ar.result(), f.space, last, events.stream().map(Event::at).toList());
      f.position = last;
      pump(f);
    });
  }

  private Future<List<IndexChange>> changes(SpaceFeed f, Event e) {
    Future<IndexedSpace> space = e.kind().startsWith("space.")
        ? directory.byId(f.space).map(o -> {
          o.ifPresent(s -> {
            f.read(s);
            spaces.put(s.id(), s);
          });
          return f.info;
        })
        : Future.succeededFuture(f.info);
    return space.compose(s -> {
      List<Future<List<IndexChange>>> parts = kinds.stream().filter(k -> k.follows(e.kind())).map(k -> k.changes(e, s)).toList();
      if (parts.isEmpty()) return Future.succeededFuture(List.of());
      return Future.all(parts).map(done -> {
        List<IndexChange> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) out.addAll(done.<List<IndexChange>>resultAt(i));
        return out;
      });
    });
  }
}
