package atelier.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Function;

/**
 * A client frame that becomes an ephemeral {@link Signal} (typing, document cursors). The platform
 * handles what every signal needs: a frame over its budget, sent again within {@code intervalMs} for
 * the same {@code throttleKey}, or arriving while this connection's previous one of the type is still
 * being routed, is dropped without an answer (signals may be lost; answering each would flood the
 * sender). {@code route} checks the frame and the sender's right (failing with an ApiError, answered
 * as an error frame with the ref) and says where the signal goes; it is published cluster-wide.
 */
public record SignalType(String type, Set<String> fields, String budget, long intervalMs,
    Function<JsonObject, String> throttleKey, Route route) {

  public SignalType {
    fields = Set.copyOf(fields);
  }

  @FunctionalInterface
  public interface Route {
    Future<Signal> route(FrameContext from, JsonObject frame);
  }
}
