package atelier.platform;

import io.vertx.core.json.JsonObject;

/**
 * An ephemeral frame for the sockets that follow {@code key} of {@code stream} on any node (typing
 * to a space's subscribers, a cursor to a document's viewers), never stored. {@code exceptUser} and
 * {@code exceptConnection} (each may be null) leave out the sender's own sockets.
 */
public record Signal(String stream, String key, JsonObject frame, String exceptUser, String exceptConnection) {
  public static Signal toFollowers(String stream, String key, JsonObject frame) {
    return new Signal(stream, key, frame, null, null);
  }

  public Signal exceptUser(String user) {
    return new Signal(stream, key, frame, user, exceptConnection);
  }

  public Signal exceptConnection(String connection) {
    return new Signal(stream, key, frame, exceptUser, connection);
  }

  JsonObject toBus() {
    return new JsonObject().put("stream", stream).put("key", key).put("frame", frame).put("exceptUser", exceptUser)
        .put("exceptConnection", exceptConnection);
  }

  public static Signal fromBus(JsonObject m) {
    return new Signal(m.getString("stream"), m.getString("key"), m.getJsonObject("frame"), m.getString("exceptUser"),
        m.getString("exceptConnection"));
  }
}
