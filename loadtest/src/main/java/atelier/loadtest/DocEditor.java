package atelier.loadtest;

import atelier.docs.ot.TextOperation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One editor of scenario g, as the web client edits a document (web-client/src/docs/session.ts and
 * sync.ts: ot.js's client): it joins over a real WebSocket, applies its own edits at once, keeps one
 * operation in flight and composes the edits made meanwhile into a buffer, and transforms both over
 * every operation of the others before applying it. The OT core is the server's own
 * ({@code atelier.docs.ot}), the one the web client's port is checked against.
 *
 * <p>Everything runs on the editor's context (its socket's event loop); the bench reads the volatile
 * fields only once the editors are quiet.
 */
final class DocEditor {
  /** What the bench measures. {@code stamps}: the intended times (nanoTime) of the edits an operation carries. */
  interface Listener {
    void sent(DocEditor e, String clientId, long[] stamps);

    void acked(DocEditor e, long sentNanos, long now);

    void remote(DocEditor e, String clientId, long now);

    void error(DocEditor e, JsonObject frame);

    /** This editor could not go on (a frame it could not apply, its edits could not be merged). */
    void failed(DocEditor e, String why);

    /** The socket closed after the join ({@code why}: its close code and reason); the editor reconnects and resumes. */
    void reconnected(DocEditor e, String why);
  }

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz      ,.éà";

  final int index;
  final Context ctx;
  private final String runId;
  private final String space;
  private final String doc;
  private final int maxChars;
  private final Listener listener;
  private final SplittableRandom random;
  private WebSocket ws;
  private WebSocketClient client;
  private URI target;
  private String token;
  private Promise<Void> joining;
  private volatile boolean closing;
  private int sentCount;

  volatile long rev;
  /** The server's text at {@link #rev}. */
  private String confirmed = "";
  /** What the person sees: {@link #confirmed} with the edits not yet acknowledged. */
  volatile String text = "";
  private TextOperation outstanding;
  private String outstandingId;
  private long outstandingSentNanos;
  private TextOperation buffer;
  private long[] bufferStamps = new long[0];
  volatile boolean synced = true;
  /** Closed loop (building a long history): edit again as soon as synchronized, up to this revision. */
  private long autoUntil;

  DocEditor(int index, Context ctx, String runId, String space, String doc, int maxChars, long seed, Listener listener) {
    this.index = index;
    this.ctx = ctx;
    this.runId = runId;
    this.space = space;
    this.doc = doc;
    this.maxChars = maxChars;
    this.listener = listener;
    this.random = new SplittableRandom(seed);
  }

  /** Connects with {@code token} and joins the document; completes on {@code doc.joined}. */
  Future<Void> join(WebSocketClient client, URI target, String token) {
    this.client = client;
    this.target = target;
    this.token = token;
    Promise<Void> p = Promise.promise();
    ctx.runOnContext(v -> connect(p, false));
    return p.future();
  }

  /**
   * Opens a socket and joins; {@code resume}: after a socket closed, as the web client does — join with
   * {@code since} = the revision reached, then resend the operation in flight with the same clientId.
   */
  private void connect(Promise<Void> p, boolean resume) {
    WebSocketConnectOptions wo = new WebSocketConnectOptions().setHost(target.getHost())
        .setPort(target.getPort() > 0 ? target.getPort() : 80).setURI("/ws").addHeader("authorization", "Bearer " + token);
    client.connect(wo).onFailure(err -> {
      p.tryFail(err);
      if (resume && !closing) ctx.owner().setTimer(500, id -> connect(Promise.promise(), true));
    }).onSuccess(socket -> {
      ws = socket;
      joining = p;
      socket.textMessageHandler(this::onText);
      socket.exceptionHandler(err -> { }); // the close handler follows
      socket.closeHandler(x -> {
        if (p.tryFail("closed before doc.joined") || closing) return;
        listener.reconnected(this, socket.closeStatusCode() + " " + socket.closeReason());
        ctx.owner().setTimer(100, id -> connect(Promise.promise(), true));
      });
      JsonObject join = new JsonObject().put("type", "doc.join").put("space", space).put("doc", doc).put("ref", "join");
      if (resume) join.put("since", rev);
      socket.writeTextMessage(join.encode());
    });
  }

  Future<Void> close() {
    Promise<Void> p = Promise.promise();
    closing = true;
    ctx.runOnContext(v -> (ws == null ? Future.<Void>succeededFuture() : ws.close()).onComplete(x -> p.complete()));
    return p.future();
  }

  /** Edits as a person types: {@code count} edits at {@code rate}/s from {@code start} (nanoTime), open loop. */
  void type(long start, double rate, long count) {
    ctx.runOnContext(v -> tick(start, rate, count, 0));
  }

  private void tick(long start, double rate, long count, long done) {
    long now = System.nanoTime();
    long n = done;
    // every edit whose time has come, late or not, stamped with its intended time (no coordinated omission)
    while (n < count && start + (long) (n * 1e9 / rate) <= now) {
      edit(start + (long) (n * 1e9 / rate));
      n++;
    }
    if (n >= count) return;
    long next = n;
    long waitMs = Math.max(1, (start + (long) (next * 1e9 / rate) - now) / 1_000_000);
    ctx.owner().setTimer(waitMs, id -> tick(start, rate, count, next));
  }

  /** Closed loop: edits again each time its operation is acknowledged, until the document reaches {@code untilRev}. */
  void build(long untilRev) {
    ctx.runOnContext(v -> {
      autoUntil = untilRev;
      if (outstanding == null && rev < autoUntil) edit(0);
    });
  }

  /** One edit of the person at the current text: a few letters typed, or a few deleted (the text stays under maxChars). */
  private void edit(long stamp) {
    String t = text;
    TextOperation op;
    int len = t.length();
    if (len > 8 && (len >= maxChars || random.nextInt(5) == 0)) {
      int n = 1 + random.nextInt(3);
      int at = random.nextInt(len - n + 1);
      op = TextOperation.builder().retain(at).delete(n).retain(len - at - n).build();
    } else {
      StringBuilder word = new StringBuilder();
      for (int i = 1 + random.nextInt(3); i > 0; i--) word.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
      int at = random.nextInt(len + 1);
      op = TextOperation.builder().retain(at).insert(word.toString()).retain(len - at).build();
    }
    text = op.apply(t);
    synced = false;
    if (outstanding == null) {
      outstanding = op;
      send(stamp == 0 ? new long[0] : new long[] {stamp});
    } else {
      buffer = buffer == null ? op : buffer.compose(op);
      if (stamp != 0) {
        bufferStamps = Arrays.copyOf(bufferStamps, bufferStamps.length + 1);
        bufferStamps[bufferStamps.length - 1] = stamp;
      }
    }
  }

  private void send(long[] stamps) {
    outstandingId = runId + "-" + index + "-" + (++sentCount);
    outstandingSentNanos = System.nanoTime();
    listener.sent(this, outstandingId, stamps);
    ws.writeTextMessage(new JsonObject().put("type", "doc.op").put("space", space).put("doc", doc).put("rev", rev)
        .put("clientId", outstandingId).put("op", new JsonArray(outstanding.toJson())).put("ref", outstandingId).encode());
  }

  /** The operation in flight again, with its clientId: applied once even if it went through before the close. */
  private void resend() {
    ws.writeTextMessage(new JsonObject().put("type", "doc.op").put("space", space).put("doc", doc).put("rev", rev)
        .put("clientId", outstandingId).put("op", new JsonArray(outstanding.toJson())).put("ref", outstandingId).encode());
  }

  private void onText(String raw) {
    // the editor's state belongs to its context: a frame handled elsewhere would race with the typing
    if (io.vertx.core.Vertx.currentContext() != ctx) {
      ctx.runOnContext(v -> onText(raw));
      return;
    }
    try {
      handle(raw);
    } catch (RuntimeException e) {
      listener.failed(this, "generator: " + e + " on " + (raw.length() > 200 ? raw.substring(0, 200) : raw));
    }
  }

  private void handle(String raw) {
    long now = System.nanoTime();
    JsonObject f = new JsonObject(raw);
    switch (f.getString("type", "")) {
      case "doc.joined" -> {
        if (f.containsKey("text")) {
          if (f.getBoolean("reset", false) && outstanding != null) {
            listener.failed(this, "reset: the server could not replay from revision " + rev + " with edits pending");
          }
          confirmed = f.getString("text");
          text = confirmed;
          outstanding = null;
          buffer = null;
          synced = true;
        }
        rev = f.getLong("rev");
        if (joining != null) joining.tryComplete();
        if (outstanding != null) resend();
      }
      case "ack" -> {
        // an ack that is not the next revision answers a resend: the stream brings that operation in order
        if (doc.equals(f.getString("doc")) && outstanding != null && f.getLong("rev") == rev + 1) {
          confirmed = outstanding.apply(confirmed);
          acknowledged(f.getLong("rev"), now);
        }
      }
      case "doc.op" -> onOperation(f, now);
      case "error" -> {
        listener.error(this, f);
        if ("join".equals(f.getString("ref")) && joining != null) joining.tryFail("join refused: " + raw);
      }
      default -> {
        // doc.presence, doc.cursor, pong
      }
    }
  }

  private void onOperation(JsonObject f, long now) {
    long r = f.getLong("rev");
    if (r <= rev) return;
    if (r != rev + 1) throw new IllegalStateException("editor " + index + ": operation " + r + " after " + rev);
    TextOperation op = TextOperation.fromJson(f.getJsonArray("op").getList());
    String clientId = f.getString("clientId");
    confirmed = op.apply(confirmed);
    if (outstanding != null && clientId.equals(outstandingId)) {
      acknowledged(r, now); // our own operation seen again (after a resend): it acknowledges it
      return;
    }
    if (outstanding != null) {
      TextOperation.Pair p = TextOperation.transform(outstanding, op);
      outstanding = p.first();
      op = p.second();
      if (buffer != null) {
        TextOperation.Pair q = TextOperation.transform(buffer, op);
        buffer = q.first();
        op = q.second();
      }
    }
    text = op.apply(text);
    rev = r;
    listener.remote(this, clientId, now);
  }

  private void acknowledged(long newRev, long now) {
    rev = newRev;
    listener.acked(this, outstandingSentNanos, now);
    outstanding = buffer;
    buffer = null;
    if (outstanding != null) {
      long[] stamps = bufferStamps;
      bufferStamps = new long[0];
      send(stamps);
    } else if (rev < autoUntil) {
      edit(0);
    } else {
      outstandingId = null;
      synced = true;
    }
  }
}
