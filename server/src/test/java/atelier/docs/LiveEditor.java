package atelier.docs;

import atelier.docs.ot.TextOperation;
import atelier.realtime.WsClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A test client that edits a document as the web client does: over a real WebSocket, with ot.js's
 * state machine (synchronized, awaiting an ack, awaiting with a buffer), resending its pending
 * operation with the same clientId after a reconnect and resuming with {@code since}.
 */
public final class LiveEditor implements AutoCloseable {
  private final Vertx vertx;
  private final String token;
  private final String space;
  private final String doc;
  private int port;
  private WsClient ws;
  public String text = "";
  public long rev;
  /** The server's text at {@link #rev}: {@link #text} without the edits not yet acknowledged. */
  public String confirmed = "";
  private TextOperation outstanding;
  private String outstandingId;
  private TextOperation buffer;
  public final java.util.List<JsonObject> errors = new java.util.ArrayList<>();
  public final java.util.List<JsonObject> cursors = new java.util.ArrayList<>();
  /** {@code doc.left} frames the server sent unasked (the document trashed, access lost). */
  public final java.util.List<JsonObject> left = new java.util.ArrayList<>();

  public LiveEditor(Vertx vertx, int port, String token, String space, String doc) {
    this.vertx = vertx;
    this.port = port;
    this.token = token;
    this.space = space;
    this.doc = doc;
    connect(null);
  }

  /** (Re)connects, to {@code newPort} if given, and resumes from the revision reached. */
  public void connect(Integer newPort) {
    if (newPort != null) port = newPort;
    boolean resume = ws != null;
    if (ws != null) ws.close();
    ws = WsClient.connect(vertx, port, token);
    String ref = "join-" + UUID.randomUUID();
    JsonObject join = new JsonObject().put("type", "doc.join").put("space", space).put("doc", doc).put("ref", ref);
    if (resume) join.put("since", rev);
    ws.send(join);
    while (true) {
      JsonObject f = ws.next(x -> true);
      if (ref.equals(f.getString("ref"))) {
        if (!"doc.joined".equals(f.getString("type"))) throw new AssertionError("join refused: " + f);
        if (f.containsKey("text")) {
          if (outstanding != null && f.getBoolean("reset", false)) throw new AssertionError("reset with pending edits");
          text = f.getString("text");
          confirmed = text;
        }
        rev = f.getLong("rev");
        break;
      }
      handle(f);
    }
    if (outstanding != null) send();
  }

  public void drop() {
    ws.close();
  }

  public boolean synced() {
    return outstanding == null;
  }

  public void edit(TextOperation op) {
    text = op.apply(text);
    if (outstanding == null) {
      outstanding = op;
      outstandingId = UUID.randomUUID().toString();
      send();
    } else {
      buffer = buffer == null ? op : buffer.compose(op);
    }
  }

  /** Sends a raw operation frame (for invalid input) and answers the reply to it. */
  public JsonObject raw(JsonObject frame) {
    return ws.request(frame.copy().put("space", space).put("doc", doc));
  }

  public void cursor(int anchor, int head) {
    ws.send(new JsonObject().put("type", "doc.cursor").put("space", space).put("doc", doc).put("rev", rev)
        .put("ranges", new JsonArray().add(new JsonArray().add(anchor).add(head))));
  }

  private void send() {
    ws.send(new JsonObject().put("type", "doc.op").put("space", space).put("doc", doc).put("rev", rev)
        .put("clientId", outstandingId).put("op", new JsonArray(outstanding.toJson())).put("ref", outstandingId));
  }

  /** Handles the frames that arrived, waiting up to {@code millis} for the first. */
  public void pump(long millis) {
    JsonObject f = ws.poll(x -> true, millis);
    while (f != null) {
      handle(f);
      f = ws.poll(x -> true, 0);
    }
  }

  /** Handles frames until {@code done} holds (at most {@link WsClient#WAIT_SECONDS}). */
  public void pumpUntil(Predicate<LiveEditor> done) {
    long end = System.nanoTime() + WsClient.WAIT_SECONDS * 1_000_000_000L;
    while (!done.test(this)) {
      if (System.nanoTime() > end) throw new AssertionError("editor not done: rev " + rev + ", pending " + outstanding);
      pump(50);
    }
  }

  private void handle(JsonObject f) {
    switch (f.getString("type")) {
      case "ack" -> {
        // an ack below or past the next revision answers a resend: the stream brings our operation in order
        if (doc.equals(f.getString("doc")) && f.getLong("rev") == rev + 1) acknowledged(f.getLong("rev"), true);
      }
      case "doc.op" -> {
        long r = f.getLong("rev");
        if (r <= rev) return;
        if (r != rev + 1) throw new AssertionError("operation " + r + " after " + rev);
        TextOperation remote = TextOperation.fromJson(f.getJsonArray("op").getList());
        confirmed = remote.apply(confirmed);
        if (outstanding != null && outstandingId.equals(f.getString("clientId"))) {
          acknowledged(r, false);
          return;
        }
        if (outstanding != null) {
          TextOperation.Pair p = TextOperation.transform(outstanding, remote);
          outstanding = p.first();
          remote = p.second();
          if (buffer != null) {
            TextOperation.Pair q = TextOperation.transform(buffer, remote);
            buffer = q.first();
            remote = q.second();
          }
        }
        text = remote.apply(text);
        rev = r;
      }
      case "doc.cursor" -> cursors.add(f);
      case "doc.left" -> left.add(f);
      case "error" -> errors.add(f);
      default -> {}
    }
  }

  private void acknowledged(long newRev, boolean apply) {
    if (newRev != rev + 1) throw new AssertionError("ack " + newRev + " after " + rev);
    if (apply) confirmed = outstanding.apply(confirmed);
    rev = newRev;
    outstanding = buffer;
    buffer = null;
    if (outstanding != null) {
      outstandingId = UUID.randomUUID().toString();
      send();
    } else {
      outstandingId = null;
    }
  }

  public List<JsonObject> drainErrors() {
    List<JsonObject> out = List.copyOf(errors);
    errors.clear();
    return out;
  }

  @Override
  public void close() {
    ws.close();
  }
}
