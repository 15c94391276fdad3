package atelier.loadtest.relay;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference against which Atelier's figures are given: a bare Vert.x WebSocket broadcast server,
 * no authentication, no store, no presence. It speaks just enough of PROTOCOL.md for the load
 * generator ({@code --mode relay}):
 * <ul>
 *   <li>{@code subscribe} → {@code subscribed} (head = the space's current seq, no replay);</li>
 *   <li>{@code unsubscribe} → {@code unsubscribed};</li>
 *   <li>{@code message.send} → {@code ack} (with seq and message) to the sender and an {@code event} of kind
 *       {@code message.created} to every subscriber of the space (the sender included, as Atelier does);</li>
 *   <li>{@code ping} → {@code pong}; anything else → {@code error bad_request}, the connection stays open.</li>
 * </ul>
 * Any path and any (or no) credentials are accepted. {@code GET /health} answers {@code {"status":"UP"}}.
 * One server instance per event loop (Vert.x shares the port), one process-wide registry of spaces.
 */
public final class ReferenceRelay {

  /** Subscribers and sequence of one space. */
  static final class Space {
    final Set<ServerWebSocket> subscribers = ConcurrentHashMap.newKeySet();
    final AtomicLong seq = new AtomicLong();
  }

  /** The shared registry (one per relay, shared by its verticle instances). */
  public static final class Hub {
    final ConcurrentHashMap<String, Space> spaces = new ConcurrentHashMap<>();
    final AtomicLong messageIds = new AtomicLong();
    final AtomicLong connections = new AtomicLong();

    Space space(String id) {
      return spaces.computeIfAbsent(id, k -> new Space());
    }

    public long connections() {
      return connections.get();
    }
  }

  static final class RelayVerticle extends VerticleBase {
    private final Hub hub;
    private final String host;
    private final int port;

    RelayVerticle(Hub hub, String host, int port) {
      this.hub = hub;
      this.host = host;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      HttpServerOptions options = new HttpServerOptions()
          .setHost(host).setPort(port)
          .setMaxWebSocketFrameSize(1 << 20)
          .setMaxWebSocketMessageSize(1 << 22)
          .setAcceptBacklog(8192)
          .setTcpNoDelay(true);
      HttpServer server = vertx.createHttpServer(options);
      server.webSocketHandler(this::onSocket);
      server.requestHandler(req -> {
        if (req.path().equals("/health")) {
          req.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\"}");
        } else {
          req.response().setStatusCode(404).putHeader("content-type", "application/json")
              .end("{\"error\":{\"code\":\"not_found\",\"message\":\"not found\"}}");
        }
      });
      return server.listen();
    }

    private void onSocket(ServerWebSocket ws) {
      hub.connections.incrementAndGet();
      Set<String> mine = ConcurrentHashMap.newKeySet();
      ws.textMessageHandler(text -> onFrame(ws, mine, text));
      ws.binaryMessageHandler(b -> ws.writeTextMessage(error(null, "bad_request", "text frames only")));
      ws.exceptionHandler(t -> { });
      ws.closeHandler(v -> {
        hub.connections.decrementAndGet();
        for (String s : mine) {
          Space sp = hub.spaces.get(s);
          if (sp != null) {
            sp.subscribers.remove(ws);
          }
        }
      });
    }

    private void onFrame(ServerWebSocket ws, Set<String> mine, String text) {
      JsonObject f;
      try {
        f = new JsonObject(text);
      } catch (DecodeException | ClassCastException e) {
        ws.writeTextMessage(error(null, "bad_request", "invalid JSON"));
        return;
      }
      Object ref = f.getValue("ref");
      String type = f.getString("type", "");
      switch (type) {
        case "ping" -> ws.writeTextMessage(ref == null ? "{\"type\":\"pong\"}"
            : new JsonObject().put("type", "pong").put("ref", ref).encode());
        case "subscribe" -> {
          String s = f.getString("space");
          if (s == null) {
            ws.writeTextMessage(error(ref, "bad_request", "space required"));
            return;
          }
          Space sp = hub.space(s);
          sp.subscribers.add(ws);
          mine.add(s);
          JsonObject r = new JsonObject().put("type", "subscribed").put("space", s).put("head", sp.seq.get());
          if (ref != null) {
            r.put("ref", ref);
          }
          ws.writeTextMessage(r.encode());
        }
        case "unsubscribe" -> {
          String s = f.getString("space");
          Space sp = s == null ? null : hub.spaces.get(s);
          if (sp != null) {
            sp.subscribers.remove(ws);
          }
          mine.remove(s);
          JsonObject r = new JsonObject().put("type", "unsubscribed").put("space", s);
          if (ref != null) {
            r.put("ref", ref);
          }
          ws.writeTextMessage(r.encode());
        }
        case "message.send" -> {
          String s = f.getString("space");
          String t = f.getString("text");
          if (s == null || t == null) {
            ws.writeTextMessage(error(ref, "bad_request", "space and text required"));
            return;
          }
          Space sp = hub.space(s);
          long seq = sp.seq.incrementAndGet();
          String now = Instant.now().toString();
          JsonObject message = new JsonObject()
              .put("id", "m" + hub.messageIds.incrementAndGet())
              .put("channel", f.getString("channel", "general"))
              .put("author", "anonymous")
              .put("text", t)
              .put("clientId", f.getString("clientId"))
              .put("createdAt", now);
          if (f.getString("thread") != null) {
            message.put("thread", f.getString("thread"));
          }
          JsonObject ack = new JsonObject().put("type", "ack").put("seq", seq).put("message", message);
          if (ref != null) {
            ack.put("ref", ref);
          }
          ws.writeTextMessage(ack.encode());
          String event = new JsonObject().put("type", "event").put("space", s).put("seq", seq)
              .put("kind", "message.created").put("at", now).put("actor", "anonymous")
              .put("data", message).encode();
          for (ServerWebSocket sub : sp.subscribers) {
            sub.writeTextMessage(event);
          }
        }
        default -> ws.writeTextMessage(error(ref, "bad_request", "unknown frame type: " + type));
      }
    }
  }

  static String error(Object ref, String code, String message) {
    JsonObject e = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (ref != null) {
      e.put("ref", ref);
    }
    return e.encode();
  }

  /** Starts {@code instances} server instances sharing {@code host:port}; the future gives the hub. */
  public static Future<Hub> start(Vertx vertx, String host, int port, int instances) {
    Hub hub = new Hub();
    return vertx.deployVerticle(() -> new RelayVerticle(hub, host, port), new DeploymentOptions().setInstances(instances))
        .map(id -> hub);
  }

  public static void main(String[] args) throws Exception {
    int port = 8090;
    String host = "127.0.0.1";
    int instances = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--host" -> host = args[++i];
        case "--instances" -> instances = Integer.parseInt(args[++i]);
        case "--help", "-h" -> {
          System.out.println("ReferenceRelay [--host 127.0.0.1] [--port 8090] [--instances N]");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Vertx vertx = Vertx.vertx();
    start(vertx, host, port, instances).toCompletionStage().toCompletableFuture().get();
    System.out.println("Reference relay listening on http://" + host + ":" + port + " (" + instances + " instances)");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
    }));
  }

  private ReferenceRelay() {
  }
}
