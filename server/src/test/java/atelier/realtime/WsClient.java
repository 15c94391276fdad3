package atelier.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real WebSocket client for tests. Frames are queued as they arrive; the test thread reads them
 * with blocking waits (never on an event loop), so tests read top-down.
 */
public final class WsClient implements AutoCloseable {
  public static final long WAIT_SECONDS = 20;
  private static final AtomicInteger REFS = new AtomicInteger();

  private final WebSocketClient client;
  public final WebSocket ws;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final List<JsonObject> backlog = new ArrayList<>();
  private volatile Short closeCode;

  private WsClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    ws.closeHandler(v -> closeCode = ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
  }

  public static WsClient connect(Vertx vertx, int port, String token) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws");
    if (token != null) o.addHeader("Authorization", "Bearer " + token);
    return connect(vertx, o);
  }

  public static WsClient connect(Vertx vertx, WebSocketConnectOptions options) {
    WebSocketClient c = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 22));
    try {
      return new WsClient(c, c.connect(options).await());
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public static String ref() {
    return "r" + REFS.incrementAndGet();
  }

  public void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode()).await();
  }

  public void sendText(String text) {
    ws.writeTextMessage(text).await();
  }

  /** Sends a frame with a fresh ref and waits for the reply carrying that ref. */
  public JsonObject request(JsonObject frame) {
    String ref = ref();
    send(frame.copy().put("ref", ref));
    return next(f -> ref.equals(f.getString("ref")));
  }

  /** The next frame matching; the others stay queued, in order, for later reads. */
  public JsonObject next(Predicate<JsonObject> p) {
    for (java.util.Iterator<JsonObject> it = backlog.iterator(); it.hasNext(); ) {
      JsonObject f = it.next();
      if (p.test(f)) {
        it.remove();
        return f;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject f;
      try {
        f = frames.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      if (f == null) throw new AssertionError("no matching frame within " + WAIT_SECONDS + " s");
      if (p.test(f)) return f;
      backlog.add(f);
    }
  }

  /** Like {@link #next(Predicate)} but gives up after {@code millis}, answering null. */
  public JsonObject poll(Predicate<JsonObject> p, long millis) {
    for (java.util.Iterator<JsonObject> it = backlog.iterator(); it.hasNext(); ) {
      JsonObject f = it.next();
      if (p.test(f)) {
        it.remove();
        return f;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      JsonObject f;
      try {
        f = frames.poll(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      if (f == null) return null;
      if (p.test(f)) return f;
      backlog.add(f);
    }
  }

  public JsonObject next(String type) {
    return next(f -> type.equals(f.getString("type")));
  }

  /** Waits for {@code n} event frames of a space, returning them in arrival order. */
  public List<JsonObject> events(String space, int n) {
    List<JsonObject> out = new ArrayList<>();
    while (out.size() < n) out.add(next(f -> "event".equals(f.getString("type")) && space.equals(f.getString("space"))));
    return out;
  }

  /** The matching frames that arrived before the last reply waited for (e.g. a replay before subscribed). */
  public List<JsonObject> earlier(Predicate<JsonObject> p) {
    List<JsonObject> out = new ArrayList<>();
    for (java.util.Iterator<JsonObject> it = backlog.iterator(); it.hasNext(); ) {
      JsonObject f = it.next();
      if (p.test(f)) {
        out.add(f);
        it.remove();
      }
    }
    return out;
  }

  /** Frames already received, without waiting. */
  public List<JsonObject> drain() {
    List<JsonObject> out = new ArrayList<>(backlog);
    backlog.clear();
    frames.drainTo(out);
    return out;
  }

  public JsonObject subscribe(String space, long since) {
    JsonObject f = new JsonObject().put("type", "subscribe").put("space", space);
    if (since > 0) f.put("since", since);
    return request(f);
  }

  public JsonObject sendMessage(String space, String channel, String clientId, String text) {
    return request(messageFrame(space, channel, clientId, text));
  }

  /** A {@code message.send} frame, for tests that send without waiting for its ack. */
  public static JsonObject messageFrame(String space, String channel, String clientId, String text) {
    return new JsonObject().put("type", "message.send").put("space", space).put("channel", channel)
        .put("clientId", clientId).put("text", text);
  }

  public Short closeCode() {
    return closeCode;
  }

  public boolean closed() {
    return closeCode != null;
  }

  @Override
  public void close() {
    try {
      if (!closed()) ws.close().await();
    } catch (RuntimeException ignored) {
      // already gone
    }
    client.close();
  }
}
