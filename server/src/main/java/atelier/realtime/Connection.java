package atelier.realtime;

import atelier.auth.Caller;
import atelier.http.ApiError;
import atelier.http.ErrorCode;
import atelier.http.ErrorMapper;
import atelier.http.TextRules;
import atelier.space.Role;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated WebSocket. Frames are handled one at a time in arrival order (so a person's
 * messages keep their order), each answered with its {@code ref}; a bad frame gets an error frame
 * and the connection stays open. Outbound frames are counted until written: a reader that lets more
 * than {@code limits.outboundQueueFrames} pile up is closed with {@link #SLOW_CONSUMER}, so it never
 * slows the others. Runs on the context of the HTTP verticle that accepted it.
 */
final class Connection implements FrameContext {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
  static final short SLOW_CONSUMER = 4008;
  static final short SERVER_STOPPING = 1001;
  /** The session the socket was opened with ended: signed out, password changed elsewhere, account disabled or expired. */
  static final short SESSION_ENDED = 4401;
  private static final int MAX_QUEUED_FRAMES = 64;

  private final Gateway gateway;
  private final ServerWebSocket ws;
  private final Caller caller;
  private final Locale locale;
  private final Context context;
  private final String id = UUID.randomUUID().toString();
  private final TokenBucket messages;
  private final TokenBucket subscribes;
  private final FrameAssembler assembler;
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private final Map<String, Long> lastTyping = new HashMap<>();
  private Future<Void> tail = Future.succeededFuture();
  private int queued;
  private int unwritten;
  private Future<Void> lastWrite = Future.succeededFuture();
  private boolean closed;
  private long expiryTimer = -1;
  private boolean typingLookup;
  private final java.util.List<Runnable> closeActions = new java.util.ArrayList<>();

  Connection(Gateway gateway, ServerWebSocket ws, Caller caller, Locale locale, Context context) {
    this.gateway = gateway;
    this.ws = ws;
    this.caller = caller;
    this.locale = locale;
    this.context = context;
    this.messages = new TokenBucket(gateway.limits().messagesPerSecond(), gateway.limits().messagesPerSecond());
    this.subscribes = new TokenBucket(gateway.limits().subscribesPerSecond(), gateway.limits().subscribesPerSecond());
    this.assembler = new FrameAssembler(gateway.limits().frameBytes(), Gateway.hardFrameLimit(gateway.limits()));
  }

  void open() {
    ws.frameHandler(this::onFrame);
    ws.closeHandler(v -> onClose());
    ws.exceptionHandler(this::onFailure);
    gateway.hub().connected(this);
    long untilExpiry = Duration.between(Instant.now(), caller.session().expiresAt()).toMillis();
    if (untilExpiry <= 0) {
      sessionEnded();
      return;
    }
    // A socket must not outlive its session (timers are capped far below Long.MAX_VALUE ms).
    expiryTimer = gateway.vertx().setTimer(Math.min(untilExpiry, Integer.MAX_VALUE), id -> sessionEnded());
    ws.resume(); // the upgrade request was paused while the caller was authenticated
  }

  private void onFrame(WebSocketFrame frame) {
    if (closed || !(frame.isText() || frame.isBinary() || frame.isContinuation())) return;
    FrameAssembler.Outcome outcome = assembler.accept(frame);
    if (outcome == null) return;
    if (outcome instanceof FrameAssembler.Text t) onText(t.text());
    else if (outcome instanceof FrameAssembler.Close c) closeWith(c.code(), c.reason());
    else if (outcome instanceof FrameAssembler.TooLarge) reply(error(null, ApiError.of(ErrorCode.TOO_LARGE, "error.too_large")));
    else reply(error(null, ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request")));
  }

  /**
   * Netty refuses a frame it cannot read (above the hard size limit, reserved bits without an
   * extension, bad masking…) and Vert.x then drops the TCP connection; the close frame sent first
   * tells the client why (1009 too big, 1002 protocol error) instead of a bare 1006.
   */
  private void onFailure(Throwable e) {
    if (e instanceof CorruptedWebSocketFrameException c) {
      LOG.debug("Refused a frame of {}: {}", caller.id(), e.getMessage());
      boolean tooBig = c.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG;
      closeWith((short) c.closeStatus().code(), tooBig ? "message too big" : "protocol error");
    } else {
      LOG.debug("WebSocket of {} failed: {}", caller.id(), e.toString());
    }
  }

  @Override
  public Caller caller() {
    return caller;
  }

  @Override
  public Locale locale() {
    return locale;
  }

  @Override
  public String connectionId() {
    return id;
  }

  Context context() {
    return context;
  }

  @Override
  public void push(JsonObject frame) {
    String text = frame.encode();
    if (Vertx.currentContext() == context) send(text);
    else context.runOnContext(v -> send(text));
  }

  @Override
  public void onClose(Runnable action) {
    context.runOnContext(v -> {
      if (closed) action.run();
      else closeActions.add(action);
    });
  }

  /** Writes one frame; closes the socket when too many frames wait to be written. */
  void send(String text) {
    if (closed) return;
    if (unwritten >= gateway.limits().outboundQueueFrames()) {
      closeSlow();
      return;
    }
    unwritten++;
    lastWrite = ws.writeTextMessage(text).onComplete(ar -> unwritten--);
  }

  /** Completes when every frame sent so far is written: a replay waits for it between batches. */
  Future<Void> written() {
    return lastWrite.otherwiseEmpty();
  }

  void reply(JsonObject frame) {
    send(frame.encode());
  }

  private void closeSlow() {
    LOG.info("Closing slow consumer {} ({} frames unwritten)", caller.id(), unwritten);
    closeWith(SLOW_CONSUMER, "slow consumer");
  }

  /**
   * Closes with 1001 once the frames already received are answered (a few seconds at most: a frame
   * stuck on an unreachable store does not hold the stop); completes when the close is sent.
   */
  Future<Void> closeForShutdown() {
    return tail.timeout(5, TimeUnit.SECONDS).eventually(() -> closeWith(SERVER_STOPPING, "server stopping"));
  }

  /** The socket's session ended: nothing more is read from it, and the client is told why. */
  void sessionEnded() {
    closeWith(SESSION_ENDED, "session ended");
  }

  private Future<Void> closeWith(short code, String reason) {
    if (closed) return Future.succeededFuture();
    onClose();
    return ws.close(code, reason);
  }

  private void onClose() {
    if (closed) return;
    closed = true;
    if (expiryTimer >= 0) gateway.vertx().cancelTimer(expiryTimer);
    subscriptions.values().forEach(this::drop);
    subscriptions.clear();
    gateway.hub().disconnected(this);
    closeActions.forEach(Runnable::run);
    closeActions.clear();
  }

  // ---- inbound frames ----

  private void onText(String text) {
    if (closed) return;
    JsonObject frame;
    try {
      frame = new JsonObject(text); // anything but an object (array, number…) fails too
    } catch (DecodeException | ClassCastException e) {
      reply(error(null, ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request.json")));
      return;
    }
    Object refValue = frame.getValue("ref");
    String ref = refValue == null ? null : String.valueOf(refValue);
    if (refValue != null && !(refValue instanceof String || refValue instanceof Number)) {
      reply(error(null, ApiError.badField("ref", "invalid")));
      return;
    }
    String broken = TextRules.loneSurrogatePath(frame, "");
    if (broken != null) {
      reply(error(ref, ApiError.badField(broken, "invalid")));
      return;
    }
    String type = frame.getValue("type") instanceof String t ? t : null;
    if (type == null) {
      reply(error(ref, ApiError.badField("type", "required")));
      return;
    }
    // Rate limits are checked on arrival, so a flood is refused at once rather than queued.
    ApiError refused = admit(type);
    if (refused != null) {
      reply(error(ref, refused));
      return;
    }
    if (queued >= MAX_QUEUED_FRAMES) {
      // Typing signals may be dropped (docs/protocol.md); answering each would flood the sender.
      if (!type.equals("typing")) reply(error(ref, ApiError.rateLimited(1)));
      return;
    }
    queued++;
    // A frame still queued when the socket closes (e.g. its session ended) is never run.
    tail = tail.eventually(() -> (closed ? Future.<JsonObject>succeededFuture() : handle(type, ref, frame))
        .onComplete(ar -> {
          queued--;
          respond(ref, refValue, ar);
        }).<Void>mapEmpty().otherwiseEmpty());
  }

  private void respond(String ref, Object refValue, io.vertx.core.AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      JsonObject out = ar.result();
      if (out != null) {
        if (ref != null) out.put("ref", refValue);
        reply(out);
      }
    } else {
      reply(error(ref, ar.cause()));
    }
  }

  private ApiError admit(String type) {
    FrameRegistry.Budget budget = switch (type) {
      case "subscribe" -> null;
      case "unsubscribe", "ping", "typing" -> FrameRegistry.Budget.NONE;
      default -> gateway.registry().find(type).map(FrameRegistry.Entry::budget).orElse(FrameRegistry.Budget.NONE);
    };
    if (budget == null) {
      boolean ok = subscribes.tryTake() && gateway.personAllowed(caller.id(), RateLimits.SUBSCRIBE);
      return ok ? null : ApiError.rateLimited(1);
    }
    if (budget == FrameRegistry.Budget.MESSAGE) {
      boolean ok = messages.tryTake() && gateway.personAllowed(caller.id(), RateLimits.MESSAGE);
      return ok ? null : ApiError.rateLimited(1);
    }
    return null;
  }

  /** The fields of the gateway's own frames besides {@code type} and {@code ref}. */
  private static final Map<String, Set<String>> OWN_FIELDS = Map.of("ping", Set.of(), "subscribe", Set.of("space", "since"),
      "unsubscribe", Set.of("space"), "typing", Set.of("space", "channel"));

  private Future<JsonObject> handle(String type, String ref, JsonObject frame) {
    try {
      Set<String> allowed = OWN_FIELDS.containsKey(type) ? OWN_FIELDS.get(type)
          : gateway.registry().find(type).map(FrameRegistry.Entry::fields).orElse(null);
      if (allowed != null) {
        for (String field : frame.fieldNames()) {
          if (!field.equals("type") && !field.equals("ref") && !allowed.contains(field)) throw ApiError.badField(field, "unknown");
        }
      }
      return switch (type) {
        case "ping" -> Future.succeededFuture(new JsonObject().put("type", "pong"));
        case "subscribe" -> subscribe(frame);
        case "unsubscribe" -> unsubscribe(frame);
        case "typing" -> typing(frame);
        default -> gateway.registry().find(type)
            .map(e -> e.handler().handle(this, frame))
            .orElseGet(() -> Future.failedFuture(ApiError.badRequest("error.unknown_type", Map.of("type", "unknown"))));
      };
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private JsonObject error(String ref, Throwable failure) {
    ApiError e = ErrorMapper.toApiError(failure, 500);
    if (e.code() == ErrorCode.INTERNAL) LOG.error("Frame of {} failed", caller.id(), failure);
    JsonObject frame = new JsonObject().put("type", "error");
    if (ref != null) frame.put("ref", ref);
    return frame.mergeIn(ErrorMapper.describe(e, locale));
  }

  // ---- the gateway's own frames ----

  private Future<JsonObject> subscribe(JsonObject frame) {
    String space = Frames.id(frame, "space");
    long since = Frames.optLong(frame, "since", 0);
    return gateway.spaces().access(caller, space).compose(access -> {
      access.requireRead();
      if (closed) return Future.succeededFuture(null);
      Subscription old = subscriptions.remove(space);
      if (old != null) drop(old);
      Subscription sub = new Subscription(this, space, access.role(), gateway.vertx(), gateway.log());
      subscriptions.put(space, sub);
      gateway.hub().add(sub); // live listener first: nothing committed from now on can be missed
      return gateway.log().head(space).compose(head -> {
        if (since > 0 && since <= head && head - since <= gateway.limits().replayMax()) {
          return sub.replay(since, head).map(position -> subscribed(space, position, false));
        }
        return gateway.contiguousHead(space, head).map(position -> {
          sub.startAt(position, head);
          return subscribed(space, position, since > 0);
        });
      }).map(reply -> {
        if (sub.closed()) return null;
        // Sent here rather than by the caller so that the frames queued in the subscription follow it.
        reply.put("ref", frame.getValue("ref"));
        if (reply.getValue("ref") == null) reply.remove("ref");
        send(reply.encode());
        sub.goLive();
        if (sub.closed()) return null;
        sub.present = true;
        if (!gateway.presence().join(space, caller.id())) {
          send(new JsonObject().put("type", "presence").put("space", space)
              .put("online", gateway.presence().online(space)).encode());
        }
        return null;
      });
    });
  }

  private static JsonObject subscribed(String space, long head, boolean reset) {
    JsonObject out = new JsonObject().put("type", "subscribed").put("space", space).put("head", head);
    if (reset) out.put("reset", true);
    return out;
  }

  private Future<JsonObject> unsubscribe(JsonObject frame) {
    String space = Frames.id(frame, "space");
    Subscription sub = subscriptions.remove(space);
    if (sub != null) drop(sub);
    return Future.succeededFuture(new JsonObject().put("type", "unsubscribed").put("space", space));
  }

  private Future<JsonObject> typing(JsonObject frame) {
    String space = Frames.id(frame, "space");
    String channel = Frames.id(frame, "channel");
    Subscription sub = subscriptions.get(space);
    if (sub == null) return Future.failedFuture(ApiError.badField("space", "not_subscribed"));
    if (sub.role == null || !sub.role.canWrite()) return Future.failedFuture(ApiError.forbidden());
    long now = System.currentTimeMillis();
    String key = space + "\n" + channel;
    Long last = lastTyping.get(key);
    if (last != null && now - last < gateway.limits().typingIntervalMs()) return Future.succeededFuture(null);
    if (lastTyping.size() >= 256) lastTyping.clear(); // one entry per channel named: keep it bounded
    lastTyping.put(key, now);
    // Only a channel that exists (and is open) is relayed; the others get an error like any bad
    // frame. The frame counts as handled at once and the relay (or the error) follows the look-up, so
    // a burst of typing never holds up the person's messages; while one look-up is under way (the
    // channel not cached yet) further typing frames are dropped, so they cost the store one read at a time.
    if (typingLookup) return Future.succeededFuture(null);
    typingLookup = true;
    Object ref = frame.getValue("ref");
    gateway.registry().typingPlaces().exists(space, channel).onComplete(ar -> {
      typingLookup = false;
      if (closed) return;
      if (ar.succeeded() && ar.result()) {
        gateway.vertx().eventBus().publish(LiveHub.EPHEMERAL, new JsonObject().put("space", space).put("except", caller.id())
            .put("frame", new JsonObject().put("type", "typing").put("space", space).put("channel", channel).put("user", caller.id())));
      } else {
        Throwable why = ar.failed() ? ar.cause() : ApiError.badField("channel", "unknown");
        JsonObject refused = error(ref == null ? null : String.valueOf(ref), why);
        if (ref != null) refused.put("ref", ref);
        reply(refused);
      }
    });
    return Future.succeededFuture(null);
  }

  /** Called by a subscription once it delivered the event removing this person from its space. */
  void removed(Subscription sub) {
    if (subscriptions.get(sub.space) != sub) return;
    subscriptions.remove(sub.space);
    drop(sub);
    send(new JsonObject().put("type", "unsubscribed").put("space", sub.space).put("reason", "removed").encode());
  }

  private void drop(Subscription sub) {
    sub.close();
    gateway.hub().remove(sub);
    if (sub.present) {
      sub.present = false;
      gateway.presence().leave(sub.space, caller.id());
    }
  }

  Role roleIn(String space) {
    Subscription s = subscriptions.get(space);
    return s == null ? null : s.role;
  }
}
