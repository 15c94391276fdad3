package atelier.docs;

import atelier.auth.Caller;
import atelier.platform.Frames;
import atelier.platform.StreamEntry;
import atelier.platform.StreamSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A document's revision log as a platform stream ({@code doc.join}/{@code doc.leave}): key =
 * {@code space/doc}, position = {@code rev}, entries = {@code doc.op} frames (the author's socket
 * gets its {@code ack} in their place). The platform does following, replay with {@code since},
 * ordered live delivery across nodes, gap filling from {@link #read} and resets.
 */
final class DocumentStream implements StreamSource {
  static final String NAME = "doc";
  private final DocumentService docs;
  private final DocumentHeads heads;

  DocumentStream(DocumentService docs, DocumentHeads heads) {
    this.docs = docs;
    this.heads = heads;
  }

  static String key(String space, String doc) {
    return space + "/" + doc;
  }

  static String space(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  static String doc(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  @Override
  public String key(JsonObject frame) {
    return key(Frames.id(frame, "space"), Frames.id(frame, "doc"));
  }

  @Override
  public String scope(String key) {
    return space(key);
  }

  @Override
  public Future<Void> authorize(Caller caller, String key) {
    return docs.mayFollow(caller, space(key), doc(key));
  }

  @Override
  public Future<Long> head(String key) {
    return heads.head(doc(key)).map(DocumentHeads.Text::rev);
  }

  @Override
  public Future<List<StreamEntry>> read(String key, long after, int max) {
    String space = space(key);
    return heads.since(doc(key), after, after + max)
        .map(list -> list.stream().map(r -> StreamEntry.of(r.rev(), opFrame(space, r))).toList());
  }

  /** Joined without replay: the text at exactly {@code head}. */
  @Override
  public Future<Opening> open(Caller caller, String key, long head, boolean reset) {
    String doc = doc(key);
    return heads.head(doc)
        .compose(t -> t.rev() == head ? Future.succeededFuture(t.text()) : heads.textAt(doc, head))
        .map(text -> {
          JsonObject joined = joined(key, head).put("text", text);
          if (reset) joined.put("reset", true);
          return new Opening(head, joined);
        });
  }

  @Override
  public JsonObject replayed(String key, long position) {
    return joined(key, position);
  }

  @Override
  public JsonObject left(String key, String reason) {
    return leftFrame(key, reason);
  }

  /** {@code doc.left}; {@code reason}: {@code removed} (access lost), {@code trashed} (the document went to the trash). */
  static JsonObject leftFrame(String key, String reason) {
    JsonObject out = new JsonObject().put("type", "doc.left").put("space", space(key)).put("doc", doc(key));
    return reason == null ? out : out.put("reason", reason);
  }

  /** Who has the document open, sent to its followers when that changes (clients drop the cursors of those who left). */
  static JsonObject presence(String key, List<String> online) {
    return new JsonObject().put("type", "doc.presence").put("space", space(key)).put("doc", doc(key))
        .put("online", new JsonArray(online));
  }

  private static JsonObject joined(String key, long rev) {
    return new JsonObject().put("type", "doc.joined").put("space", space(key)).put("doc", doc(key)).put("rev", rev);
  }

  static JsonObject opFrame(String space, Revision r) {
    return new JsonObject().put("type", "doc.op").put("space", space).put("doc", r.doc()).put("rev", r.rev())
        .put("op", new JsonArray(r.op().toJson())).put("author", r.author()).put("clientId", r.clientId());
  }

  static JsonObject ack(String space, String doc, long rev, Object ref) {
    JsonObject ack = new JsonObject().put("type", "ack").put("space", space).put("doc", doc).put("rev", rev);
    return ref == null ? ack : ack.put("ref", ref);
  }
}
