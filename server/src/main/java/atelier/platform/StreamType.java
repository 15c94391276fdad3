package atelier.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A stream a feature registers: its name, the client frame types that follow ({@code since}
 * optional) and leave one of its keys, the fields those frames carry besides {@code type},
 * {@code ref} and {@code since}, its {@link StreamSource}, and optionally a presence frame: who
 * follows a key, sent to its followers when that changes (the space's {@code presence}).
 */
public record StreamType(String name, String followType, String leaveType, Set<String> fields, StreamSource source,
    BiFunction<String, List<String>, JsonObject> presence) {

  public StreamType {
    fields = Set.copyOf(fields);
  }

  public StreamType(String name, String followType, String leaveType, Set<String> fields, StreamSource source) {
    this(name, followType, leaveType, fields, source, null);
  }

  /** The same stream, whose followers are told who else follows each key. */
  public StreamType withPresence(BiFunction<String, List<String>, JsonObject> frame) {
    return new StreamType(name, followType, leaveType, fields, source, frame);
  }

  /** The presence frame of PROTOCOL.md for a key named by {@code field}: {@code {"type":"presence",field:key,"online":[…]}}. */
  public static BiFunction<String, List<String>, JsonObject> presenceFrame(String field) {
    return (key, online) -> new JsonObject().put("type", "presence").put(field, key).put("online", new JsonArray(online));
  }
}
