package atelier.space;

import atelier.auth.Caller;
import atelier.events.Event;
import atelier.events.EventLog;
import atelier.platform.EventKinds;
import atelier.platform.Frames;
import atelier.platform.StreamEntry;
import atelier.platform.StreamSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A space's event log as a platform stream (PROTOCOL.md {@code subscribe}/{@code unsubscribe}): key =
 * the space id, position = {@code seq}, entries = {@code event} frames. Its live entries are the
 * event log's own bus traffic ({@link EventLog#ADDRESS}); an event that changes access and names a
 * {@code user} (member joined, left, role changed) makes the platform check that person's follows
 * of the space again.
 */
public final class SpaceLogStream implements StreamSource {
  public static final String NAME = "space";
  /** Window used to find the contiguous head of a space for a subscribe without replay. */
  private static final int HEAD_WINDOW = 200;

  private final EventLog log;
  private final SpaceService spaces;
  private final SpaceCache cache;
  private final EventKinds kinds;

  public SpaceLogStream(EventLog log, SpaceService spaces, SpaceCache cache, EventKinds kinds) {
    this.log = log;
    this.spaces = spaces;
    this.cache = cache;
    this.kinds = kinds;
  }

  @Override
  public String key(JsonObject frame) {
    return Frames.id(frame, "space");
  }

  @Override
  public String scope(String key) {
    return key;
  }

  @Override
  public Future<Void> authorize(Caller caller, String key) {
    return spaces.access(caller, key).map(a -> {
      a.requireRead();
      return null;
    });
  }

  @Override
  public Future<Long> head(String key) {
    return log.head(key);
  }

  @Override
  public Future<List<StreamEntry>> read(String key, long after, int max) {
    return log.readContiguous(key, after, max).map(events -> events.stream().map(this::entry).toList());
  }

  /**
   * The highest seq below which the log is complete: a seq allocated but not yet committed stays above
   * it, so its event still reaches the subscriber live.
   */
  @Override
  public Future<Opening> open(Caller caller, String key, long head, boolean reset) {
    return log.contiguousPosition(key, head, HEAD_WINDOW).map(position -> new Opening(position, subscribed(key, position, reset)));
  }

  @Override
  public JsonObject replayed(String key, long position) {
    return subscribed(key, position, false);
  }

  @Override
  public JsonObject left(String key, String reason) {
    JsonObject out = new JsonObject().put("type", "unsubscribed").put("space", key);
    return reason == null ? out : out.put("reason", reason);
  }

  @Override
  public String address(String stream) {
    return EventLog.ADDRESS;
  }

  /** Events committed by other nodes reach this node's cache here (its own, when committed). */
  @Override
  public Keyed live(JsonObject frame) {
    String space = frame.getString("space");
    if (space == null) return null;
    String kind = frame.getString("kind");
    cache.onEvent(space, kind);
    return new Keyed(space, entry(frame.getLong("seq"), kind, frame));
  }

  private StreamEntry entry(Event e) {
    return entry(e.seq(), e.kind(), e.toFrame());
  }

  private StreamEntry entry(long seq, String kind, JsonObject frame) {
    StreamEntry entry = StreamEntry.of(seq, frame);
    JsonObject data = frame.getJsonObject("data");
    String subject = data == null ? null : data.getValue("user") instanceof String u ? u : null;
    return subject != null && kinds.changesAccess(kind) ? entry.concerning(subject) : entry;
  }

  private static JsonObject subscribed(String space, long head, boolean reset) {
    JsonObject out = new JsonObject().put("type", "subscribed").put("space", space).put("head", head);
    if (reset) out.put("reset", true);
    return out;
  }
}
