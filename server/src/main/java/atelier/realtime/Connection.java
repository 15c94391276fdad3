package atelier.realtime;

import atelier.auth.Caller;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.http.ErrorMapper;
import atelier.text.TextRules;
import atelier.platform.Budgets;
import atelier.platform.FrameContext;
import atelier.platform.FrameType;
import atelier.platform.Frames;
import atelier.platform.Platform;
import atelier.platform.Signal;
import atelier.platform.SignalType;
import atelier.platform.StreamSource;
import atelier.platform.StreamType;
import atelier.platform.TokenBucket;
import io.vertx.core.Context;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.http.ServerWebSocket;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
  /** Made when first asked (an origin of entries or signals): most sockets never need one. */
  private String id;
  /**
   * This connection's bucket per budget its frames drew from, as name, bucket, name, bucket… (a
   * socket draws from one or two budgets; a map per idle socket cost more than its buckets).
   */
  private Object[] buckets = NO_BUCKETS;
  private static final Object[] NO_BUCKETS = new Object[0];
  /** Made at the first data frame (a socket that only listens never needs one). */
  private FrameAssembler assembler;
  /** What this connection follows ({@link Follows}); replaced, never changed in place. */
  private Follow[] follows = Follows.NONE;
  /** When each signal (type and throttle key) was last relayed; made at the first signal (most sockets send none). */
  private Map<String, Long> lastSignal;
  /** Signal types whose previous frame is still being routed. */
  private Set<String> routing;
  /**
   * The last inbound frame's handling, which the next one waits for. Back to {@link #IDLE} once every
   * frame is handled, so an idle socket does not keep its last frame (and the chain) alive.
   */
  private Future<Void> tail = IDLE;
  private static final Future<Void> IDLE = Future.succeededFuture();
  private int queued;
  /**
   * Frames handed to the socket, and those whose write completed (in order: one channel). Counters,
   * not the last write's future: a field pointing at a fresh object on every delivery made the
   * collector track each long-lived socket again (card marking) for nothing.
   */
  private long issued;
  private long done;
  /** Who waits for the frames sent so far to be written (a replay between batches); made when one does. */
  private ArrayDeque<WrittenUpTo> waiting;
  /** One handler for every write's completion (not one lambda per write). */
  private final Handler<AsyncResult<Void>> onWritten = ar -> writeDone();

  private record WrittenUpTo(long count, Promise<Void> promise) {}
  private boolean closed;
  /** Set from any thread when the session ends: frames not yet handled are dropped. */
  private volatile boolean stopped;

  Connection(Gateway gateway, ServerWebSocket ws, Caller caller, Locale locale, Context context) {
    this.gateway = gateway;
    this.ws = ws;
    this.caller = caller;
    this.locale = locale;
    this.context = context;
  }

  void open() {
    ws.frameHandler(this::onFrame);
    ws.closeHandler(v -> onClose());
    ws.exceptionHandler(this::onFailure);
    gateway.hub().connected(this);
    // A socket must not outlive its session: the hub ends the session's sockets when it expires
    // (one timer per session on the node, LiveHub#share); one that expired already ends here.
    if (!caller.session().expiresAt().isAfter(Instant.now())) {
      sessionEnded();
      return;
    }
    ws.resume(); // the upgrade request was paused while the caller was authenticated
  }

  private void onFrame(WebSocketFrame frame) {
    if (closed || !(frame.isText() || frame.isBinary() || frame.isContinuation())) return;
    if (assembler == null) assembler = new FrameAssembler(gateway.limits().frameBytes(), Gateway.hardFrameLimit(gateway.limits()));
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
    if (id == null) id = UUID.randomUUID().toString();
    return id;
  }

  /** The id if one was given out, else null (then no entry or signal can name this socket). */
  String idIfGiven() {
    return id;
  }

  Context context() {
    return context;
  }

  /** Writes one frame; closes the socket when too many frames wait to be written. */
  void send(String text) {
    if (admitWrite()) track(ws.writeTextMessage(text));
  }

  /**
   * Writes a frame already encoded as UTF-8 JSON, shared with the other sockets it goes to: each
   * write wraps the same bytes (no copy, no per-socket encoding). Vert.x's public API only builds a
   * text frame from a String (encoding it again per socket), hence its frame class.
   */
  void sendEncoded(byte[] utf8) {
    if (admitWrite()) track(ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(utf8), true)));
  }

  /** Counts a frame about to be written; false (and the socket closed when too slow) if it must not be. */
  private boolean admitWrite() {
    if (closed) return false;
    if (issued - done >= gateway.limits().outboundQueueFrames()) {
      closeSlow();
      return false;
    }
    issued++;
    gateway.meters().sent.increment();
    return true;
  }

  private void track(Future<Void> write) {
    write.onComplete(onWritten);
  }

  private void writeDone() {
    done++;
    while (waiting != null && !waiting.isEmpty() && waiting.peek().count() <= done) waiting.poll().promise().complete();
  }

  /** Completes when every frame sent so far is written: a replay waits for it between batches. */
  Future<Void> written() {
    if (done >= issued) return IDLE;
    if (waiting == null) waiting = new ArrayDeque<>(2);
    WrittenUpTo w = new WrittenUpTo(issued, Promise.promise());
    waiting.add(w);
    return w.promise().future();
  }

  void reply(JsonObject frame) {
    send(frame.encode());
  }

  private void closeSlow() {
    gateway.meters().slow.increment();
    LOG.info("Closing slow consumer {} ({} frames unwritten)", caller.id(), issued - done);
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
    Follow[] all = follows;
    follows = Follows.NONE;
    for (Follow f : all) drop(f);
    gateway.hub().disconnected(this);
  }

  // ---- inbound frames ----

  /** The session ended: nothing more read from this socket is handled (the close follows on its context). */
  void stopReading() {
    stopped = true;
  }

  private void onText(String text) {
    if (closed || stopped) return;
    gateway.meters().received.increment();
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
    Object handler = gateway.platform().handlerOf(type).orElse(null);
    // Signals may be dropped (docs/protocol.md): answering each refused one would flood the sender.
    boolean droppable = handler instanceof SignalType;
    // Rate limits are checked on arrival, so a flood is refused at once rather than queued.
    ApiError refused = admit(type, handler);
    if (refused != null) {
      if (!droppable) reply(error(ref, refused));
      return;
    }
    if (queued >= MAX_QUEUED_FRAMES) {
      if (!droppable) reply(error(ref, ApiError.rateLimited(1)));
      return;
    }
    queued++;
    // A frame still queued when the socket closes (e.g. its session ended) is never run.
    tail = tail.eventually(() -> (closed || stopped ? Future.<JsonObject>succeededFuture() : handle(type, ref, handler, frame))
        .onComplete(ar -> {
          if (--queued == 0) tail = IDLE;
          respond(ref, refValue, ar);
        }).<Void>mapEmpty().otherwiseEmpty());
    if (queued == 0) tail = IDLE; // handled at once
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

  /** Takes a token of the frame type's budget, for this connection and for the person; null when admitted. */
  private ApiError admit(String type, Object handler) {
    String budget = null;
    if (handler instanceof FrameType f) budget = f.budget();
    else if (handler instanceof SignalType s) budget = s.budget();
    else if (handler instanceof StreamType s && type.equals(s.followType())) budget = Budgets.FOLLOW;
    if (budget == null) return null;
    TokenBucket bucket = bucket(budget);
    boolean ok = (bucket == null || bucket.tryTake()) && gateway.platform().budgets().allow(caller.id(), budget);
    return ok ? null : ApiError.rateLimited(1);
  }

  private TokenBucket bucket(String budget) {
    for (int i = 0; i < buckets.length; i += 2) {
      if (buckets[i].equals(budget)) return (TokenBucket) buckets[i + 1];
    }
    TokenBucket made = gateway.platform().budgets().connectionBucket(budget);
    buckets = Arrays.copyOf(buckets, buckets.length + 2);
    buckets[buckets.length - 2] = budget;
    buckets[buckets.length - 1] = made;
    return made;
  }

  private static Set<String> fieldsOf(String type, Object handler) {
    if (handler instanceof FrameType f) return f.fields();
    if (handler instanceof SignalType s) return s.fields();
    if (handler instanceof StreamType s) return type.equals(s.followType()) ? withSince(s.fields()) : s.fields();
    return Set.of();
  }

  private static Set<String> withSince(Set<String> fields) {
    Set<String> out = new HashSet<>(fields);
    out.add("since");
    return out;
  }

  private Future<JsonObject> handle(String type, String ref, Object handler, JsonObject frame) {
    try {
      Set<String> allowed = fieldsOf(type, handler);
      for (String field : frame.fieldNames()) {
        if (!field.equals("type") && !field.equals("ref") && !allowed.contains(field)) throw ApiError.badField(field, "unknown");
      }
      if (handler instanceof FrameType f) {
        if (f.budget() == null) return f.handler().handle(this, frame);
        // The person's rate across the cluster's nodes, checked in turn (a round trip on a cluster).
        return gateway.platform().budgets().allowAcrossNodes(caller.id(), f.budget())
            .compose(ok -> ok ? f.handler().handle(this, frame) : Future.failedFuture(ApiError.rateLimited(1)));
      }
      if (handler instanceof SignalType s) return signal(s, frame);
      if (handler instanceof StreamType s) return type.equals(s.followType()) ? follow(s, frame) : leave(s, frame);
      if (type.equals(Platform.PING)) return Future.succeededFuture(new JsonObject().put("type", "pong"));
      return Future.failedFuture(ApiError.badRequest("error.unknown_type", Map.of("type", "unknown")));
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

  @Override
  public boolean follows(String stream, String key) {
    return Follows.get(follows, stream, key) != null;
  }

  // ---- streams ----

  private Future<JsonObject> follow(StreamType type, JsonObject frame) {
    StreamSource source = type.source();
    String key = source.key(frame);
    long since = Frames.optLong(frame, "since", 0);
    return source.authorize(caller, key).compose(v -> {
      if (closed) return Future.succeededFuture(null);
      Follow follow = new Follow(this, type, key, gateway.vertx(), gateway.reads());
      Follow old = Follows.get(follows, type.name(), key);
      follows = Follows.with(follows, follow);
      if (old != null) drop(old);
      gateway.hub().add(follow); // live listener first: nothing written from now on can be missed
      return source.head(key).compose(head -> {
        if (since > 0 && since <= head && head - since <= gateway.limits().replayMax()) {
          return follow.replay(since, head).map(position -> source.replayed(key, position));
        }
        return source.open(caller, key, head, since > 0).map(opening -> {
          follow.startAt(opening.position(), head);
          return opening.reply();
        });
      }).map(reply -> {
        if (follow.closed()) return null;
        // Sent here rather than by the caller so that the entries waiting in the follow come after it.
        JsonObject out = reply.copy();
        if (frame.getValue("ref") != null) out.put("ref", frame.getValue("ref"));
        send(out.encode());
        follow.goLive();
        if (follow.closed() || type.presence() == null) return null;
        follow.present = true;
        if (!gateway.presence().join(follow.topic(), caller.id())) {
          send(type.presence().apply(key, gateway.presence().online(follow.topic())).encode());
        }
        return null;
      });
    });
  }

  private Future<JsonObject> leave(StreamType type, JsonObject frame) {
    String key = type.source().key(frame);
    Follow follow = Follows.get(follows, type.name(), key);
    follows = Follows.without(follows, type.name(), key);
    if (follow != null) drop(follow);
    return Future.succeededFuture(type.source().left(key, null));
  }

  /**
   * An entry of {@code follow} may have changed the person's access: every follow of this connection
   * in that scope is checked again; those no longer allowed end (with the stream's left frame, reason
   * {@code removed}), and {@code follow}, which holds its later entries meanwhile, resumes if allowed.
   */
  void recheck(Follow follow) {
    recheckScope(follow.type.source().scope(follow.key), follow);
  }

  /** Checks again every follow of this connection in {@code scope} (an access change seen on another stream). */
  void recheckScope(String scope, Follow held) {
    for (Follow f : follows) { // the array is replaced, never changed, when follows change meanwhile
      if (f != held && !f.type.source().scope(f.key).equals(scope)) continue;
      f.type.source().authorize(caller, f.key).onComplete(ar -> {
        if (f.closed()) return;
        if (ar.succeeded()) f.release();
        else removed(f);
      });
    }
  }

  /** Ends a follow the person may no longer have. */
  private void removed(Follow follow) {
    if (Follows.get(follows, follow.type.name(), follow.key) != follow) return;
    follows = Follows.without(follows, follow.type.name(), follow.key);
    drop(follow);
    send(follow.type.source().left(follow.key, "removed").encode());
  }

  private void drop(Follow follow) {
    follow.close();
    gateway.hub().remove(follow);
    if (follow.present) {
      follow.present = false;
      gateway.presence().leave(follow.topic(), caller.id());
    }
  }

  // ---- signals ----

  /**
   * Relays a signal unless one of its kind and key went out less than its interval ago. The frame
   * counts as handled at once and the relay (or the error) follows the routing, so a burst of signals
   * never holds up the person's other frames; while one is being routed, further ones of the type are
   * dropped, so they cost the store one read at a time.
   */
  private Future<JsonObject> signal(SignalType type, JsonObject frame) {
    String throttle = type.type() + '\n' + type.throttleKey().apply(frame);
    long now = System.currentTimeMillis();
    if (lastSignal == null) {
      lastSignal = new HashMap<>(4);
      routing = new HashSet<>(2);
    }
    Long last = lastSignal.get(throttle);
    if (last != null && now - last < type.intervalMs()) return Future.succeededFuture(null);
    if (routing.contains(type.type())) return Future.succeededFuture(null);
    if (lastSignal.size() >= 256) lastSignal.clear(); // one entry per key named: keep it bounded
    lastSignal.put(throttle, now);
    routing.add(type.type());
    Object ref = frame.getValue("ref");
    Future<Signal> routed;
    try {
      routed = type.route().route(this, frame);
    } catch (RuntimeException e) {
      routed = Future.failedFuture(e);
    }
    routed.onComplete(ar -> {
      routing.remove(type.type());
      if (closed) return;
      if (ar.succeeded()) {
        if (ar.result() != null) gateway.platform().signals().publish(ar.result());
      } else {
        JsonObject refused = error(ref == null ? null : String.valueOf(ref), ar.cause());
        if (ref != null) refused.put("ref", ref);
        reply(refused);
      }
    });
    return Future.succeededFuture(null);
  }

  /** Whether this connection should receive a signal sent to {@code topic}'s followers. */
  boolean wants(Signal signal) {
    return !(signal.exceptUser() != null && signal.exceptUser().equals(caller.id()))
        && !(signal.exceptConnection() != null && id != null && signal.exceptConnection().equals(id));
  }

}
