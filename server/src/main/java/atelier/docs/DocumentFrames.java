package atelier.docs;

import atelier.docs.ot.InvalidOperationException;
import atelier.docs.ot.TextOperation;
import atelier.http.ApiError;
import atelier.realtime.FrameRegistry;
import atelier.realtime.Frames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The WebSocket frames of shared documents (docs/protocol.md, "Shared documents"): join, leave,
 * operations and cursors. Operations are not rate-budgeted: a client has one in flight at a time.
 * This is the adapter to the gateway's frame registry; delivery is {@link DocumentHub}'s.
 */
final class DocumentFrames {
  static final int MAX_RANGES = 50;
  private final DocumentService docs;
  private final DocumentHub hub;

  DocumentFrames(DocumentService docs, DocumentHub hub) {
    this.docs = docs;
    this.hub = hub;
  }

  void register(FrameRegistry registry) {
    registry.register("doc.join", FrameRegistry.Budget.NONE, Set.of("space", "doc", "since"), (from, f) -> {
      String space = Frames.id(f, "space");
      String doc = Frames.id(f, "doc");
      long since = Frames.optLong(f, "since", -1);
      return docs.join(from.caller(), space, doc)
          .compose(a -> hub.join(from, space, doc, since < 0 ? null : since,
              a.role() != null && a.role().canWrite() && !a.space().dormant(), f.getValue("ref")))
          .map(v -> (JsonObject) null); // doc.joined is sent by the hub, in order with the replay
    });
    registry.register("doc.leave", FrameRegistry.Budget.NONE, Set.of("space", "doc"), (from, f) -> {
      String space = Frames.id(f, "space");
      String doc = Frames.id(f, "doc");
      return hub.leave(from, doc).map(v -> new JsonObject().put("type", "doc.left").put("space", space).put("doc", doc));
    });
    registry.register("doc.op", FrameRegistry.Budget.NONE, Set.of("space", "doc", "rev", "clientId", "op"), (from, f) -> {
      String space = Frames.id(f, "space");
      String doc = Frames.id(f, "doc");
      long rev = requiredLong(f, "rev");
      String clientId = Frames.string(f, "clientId", 64);
      TextOperation op = operation(f);
      Object ref = f.getValue("ref");
      return hub.expect(from, doc, clientId, ref)
          .compose(v -> docs.apply(from.caller(), space, doc, rev, op, clientId))
          .transform(ar -> hub.committed(from, doc, clientId, ar.result(), ar.failed())
              .compose(v -> ar.failed() ? Future.failedFuture(ar.cause()) : Future.succeededFuture((JsonObject) null)));
    });
    registry.register("doc.cursor", FrameRegistry.Budget.NONE, Set.of("space", "doc", "rev", "ranges"), (from, f) -> {
      Frames.id(f, "space");
      String doc = Frames.id(f, "doc");
      long rev = requiredLong(f, "rev");
      return hub.cursor(from, doc, rev, ranges(f)).map(v -> (JsonObject) null);
    });
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
