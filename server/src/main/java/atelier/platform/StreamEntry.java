package atelier.platform;

import io.vertx.core.json.JsonObject;

/**
 * One entry of a stream: its position (1, 2, 3… per key) and the frame its followers receive.
 * {@code origin} (a connection id) and {@code originFrame}: the socket that caused the entry gets
 * {@code originFrame} in its place, in position order with the others (a document's author gets its
 * {@code ack}). {@code subject}: a person whose access this entry may change (a space's
 * {@code member.left}); the platform checks again, before delivering anything after it, that their
 * sockets may still follow what they follow in the entry's scope.
 */
public record StreamEntry(long position, JsonObject frame, String origin, JsonObject originFrame, String subject) {
  public static StreamEntry of(long position, JsonObject frame) {
    return new StreamEntry(position, frame, null, null, null);
  }

  /** The socket {@code connectionId} gets {@code ownFrame} instead (with its ref, if the feature put one). */
  public StreamEntry from(String connectionId, JsonObject ownFrame) {
    return new StreamEntry(position, frame, connectionId, ownFrame, subject);
  }

  public StreamEntry concerning(String user) {
    return new StreamEntry(position, frame, origin, originFrame, user);
  }

  /** The event bus form published by {@link Streams#publish}. */
  JsonObject toBus(String key) {
    JsonObject m = new JsonObject().put("key", key).put("pos", position).put("frame", frame);
    if (origin != null) m.put("origin", origin).put("own", originFrame);
    if (subject != null) m.put("subject", subject);
    return m;
  }

  static StreamEntry fromBus(JsonObject m) {
    return new StreamEntry(m.getLong("pos"), m.getJsonObject("frame"), m.getString("origin"), m.getJsonObject("own"),
        m.getString("subject"));
  }
}
