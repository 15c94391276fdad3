package atelier.docs;

import atelier.docs.ot.InvalidOperationException;
import atelier.docs.ot.TextOperation;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.platform.Frames;
import atelier.platform.Platform;
import atelier.platform.Signal;
import atelier.platform.SignalType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The WebSocket frames of shared documents besides join/leave (which are the stream's): operations
 * and cursors. Operations draw from no budget: a client has one in flight at a time. Their ack
 * reaches the author through the stream, in revision order; a resend of an operation committed
 * before is answered at once (the client ignores an ack it already has, and takes its own
 * {@code doc.op}, recognised by {@code clientId}, as its ack).
 */
final class DocumentFrames {
  static final int MAX_RANGES = 50;
  private final DocumentService docs;

  DocumentFrames(DocumentService docs) {
    this.docs = docs;
  }

  void register(Platform platform) {
    platform.frame("doc.op", null, Set.of("space", "doc", "rev", "clientId", "op"), (from, f) -> {
      String space = Frames.id(f, "space");
      String doc = Frames.id(f, "doc");
      long rev = requiredLong(f, "rev");
      String clientId = Frames.string(f, "clientId", 64);
      TextOperation op = operation(f);
      if (!from.follows(DocumentStream.NAME, DocumentStream.key(space, doc))) {
        return Future.failedFuture(ApiError.of(ErrorCode.BAD_REQUEST, "error.document_not_joined"));
      }
      Object ref = f.getValue("ref");
      return docs.apply(from.caller(), space, doc, rev, op, clientId, new DocumentHeads.Origin(from.connectionId(), ref))
          .map(c -> c.duplicate() ? DocumentStream.ack(space, doc, c.rev(), null) : null);
    });
    platform.signal(new SignalType("doc.cursor", Set.of("space", "doc", "rev", "ranges"), null, 0, f -> f.getString("doc"),
        (from, f) -> {
          String space = Frames.id(f, "space");
          String doc = Frames.id(f, "doc");
          long rev = requiredLong(f, "rev");
          JsonArray ranges = ranges(f);
          String key = DocumentStream.key(space, doc);
          if (!from.follows(DocumentStream.NAME, key)) {
            return Future.failedFuture(ApiError.of(ErrorCode.BAD_REQUEST, "error.document_not_joined"));
          }
          return Future.succeededFuture(Signal.toFollowers(DocumentStream.NAME, key, new JsonObject().put("type", "doc.cursor")
              .put("space", space).put("doc", doc).put("user", from.caller().id()).put("rev", rev).put("ranges", ranges))
              .exceptConnection(from.connectionId()));
        }));
  }

  private static long requiredLong(JsonObject f, String name) {
    long v = Frames.optLong(f, name, -1);
    if (v < 0) throw ApiError.badField(name, "required");
    return v;
  }

  private static TextOperation operation(JsonObject f) {
    if (!(f.getValue("op") instanceof JsonArray a)) throw ApiError.badField("op", "required");
    try {
      return TextOperation.fromJson(a.getList());
    } catch (InvalidOperationException e) {
      throw ApiError.badField("op", "invalid");
    }
  }

  /** {@code [[anchor, head], …]}: at most {@link #MAX_RANGES} pairs of whole numbers ≥ 0. */
  private static JsonArray ranges(JsonObject f) {
    if (!(f.getValue("ranges") instanceof JsonArray a) || a.size() > MAX_RANGES) throw ApiError.badField("ranges", "invalid");
    JsonArray out = new JsonArray();
    for (Object o : a) {
      if (!(o instanceof JsonArray pair) || pair.size() != 2) throw ApiError.badField("ranges", "invalid");
      for (Object n : pair) {
        if (!(n instanceof Integer || n instanceof Long) || ((Number) n).longValue() < 0) throw ApiError.badField("ranges", "invalid");
      }
      out.add(new JsonArray().add(pair.getValue(0)).add(pair.getValue(1)));
    }
    return out;
  }
}
