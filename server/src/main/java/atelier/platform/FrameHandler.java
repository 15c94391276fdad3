package atelier.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Handles one client frame type registered by a feature (e.g. {@code message.send} by chat). The
 * returned frame (or {@code null} for no reply) is sent back with the request's {@code ref}; a
 * failure with an {@link atelier.errors.ApiError} becomes an {@code error} frame with that ref.
 */
@FunctionalInterface
public interface FrameHandler {
  Future<JsonObject> handle(FrameContext from, JsonObject frame);
}
