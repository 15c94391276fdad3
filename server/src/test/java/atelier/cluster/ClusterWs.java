package atelier.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A WebSocket client for the cluster tests: every frame received is kept, in order, and the test
 * thread waits on them with {@link #await}. Never blocks an event loop.
 */
final class ClusterWs implements AutoCloseable {
  private static final AtomicInteger REFS = new AtomicInteger();
  final List<JsonObject> frames = new CopyOnWriteArrayList<>();
  private final WebSocketClient client;
  final WebSocket ws;
  volatile boolean closed;
  /** {@link System#nanoTime()} when the close arrived. */
  volatile long closedAt;

  private ClusterWs(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> {
      synchronized (frames) {
        frames.add(new JsonObject(t));
        frames.notifyAll();
      }
    });
    ws.closeHandler(v -> {
      closedAt = System.nanoTime();
      closed = true;
      synchronized (frames) {
        frames.notifyAll();
      }
    });
  }

  static ClusterWs connect(Vertx vertx, int port, String token) {
    WebSocketClient c = vertx.createWebSocketClient();
    WebSocket ws = c.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
        .addHeader("Authorization", "Bearer " + token)).await();
    return new ClusterWs(c, ws);
  }

  static String ref() {
    return "c" + REFS.incrementAndGet();
  }

  void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode()).await();
  }

  /** Waits for the first frame (from the start of the connection) matching; fails after the timeout. */
  JsonObject await(Predicate<JsonObject> p, long millis) {
    return awaitFrom(0, p, millis);
  }

  /** Like {@link #await} but only among the frames from index {@code from} on (0 = the first received). */
  JsonObject awaitFrom(int from, Predicate<JsonObject> p, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (frames) {
      while (true) {
        for (int i = from; i < frames.size(); i++) if (p.test(frames.get(i))) return frames.get(i);
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("no matching frame within " + millis + " ms; got " + frames);
        try {
          frames.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  JsonObject request(JsonObject frame, long millis) {
    String ref = ref();
    send(frame.copy().put("ref", ref));
    return await(f -> ref.equals(f.getString("ref")), millis);
  }

  JsonObject subscribe(String space, long since) {
    JsonObject f = new JsonObject().put("type", "subscribe").put("space", space);
    if (since > 0) f.put("since", since);
    JsonObject reply = request(f, 10_000);
    if (!"subscribed".equals(reply.getString("type"))) throw new AssertionError("subscribe: " + reply);
    return reply;
  }

  /** The seqs of the space's events received so far, in arrival order. */
  List<Long> seqs(String space) {
    return frames.stream().filter(f -> "event".equals(f.getString("type")) && space.equals(f.getString("space")))
        .map(f -> f.getLong("seq")).toList();
  }

  @Override
  public void close() {
    try {
      if (!closed) ws.close().await();
    } catch (RuntimeException ignored) {
      // already gone
    }
    client.close();
  }
}
