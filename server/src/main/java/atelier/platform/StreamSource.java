package atelier.platform;

import atelier.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a feature provides for one stream (an ordered log per key with resume, like a space's event
 * log or a document's revision log); the platform does the rest: following, replay, live delivery
 * in position order with no gap and no duplicate, gap filling from {@link #read}, reset when the
 * follower is too far behind, leaving, and ending a follow whose access was lost.
 */
public interface StreamSource {
  /** The key named by a follow or leave frame (validated: fails with a {@code bad_request} naming the field). */
  String key(JsonObject frame);

  /** The space a key belongs to: access changes in that space make the platform check its followers again. */
  String scope(String key);

  /** Fails (an ApiError: forbidden, not_found…) unless the caller may follow the key. */
  Future<Void> authorize(Caller caller, String key);

  /** The highest position written or being written (an entry at or below it exists, or soon will). */
  Future<Long> head(String key);

  /**
   * Up to {@code max} durable entries after {@code after}, in order and contiguous (stop before a
   * position still being written; never skip one).
   */
  Future<List<StreamEntry>> read(String key, long after, int max);

  /**
   * Starts a follow without replay (no {@code since}, or {@code reset}: too far behind): the position
   * the follower is at, and the reply frame (e.g. {@code subscribed}, or {@code doc.joined} with the
   * text at exactly that position). Entries after it are then delivered live.
   */
  Future<Opening> open(Caller caller, String key, long head, boolean reset);

  /** The reply once the entries after the follower's {@code since} were replayed, up to {@code position}. */
  JsonObject replayed(String key, long position);

  /** The reply to a leave frame, and what the platform sends when it ends a follow ({@code reason} e.g. {@code removed}). */
  JsonObject left(String key, String reason);

  /**
   * Where this stream's live entries arrive: by default what {@link Streams#publish} sends; a stream
   * with its own bus traffic (the space log) overrides both methods.
   */
  default String address(String stream) {
    return Streams.address(stream);
  }

  /** Reads a live entry from the bus; null when the message is not for followers. Runs on the event bus consumer. */
  default Keyed live(JsonObject message) {
    return new Keyed(message.getString("key"), StreamEntry.fromBus(message));
  }

  /** A live entry and the key it belongs to. */
  record Keyed(String key, StreamEntry entry) {}

  /** Where a follow starts, and the frame that tells the follower so. */
  record Opening(long position, JsonObject reply) {}
}
