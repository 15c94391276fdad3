package atelier.platform;

import atelier.auth.Caller;
import atelier.errors.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small feature that plugs into the real platform the way documents or boards do: a stream of
 * notes per pad ({@code pad.join}/{@code pad.joined}/{@code pad.leave}/{@code pad.left}), a request
 * frame that appends to it ({@code pad.add}, acknowledged through the stream to its author), a
 * signal ({@code pad.cursor}) and a small budget ({@code pad.slow}). Its log lives in memory: what is
 * under test is the platform's delivery, not a store. Test-only hooks: {@code pad.add} with
 * {@code "quiet":true} appends without publishing (a publish lost on its way: followers must fill the
 * gap from {@link StreamSource#read}; a pad named {@code slow-…} is read slowly, like a store under
 * load); {@code pad.pair} appends two notes and publishes the second
 * first; {@code pad.ban} takes a person's access away with an entry concerning them.
 */
final class PadFeature implements Feature {
  static final String STREAM = "pad";
  static final int SLOW_PER_SECOND = 2;

  private final Platform platform;
  private final Map<String, List<JsonObject>> logs = new ConcurrentHashMap<>();
  private final Set<String> banned = ConcurrentHashMap.newKeySet();
  /** Reads of each pad's log, for tests of how followers share them. */
  final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
  static final long SLOW_READ_MS = 300;

  PadFeature(Platform platform) {
    this.platform = platform;
  }

  @Override
  public void register(Platform p) {
    p.eventKinds(false, "pad.*");
    p.budget("pad.slow", SLOW_PER_SECOND);
    p.stream(new StreamType(STREAM, "pad.join", "pad.leave", Set.of("pad"), new PadStream()).withPresence(StreamType.presenceFrame("pad")));
    p.frame("pad.add", null, Set.of("pad", "text", "quiet"), (from, f) -> {
      String pad = Frames.id(f, "pad");
      if (!from.follows(STREAM, pad)) throw ApiError.badField("pad", "not_joined");
      JsonObject ack = new JsonObject().put("type", "ack").put("pad", pad);
      if (f.getValue("ref") != null) ack.put("ref", f.getValue("ref"));
      StreamEntry e = append(pad, Frames.string(f, "text", 100), null);
      if (!f.getBoolean("quiet", false)) platform.streams().publish(STREAM, pad, e.from(from.connectionId(), ack.put("rev", e.position())));
      return Future.succeededFuture(null);
    });
    p.frame("pad.pair", null, Set.of("pad"), (from, f) -> {
      String pad = Frames.id(f, "pad");
      StreamEntry first = append(pad, "first", null);
      StreamEntry second = append(pad, "second", null);
      platform.streams().publish(STREAM, pad, second);
      platform.streams().publish(STREAM, pad, first);
      return Future.succeededFuture(new JsonObject().put("type", "paired"));
    });
    p.frame("pad.ban", null, Set.of("pad", "user"), (from, f) -> {
      String pad = Frames.id(f, "pad");
      String user = Frames.id(f, "user");
      banned.add(user);
      platform.streams().publish(STREAM, pad, append(pad, "ban " + user, user));
      return Future.succeededFuture(new JsonObject().put("type", "banned"));
    });
    p.frame("pad.slow", "pad.slow", Set.of(), (from, f) -> Future.succeededFuture(new JsonObject().put("type", "slow")));
    p.signal(new SignalType("pad.cursor", Set.of("pad", "at"), null, 0, f -> f.getString("pad"), (from, f) -> {
      String pad = Frames.id(f, "pad");
      if (!from.follows(STREAM, pad)) return Future.failedFuture(ApiError.badField("pad", "not_joined"));
      JsonObject out = new JsonObject().put("type", "pad.cursor").put("pad", pad).put("user", from.caller().id())
          .put("at", f.getValue("at"));
      return Future.succeededFuture(Signal.toFollowers(STREAM, pad, out).exceptConnection(from.connectionId()));
    }));
  }

  private StreamEntry append(String pad, String text, String concerning) {
    List<JsonObject> log = logs.computeIfAbsent(pad, k -> new ArrayList<>());
    synchronized (log) {
      long rev = log.size() + 1;
      JsonObject frame = new JsonObject().put("type", "pad.note").put("pad", pad).put("rev", rev).put("text", text);
      log.add(frame);
      StreamEntry e = StreamEntry.of(rev, frame);
      return concerning == null ? e : e.concerning(concerning);
    }
  }

  private List<JsonObject> log(String pad) {
    List<JsonObject> log = logs.computeIfAbsent(pad, k -> new ArrayList<>());
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  private final class PadStream implements StreamSource {
    @Override
    public String key(JsonObject frame) {
      return Frames.id(frame, "pad");
    }

    @Override
    public String scope(String key) {
      return key;
    }

    @Override
    public Future<Void> authorize(Caller caller, String key) {
      return banned.contains(caller.id()) ? Future.failedFuture(ApiError.forbidden()) : Future.succeededFuture();
    }

    @Override
    public Future<Long> head(String key) {
      return Future.succeededFuture((long) log(key).size());
    }

    @Override
    public Future<List<StreamEntry>> read(String key, long after, int max) {
      reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      List<JsonObject> log = log(key);
      List<StreamEntry> out = new ArrayList<>();
      for (long rev = after + 1; rev <= log.size() && out.size() < max; rev++) out.add(StreamEntry.of(rev, log.get((int) rev - 1)));
      // A pad named slow-… answers like a store under load: later, on another thread's timer.
      if (!key.startsWith("slow-")) return Future.succeededFuture(out);
      return Vertx.currentContext().owner().timer(SLOW_READ_MS).map(v -> out);
    }

    @Override
    public Future<Opening> open(Caller caller, String key, long head, boolean reset) {
      JsonArray notes = new JsonArray();
      List<JsonObject> log = log(key);
      log.forEach(n -> notes.add(n.getString("text")));
      JsonObject reply = new JsonObject().put("type", "pad.joined").put("pad", key).put("rev", log.size()).put("notes", notes);
      if (reset) reply.put("reset", true);
      return Future.succeededFuture(new Opening(log.size(), reply));
    }

    @Override
    public JsonObject replayed(String key, long position) {
      return new JsonObject().put("type", "pad.joined").put("pad", key).put("rev", position);
    }

    @Override
    public JsonObject left(String key, String reason) {
      JsonObject out = new JsonObject().put("type", "pad.left").put("pad", key);
      return reason == null ? out : out.put("reason", reason);
    }
  }
}
