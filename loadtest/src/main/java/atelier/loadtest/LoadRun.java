package atelier.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * One run of the load generator: prepare (REST, atelier mode), connect and subscribe every client, then
 * drive the scenario and build the JSON report.
 *
 * <p>Open-loop sending without coordinated omission: message number {@code i} of a phase has the intended
 * send time {@code start + i / rate}; the sender (a 1 ms periodic timer) sends every message whose intended time
 * has come, late or not, and stamps the intended time into the frame. Latencies are measured from that
 * intended time, so a stalled generator or server shows up as latency instead of silently lowering the rate.
 */
final class LoadRun {

  static final String MARK = "lt|";

  /** One WebSocket client. */
  static final class Conn {
    final int index;
    final int space;
    final int target;
    final int local;
    volatile WebSocket ws;
    volatile boolean subscribed;
    volatile Promise<Void> subscribing;

    Conn(int index, int space, int target, int local) {
      this.index = index;
      this.space = space;
      this.target = target;
      this.local = local;
    }
  }

  /** A sending phase (a scenario's measurement, or one step of scenario d). */
  static final class Phase {
    final String name;
    final long kStart;
    final long total;
    final long measuredFromIndex;
    final double rate;
    volatile long startNanos;
    volatile long measureFromNanos;
    volatile long lastDeliveryNanos;
    volatile long lastAckNanos;
    long issued;
    final Recorder delivery = new Recorder(3);
    final Recorder ack = new Recorder(3);
    final Recorder local = new Recorder(3);
    final Recorder remote = new Recorder(3);
    final LongAdder sent = new LongAdder();
    final LongAdder sentMeasured = new LongAdder();
    final LongAdder expected = new LongAdder();
    final LongAdder expectedMeasured = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder deliveredMeasured = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder ackedMeasured = new LongAdder();
    final LongAdder sendErrors = new LongAdder();
    final LongAdder unsendable = new LongAdder();
    /** Worst delivery latency (µs) of the messages intended in each second of the phase. */
    final java.util.concurrent.atomic.AtomicLongArray worstBySecond;
    ProcStats serverAtMeasure;
    ProcStats generatorAtMeasure;
    long[] machineAtMeasure;
    String loadAtMeasure;

    Phase(String name, long kStart, long warmupCount, long measuredCount, double rate) {
      this.name = name;
      this.kStart = kStart;
      this.total = warmupCount + measuredCount;
      this.measuredFromIndex = warmupCount;
      this.rate = rate;
      this.worstBySecond = new java.util.concurrent.atomic.AtomicLongArray((int) Math.min(100_000, total / rate + 2));
    }

    boolean owns(long k) {
      return k >= kStart && k < kStart + total;
    }

    long intended(long idx) {
      return startNanos + (long) (idx * 1e9 / rate);
    }
  }

  private final Options o;
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36)
      + Integer.toString((int) (Math.random() * 1296), 36);
  private Vertx vertx;
  private WebSocketClient[] wsClients;
  private Conn[] conns;
  private String[] spaceIds;
  private String[] userIds;
  private String[] tokens;
  private AtomicInteger[] subscribedBySpace;
  private volatile Phase current;
  private volatile boolean closing;
  private long nextK;
  private final String padding;

  private final LongAdder connectFailures = new LongAdder();
  private final LongAdder unexpectedCloses = new LongAdder();
  private final LongAdder pings = new LongAdder();
  private final LongAdder pongs = new LongAdder();
  private final LongAdder badFrames = new LongAdder();
  private final Map<String, LongAdder> frames = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, String> errorSamples = new ConcurrentHashMap<>();
  private final Set<String> connectErrorSamples = ConcurrentHashMap.newKeySet();

  LoadRun(Options o) {
    this.o = o;
    StringBuilder sb = new StringBuilder();
    while (sb.length() < o.textSize) {
      sb.append("Lorem ipsum dolor sit amet, atelier. ");
    }
    this.padding = sb.substring(0, Math.max(0, o.textSize));
  }

  static void log(String fmt, Object... args) {
    System.err.printf("[loadtest %s] %s%n", Instant.now().toString().substring(11, 19), String.format(fmt, args));
  }

  static <T> T await(Future<T> f, long seconds) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  /** Runs {@code count} asynchronous tasks, at most {@code concurrency} at once, failing on the first failure. */
  static <T> Future<List<T>> bounded(Vertx vertx, int count, int concurrency, IntFunction<Future<T>> task) {
    Promise<List<T>> done = Promise.promise();
    List<T> results = new ArrayList<>(java.util.Collections.nCopies(count, null));
    if (count == 0) {
      done.complete(results);
      return done.future();
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    Runnable[] worker = new Runnable[1];
    worker[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= count || done.future().isComplete()) {
        return;
      }
      Future<T> f;
      try {
        f = task.apply(i);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
          return;
        }
        results.set(i, ar.result());
        if (finished.incrementAndGet() == count) {
          done.tryComplete(results);
        } else {
          worker[0].run();
        }
      });
    };
    vertx.runOnContext(v -> {
      for (int w = 0; w < Math.min(concurrency, count); w++) {
        worker[0].run();
      }
    });
    return done.future();
  }

  JsonObject run() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(o.eventLoops).setBlockedThreadCheckInterval(10_000)
        .setPreferNativeTransport(o.nativeTransport));
    log("generator transport: %s", vertx.isNativeTransportEnabled() ? "native (epoll)" : "NIO");
    JsonObject report = new JsonObject();
    try {
      return doRun(report);
    } finally {
      closing = true;
      try {
        await(vertx.close(), 30);
      } catch (Exception e) {
        log("closing Vert.x: %s", e);
      }
    }
  }

  private JsonObject doRun(JsonObject report) throws Exception {
    long t0 = System.nanoTime();
    report.put("scenario", o.scenario).put("mode", o.mode).put("label", o.label).put("runId", runId)
        .put("startedAt", Instant.now().toString());
    JsonArray targets = new JsonArray();
    o.targets.forEach(t -> targets.add(t.toString()));
    JsonObject params = new JsonObject().put("targets", targets).put("spaces", o.spaces).put("membersPerSpace", o.members)
        .put("connections", o.connections()).put("users", o.mode.equals("relay") ? 0 : o.users)
        .put("usersPerSpace", o.usersPerSpace).put("rate", o.rate)
        .put("durationSeconds", o.durationSec).put("warmupSeconds", o.warmupSec).put("messages", o.messages)
        .put("pingSeconds", o.pingSec).put("textSize", o.textSize).put("localAddresses", o.localAddresses)
        .put("cores", Runtime.getRuntime().availableProcessors());
    if (o.scenario.equals("a")) {
      params.put("holdSeconds", o.holdSec);
    }
    if (o.scenario.equals("d")) {
      JsonArray steps = new JsonArray();
      o.steps.forEach(steps::add);
      params.put("steps", steps).put("stepSeconds", o.stepSec).put("ackP99LimitMs", o.ackP99LimitMs);
    }
    report.put("params", params);
    List<Long> self = List.of(ProcessHandle.current().pid());

    ProcStats serverStart = ProcStats.read(o.serverPids);
    long prepStart = System.nanoTime();
    prepare();
    double prepSeconds = (System.nanoTime() - prepStart) / 1e9;
    log("prepared %d spaces, %d users in %.1f s", o.spaces, tokens == null ? 0 : tokens.length, prepSeconds);

    long heapBeforeKb = o.scenario.equals("a") && o.gc ? ProcStats.gcAndHeapUsedKb(o.serverPids) : -1;
    ProcStats serverBeforeConnect = ProcStats.read(o.serverPids);
    long connectStart = System.nanoTime();
    connectAll();
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    int open = 0;
    for (Conn c : conns) {
      if (c.subscribed) {
        open++;
      }
    }
    log("connected and subscribed %d/%d in %.1f s (%d failed)", open, conns.length, connectSeconds, connectFailures.sum());
    report.put("connections", new JsonObject().put("requested", conns.length).put("subscribed", open)
        .put("failed", connectFailures.sum()).put("connectSeconds", round(connectSeconds))
        .put("preparationSeconds", round(prepSeconds))
        .put("errorSamples", new JsonArray(new ArrayList<>(connectErrorSamples))));
    if (open == 0) {
      throw new IllegalStateException("no client could connect and subscribe; samples: " + connectErrorSamples);
    }
    Thread.sleep(o.scenario.equals("a") ? 3000 : 1000);
    ProcStats serverAfterConnect = ProcStats.read(o.serverPids);

    long pinger = startPinger();
    JsonObject server = new JsonObject().put("pids", new JsonArray(new ArrayList<>(o.serverPids)))
        .put("atStart", serverStart.toJson()).put("beforeConnect", serverBeforeConnect.toJson())
        .put("afterConnect", serverAfterConnect.toJson());
    report.put("server", server);
    ProcStats genBefore = ProcStats.read(self);

    switch (o.scenario) {
      case "a" -> holdIdle(report, server, serverBeforeConnect, serverAfterConnect, open, heapBeforeKb);
      case "d" -> stepRates(report, server);
      default -> {
        Phase p = newPhase("measure", o.rate, o.warmupSec, o.durationSec, o.messages);
        runPhase(p);
        report.mergeIn(phaseReport(p, server));
      }
    }
    vertx.cancelTimer(pinger);
    ProcStats genAfter = ProcStats.read(self);
    report.put("generator", new JsonObject().put("cpuSeconds", round(genAfter.cpuSeconds() - genBefore.cpuSeconds()))
        .put("rssMB", round(genAfter.rssKb() / 1024.0)));
    report.put("heartbeats", new JsonObject().put("pings", pings.sum()).put("pongs", pongs.sum()));
    frames.computeIfAbsent("event", k -> new LongAdder()).add(eventFrames.sum());
    frames.computeIfAbsent("ack", k -> new LongAdder()).add(ackFrames.sum());
    report.put("frames", counts(frames));
    long errTotal = 0;
    for (LongAdder a : errors.values()) {
      errTotal += a.sum();
    }
    report.put("errors", new JsonObject().put("total", errTotal + unexpectedCloses.sum() + connectFailures.sum()
            + badFrames.sum())
        .put("errorFrames", counts(errors)).put("samples", new JsonObject(new TreeMap<>(errorSamples)))
        .put("unexpectedCloses", unexpectedCloses.sum()).put("connectFailures", connectFailures.sum())
        .put("unparsableFrames", badFrames.sum()));
    report.put("elapsedSeconds", round((System.nanoTime() - t0) / 1e9));
    closing = true;
    closeAll();
    return report;
  }

  // ---------------------------------------------------------------- preparation

  private void prepare() throws Exception {
    spaceIds = new String[o.spaces];
    if (o.mode.equals("relay")) {
      for (int s = 0; s < o.spaces; s++) {
        spaceIds[s] = "lt-" + runId + "-s" + s;
      }
      return;
    }
    URI base = o.targets.get(0);
    Api api = new Api(vertx, base, o.prepConcurrency);
    try {
      String admin = await(api.login(o.adminEmail, o.adminPassword), 60);
      JsonObject org = await(api.post("/api/organisations", new JsonObject().put("name", "Load test " + runId), admin), 60);
      String orgId = org.getString("id");
      List<String> sIds = await(bounded(vertx, o.spaces, o.prepConcurrency, s ->
          api.post("/api/spaces", new JsonObject().put("kind", "squad").put("name", "Load " + runId + " #" + s)
              .put("theme", o.theme), admin).map(j -> j.getString("id"))), 600);
      sIds.toArray(spaceIds);
      log("created %d spaces", o.spaces);
      userIds = new String[o.users];
      tokens = new String[o.users];
      AtomicLong progress = new AtomicLong(System.nanoTime());
      await(bounded(vertx, o.users, o.prepConcurrency, u -> {
        String email = "lt-" + runId + "-" + u + "@bench.example.org";
        return api.post("/api/users", new JsonObject().put("email", email).put("name", "Bench " + u)
                .put("password", o.userPassword).put("organisation", orgId), admin)
            .compose(user -> {
              userIds[u] = user.getString("id");
              return api.login(email, o.userPassword);
            })
            .map(tok -> {
              tokens[u] = tok;
              long now = System.nanoTime();
              long last = progress.get();
              if (now - last > 5_000_000_000L && progress.compareAndSet(last, now)) {
                log("users: %d/%d", u + 1, o.users);
              }
              return tok;
            });
      }), 3600);
      log("created and logged in %d users", o.users);
      // memberships: every distinct (user, space) pair used by a connection
      Set<Long> pairs = new LinkedHashSet<>();
      for (int i = 0; i < o.connections(); i++) {
        pairs.add(((long) (i / o.members) << 32) | o.userOf(i));
      }
      Long[] list = pairs.toArray(new Long[0]);
      await(bounded(vertx, list.length, o.prepConcurrency, i -> {
        int s = (int) (list[i] >>> 32);
        int u = (int) (list[i] & 0xffffffffL);
        return api.post("/api/spaces/" + spaceIds[s] + "/members",
            new JsonObject().put("user", userIds[u]).put("role", "member"), admin);
      }), 3600);
      log("added %d memberships", list.length);
    } finally {
      api.close();
    }
  }

  // ---------------------------------------------------------------- connections

  private void connectAll() throws Exception {
    int n = o.connections();
    conns = new Conn[n];
    subscribedBySpace = new AtomicInteger[o.spaces];
    for (int s = 0; s < o.spaces; s++) {
      subscribedBySpace[s] = new AtomicInteger();
    }
    int t = o.targets.size();
    for (int i = 0; i < n; i++) {
      conns[i] = new Conn(i, i / o.members, i % t, (i / t) % o.localAddresses);
    }
    wsClients = new WebSocketClient[o.localAddresses];
    for (int l = 0; l < o.localAddresses; l++) {
      wsClients[l] = vertx.createWebSocketClient(new WebSocketClientOptions()
          .setLocalAddress("127.0.0." + (l + 1))
          .setMaxConnections(1_000_000)
          .setMaxFrameSize(1 << 22)
          .setMaxMessageSize(1 << 24)
          .setConnectTimeout(30_000)
          .setTcpNoDelay(true));
    }
    AtomicLong progress = new AtomicLong(System.nanoTime());
    AtomicInteger done = new AtomicInteger();
    await(bounded(vertx, n, o.connectConcurrency, i -> connect(conns[i]).otherwise(err -> {
      connectFailures.increment();
      if (connectErrorSamples.size() < 5) {
        connectErrorSamples.add(String.valueOf(err));
      }
      return null;
    }).map(v -> {
      int d = done.incrementAndGet();
      long now = System.nanoTime();
      long last = progress.get();
      if (now - last > 5_000_000_000L && progress.compareAndSet(last, now)) {
        log("connections: %d/%d", d, n);
      }
      return v;
    })), 3600);
  }

  private Future<Void> connect(Conn c) {
    URI target = o.targets.get(c.target);
    WebSocketConnectOptions wo = new WebSocketConnectOptions().setHost(target.getHost())
        .setPort(target.getPort() > 0 ? target.getPort() : 80).setURI("/ws");
    if (tokens != null) {
      wo.addHeader("authorization", "Bearer " + tokens[o.userOf(c.index)]);
    }
    return wsClients[c.local].connect(wo).compose(ws -> {
      c.ws = ws;
      Promise<Void> p = Promise.promise();
      c.subscribing = p;
      ws.textMessageHandler(text -> onText(c, text));
      ws.exceptionHandler(err -> { });
      ws.closeHandler(v -> {
        if (c.subscribed) {
          c.subscribed = false;
          subscribedBySpace[c.space].decrementAndGet();
        }
        if (!closing) {
          unexpectedCloses.increment();
          p.tryFail("closed by the server before subscribed");
        }
      });
      long timer = vertx.setTimer(30_000, id -> p.tryFail("no 'subscribed' within 30 s"));
      ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("space", spaceIds[c.space])
          .put("ref", "sub").encode());
      return p.future().onComplete(ar -> vertx.cancelTimer(timer));
    });
  }

  private void closeAll() {
    List<Future<Void>> fs = new ArrayList<>();
    for (Conn c : conns) {
      if (c.ws != null) {
        fs.add(c.ws.close().otherwise((Void) null));
      }
    }
    try {
      await(Future.join(fs), 30);
    } catch (Exception e) {
      log("closing connections: %s", e);
    }
  }

  private long startPinger() {
    if (o.pingSec <= 0) {
      return -1;
    }
    int slots = Math.max(1, (int) Math.round(o.pingSec));
    AtomicLong tick = new AtomicLong();
    String ping = "{\"type\":\"ping\"}";
    return vertx.setPeriodic(1000, id -> {
      int slot = (int) (tick.getAndIncrement() % slots);
      for (int i = slot; i < conns.length; i += slots) {
        Conn c = conns[i];
        WebSocket ws = c.ws;
        if (ws != null && !ws.isClosed()) {
          pings.increment();
          ws.writeTextMessage(ping);
        }
      }
    });
  }

  // ---------------------------------------------------------------- receiving

  private static final String EVENT_TYPE = "\"type\":\"event\"";
  private static final String ACK_TYPE = "\"type\":\"ack\"";
  private static final String CREATED_KIND = "\"kind\":\"message.created\"";
  private static final String TEXT_FIELD = "\"text\":\"" + MARK;
  private static final String REF_FIELD = "\"ref\":\"";
  private final LongAdder eventFrames = new LongAdder();
  private final LongAdder ackFrames = new LongAdder();

  /**
   * Fast path for the two frames that come by the hundred thousand (events and acks): the generator shares the
   * machine with the server, so it must not spend its CPU building JSON trees. Anything unusual falls back to a
   * real JSON parse.
   */
  private void onText(Conn c, String text) {
    long now = System.nanoTime();
    if (text.contains(EVENT_TYPE)) {
      int i = text.indexOf(TEXT_FIELD);
      if (i >= 0 && text.contains(CREATED_KIND)) {
        eventFrames.increment();
        int a = i + TEXT_FIELD.length();
        int b = text.indexOf('|', a);
        int e = b < 0 ? -1 : text.indexOf('|', b + 1);
        int g = e < 0 ? -1 : text.indexOf('|', e + 1);
        if (g > 0) {
          onDelivery(c, now, Long.parseLong(text, a, b, 10), Long.parseLong(text, b + 1, e, 10),
              Integer.parseInt(text, e + 1, g, 10));
          return;
        }
      }
    } else if (text.contains(ACK_TYPE)) {
      int i = text.indexOf(REF_FIELD);
      int a = i + REF_FIELD.length();
      int colon = i < 0 ? -1 : text.indexOf(':', a);
      int end = colon < 0 ? -1 : text.indexOf('"', colon);
      if (end > 0) {
        ackFrames.increment();
        onAck(now, Long.parseLong(text, a, colon, 10), Long.parseLong(text, colon + 1, end, 10));
        return;
      }
    }
    onTextSlow(c, text, now);
  }

  private void onDelivery(Conn c, long now, long k, long intended, int senderTarget) {
    Phase p = current;
    if (p == null || !p.owns(k)) {
      return;
    }
    p.delivered.increment();
    int sec = (int) ((intended - p.startNanos) / 1_000_000_000L);
    if (sec >= 0 && sec < p.worstBySecond.length()) {
      p.worstBySecond.accumulateAndGet(sec, Math.max(0, (now - intended) / 1000), Math::max);
    }
    if (k - p.kStart >= p.measuredFromIndex) {
      long micros = Math.max(0, (now - intended) / 1000);
      p.deliveredMeasured.increment();
      p.delivery.recordValue(micros);
      (senderTarget == c.target ? p.local : p.remote).recordValue(micros);
      p.lastDeliveryNanos = now;
    }
  }

  private void onAck(long now, long k, long intended) {
    Phase p = current;
    if (p == null || !p.owns(k)) {
      return;
    }
    p.acked.increment();
    if (k - p.kStart >= p.measuredFromIndex) {
      p.ackedMeasured.increment();
      p.ack.recordValue(Math.max(0, (now - intended) / 1000));
      p.lastAckNanos = now;
    }
  }

  private void onTextSlow(Conn c, String text, long now) {
    JsonObject f;
    try {
      f = new JsonObject(text);
    } catch (RuntimeException e) {
      badFrames.increment();
      return;
    }
    String type = f.getString("type", "?");
    frames.computeIfAbsent(type, k -> new LongAdder()).increment();
    switch (type) {
      case "event" -> {
        if (!"message.created".equals(f.getString("kind"))) {
          return;
        }
        JsonObject data = f.getJsonObject("data");
        String t = data == null ? null : data.getString("text");
        if (t == null || !t.startsWith(MARK)) {
          return;
        }
        // lt|k|intendedNanos|senderTarget|padding
        String[] parts = t.split("\\|", 5);
        onDelivery(c, now, Long.parseLong(parts[1]), Long.parseLong(parts[2]), Integer.parseInt(parts[3]));
      }
      case "ack" -> {
        String ref = f.getString("ref");
        int colon = ref == null ? -1 : ref.indexOf(':');
        if (colon > 0) {
          onAck(now, Long.parseLong(ref.substring(0, colon)), Long.parseLong(ref.substring(colon + 1)));
        }
      }
      case "subscribed" -> {
        Promise<Void> p = c.subscribing;
        if (p != null && !c.subscribed) {
          c.subscribed = true;
          subscribedBySpace[c.space].incrementAndGet();
          p.tryComplete();
        }
      }
      case "pong" -> pongs.increment();
      case "error" -> {
        String code = f.getString("code", "?");
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
        errorSamples.putIfAbsent(code, text.length() > 300 ? text.substring(0, 300) : text);
        String ref = f.getString("ref");
        if ("sub".equals(ref)) {
          Promise<Void> p = c.subscribing;
          if (p != null) {
            p.tryFail("subscribe refused: " + text);
          }
        } else if (ref != null && ref.indexOf(':') > 0) {
          Phase p = current;
          if (p != null) {
            p.sendErrors.increment();
          }
        }
      }
      default -> {
        // presence, typing, subscribed replays… counted in frames
      }
    }
  }

  // ---------------------------------------------------------------- sending

  private Phase newPhase(String name, double rate, double warmupSec, double durationSec, long messages) {
    if (rate <= 0) {
      throw new IllegalArgumentException("--rate must be > 0 for scenario " + o.scenario);
    }
    long warm = Math.round(rate * warmupSec);
    long measured = messages > 0 ? messages : Math.max(1, Math.round(rate * durationSec));
    Phase p = new Phase(name, nextK, warm, measured, rate);
    nextK += p.total;
    return p;
  }

  private void runPhase(Phase p) throws Exception {
    current = p;
    Promise<Void> sentAll = Promise.promise();
    ProcStats[] atMeasure = new ProcStats[2];
    long[][] machineAt = new long[1][];
    String[] loadAt = new String[1];
    List<Long> self = List.of(ProcessHandle.current().pid());
    vertx.runOnContext(v -> {
      p.startNanos = System.nanoTime() + 5_000_000L;
      p.measureFromNanos = p.intended(p.measuredFromIndex);
      long warmMs = Math.max(1, (p.measureFromNanos - System.nanoTime()) / 1_000_000);
      vertx.setTimer(warmMs, id -> {
        atMeasure[0] = ProcStats.read(o.serverPids);
        atMeasure[1] = ProcStats.read(self);
        machineAt[0] = ProcStats.machine();
        loadAt[0] = ProcStats.loadAverage();
      });
      vertx.setPeriodic(1, id -> {
        long now = System.nanoTime();
        if (now < p.startNanos) {
          return;
        }
        long due = Math.min(p.total, (long) Math.floor((now - p.startNanos) * p.rate / 1e9) + 1);
        while (p.issued < due) {
          long idx = p.issued++;
          send(p, p.kStart + idx, p.intended(idx), idx >= p.measuredFromIndex);
        }
        if (p.issued >= p.total) {
          vertx.cancelTimer(id);
          sentAll.complete();
        }
      });
    });
    log("phase %s: %d messages at %.0f/s (%d warm-up)", p.name, p.total, p.rate, p.measuredFromIndex);
    await(sentAll.future(), (long) (p.total / p.rate) + 600);
    // drain: wait for outstanding deliveries and acks
    long deadline = System.nanoTime() + (long) (o.drainSec * 1e9);
    while (System.nanoTime() < deadline) {
      boolean deliveriesDone = p.delivered.sum() >= p.expected.sum();
      boolean acksDone = p.acked.sum() + p.sendErrors.sum() >= p.sent.sum();
      if (deliveriesDone && acksDone) {
        break;
      }
      Thread.sleep(20);
    }
    Thread.sleep(50);
    p.serverAtMeasure = atMeasure[0];
    p.generatorAtMeasure = atMeasure[1];
    p.machineAtMeasure = machineAt[0];
    p.loadAtMeasure = loadAt[0];
  }

  private void send(Phase p, long k, long intended, boolean measured) {
    int space = (int) (k % o.spaces);
    int member = (int) ((k / o.spaces) % o.members);
    Conn c = null;
    for (int tries = 0; tries < o.members; tries++) {
      Conn cand = conns[space * o.members + (member + tries) % o.members];
      if (cand.subscribed) {
        c = cand;
        break;
      }
    }
    if (c == null) {
      p.unsendable.increment();
      return;
    }
    int receivers = subscribedBySpace[space].get();
    p.sent.increment();
    p.expected.add(receivers);
    if (measured) {
      p.sentMeasured.increment();
      p.expectedMeasured.add(receivers);
    }
    String text = MARK + k + "|" + intended + "|" + c.target + "|" + padding;
    String frame = new JsonObject().put("type", "message.send").put("ref", k + ":" + intended)
        .put("space", spaceIds[space]).put("channel", "general").put("clientId", "lt-" + runId + "-" + k)
        .put("text", text).encode();
    c.ws.writeTextMessage(frame).onFailure(err -> p.sendErrors.increment());
  }

  // ---------------------------------------------------------------- scenarios

  private void holdIdle(JsonObject report, JsonObject server, ProcStats before, ProcStats afterConnect, int open,
      long heapBeforeKb) throws Exception {
    log("holding %d idle connections for %.0f s (ping every %.0f s)", open, o.holdSec, o.pingSec);
    long end = System.nanoTime() + (long) (o.holdSec * 1e9);
    long nextLog = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < end) {
      Thread.sleep(200);
      if (System.nanoTime() > nextLog) {
        nextLog += 10_000_000_000L;
        ProcStats s = ProcStats.read(o.serverPids);
        int subscribed = 0;
        for (Conn c : conns) {
          if (c.subscribed) {
            subscribed++;
          }
        }
        log("holding: %d open, server RSS %.0f MB, pongs %d", subscribed, s.rssKb() / 1024.0, pongs.sum());
      }
    }
    ProcStats after = ProcStats.read(o.serverPids);
    int still = 0;
    for (Conn c : conns) {
      if (c.subscribed) {
        still++;
      }
    }
    server.put("afterHold", after.toJson());
    JsonObject idle = new JsonObject().put("connectionsHeld", still).put("connectionsOpened", open)
        .put("holdSeconds", o.holdSec);
    if (after.available() && before.available() && still > 0) {
      double perThousand = (after.rssKb() - before.rssKb()) / 1024.0 / still * 1000;
      double perThousandAtConnect = (afterConnect.rssKb() - before.rssKb()) / 1024.0 / open * 1000;
      double cpuHold = after.cpuSeconds() - afterConnect.cpuSeconds();
      idle.put("rssMBPer1000Connections", round(perThousand))
          .put("rssMBPer1000ConnectionsRightAfterConnect", round(perThousandAtConnect))
          .put("serverCpuSecondsConnecting", round(afterConnect.cpuSeconds() - before.cpuSeconds()))
          .put("serverCpuSecondsHolding", round(cpuHold))
          .put("serverCpuCoresHolding", round(cpuHold / o.holdSec))
          .put("serverCpuMicrosPerConnectionSecond", round(cpuHold * 1e6 / still / o.holdSec));
    }
    if (heapBeforeKb >= 0 && still > 0) {
      long heapAfterKb = ProcStats.gcAndHeapUsedKb(o.serverPids);
      ProcStats afterGc = ProcStats.read(o.serverPids);
      server.put("afterHoldAndGc", afterGc.toJson());
      if (heapAfterKb >= 0) {
        idle.put("liveHeapMBBefore", round(heapBeforeKb / 1024.0)).put("liveHeapMBAfter", round(heapAfterKb / 1024.0))
            .put("liveHeapMBPer1000Connections", round((heapAfterKb - heapBeforeKb) / 1024.0 / still * 1000))
            .put("rssMBPer1000ConnectionsAfterGc", round((afterGc.rssKb() - before.rssKb()) / 1024.0 / still * 1000));
      }
    }
    report.put("idle", idle);
  }

  private void stepRates(JsonObject report, JsonObject server) throws Exception {
    JsonArray steps = new JsonArray();
    JsonObject best = null;
    double bestRate = 0;
    JsonObject first = null;
    boolean firstStep = true;
    boolean latencyFailed = false;
    boolean lastKeptUp = true;
    double sustained = 0;
    for (double rate : o.steps) {
      JsonObject step = null;
      boolean ok = false;
      for (int attempt = 0; attempt <= o.stepRetries && !ok; attempt++) {
        Phase p = newPhase("rate " + (long) rate + (attempt > 0 ? " (retry " + attempt + ")" : ""), rate,
            firstStep ? o.warmupSec : 2, o.stepSec, 0);
        firstStep = false;
        runPhase(p);
        step = phaseReport(p, new JsonObject());
        double p99 = step.getJsonObject("ackLatencyMs").getDouble("p99", Double.MAX_VALUE);
        double achieved = step.getDouble("acksPerSecond", 0.0);
        long missingAcks = step.getJsonObject("messages").getLong("missingAcks");
        boolean keptUp = achieved >= 0.95 * rate && missingAcks == 0
            && step.getJsonObject("messages").getLong("sendErrors") == 0;
        ok = p99 <= o.ackP99LimitMs && keptUp;
        lastKeptUp = keptUp;
        if (keptUp) {
          sustained = Math.max(sustained, rate);
        }
        step.put("targetRate", rate).put("pass", ok).put("keptUp", keptUp).put("attempt", attempt + 1);
        steps.add(step);
        log("step %.0f/s (attempt %d): ack p99 %.2f ms, %.0f acks/s, delivery p99 %s ms, other processes %s cores -> %s",
            rate, attempt + 1, p99, achieved, step.getJsonObject("latencyMs").getValue("p99"),
            step.getJsonObject("machine").getValue("otherProcessesCores"), ok ? "pass" : "FAIL");
      }
      if (first == null) {
        first = step;
      }
      if (ok) {
        best = step;
        bestRate = rate;
      } else {
        latencyFailed = true;
        if (!o.stopOnThroughput || !lastKeptUp) {
          break;
        }
      }
    }
    report.put("steps", steps);
    report.put("bestRatePerSecond", bestRate);
    report.put("maxSustainedRatePerSecond", sustained);
    JsonObject chosen = best != null ? best : first;
    if (chosen != null) {
      for (String k : List.of("messages", "deliveries", "latencyMs", "ackLatencyMs", "acksPerSecond",
          "deliveriesPerSecond", "measuredSeconds")) {
        report.put(k, chosen.getValue(k));
      }
      if (chosen.containsKey("serverDuringMeasure")) {
        server.put("duringMeasure", chosen.getValue("serverDuringMeasure"));
      }
    }
  }

  private JsonObject phaseReport(Phase p, JsonObject server) {
    ProcStats end = ProcStats.read(o.serverPids);
    ProcStats genEnd = ProcStats.read(List.of(ProcessHandle.current().pid()));
    long lastNanos = Math.max(p.lastDeliveryNanos, p.lastAckNanos);
    double window = Math.max(1e-3, (lastNanos - p.measureFromNanos) / 1e9);
    double sendWindow = (p.total - p.measuredFromIndex) / p.rate;
    Histogram delivery = p.delivery.getIntervalHistogram();
    Histogram ack = p.ack.getIntervalHistogram();
    JsonObject r = new JsonObject();
    r.put("messages", new JsonObject().put("sent", p.sent.sum()).put("measured", p.sentMeasured.sum())
        .put("acked", p.acked.sum()).put("missingAcks", Math.max(0, p.sent.sum() - p.acked.sum() - p.sendErrors.sum()))
        .put("sendErrors", p.sendErrors.sum()).put("unsendable", p.unsendable.sum()));
    r.put("deliveries", new JsonObject().put("expected", p.expected.sum()).put("received", p.delivered.sum())
        .put("missing", Math.max(0, p.expected.sum() - p.delivered.sum()))
        .put("measuredExpected", p.expectedMeasured.sum()).put("measuredReceived", p.deliveredMeasured.sum()));
    r.put("latencyMs", Lat.summary(delivery));
    r.put("ackLatencyMs", Lat.summary(ack));
    r.put("measuredSeconds", round(sendWindow));
    r.put("measureStartedAt", Instant.now().minusNanos(System.nanoTime() - p.measureFromNanos).toString());
    JsonArray worst = new JsonArray();
    for (int i = 0; i < p.worstBySecond.length(); i++) {
      worst.add(Lat.ms(p.worstBySecond.get(i)));
    }
    r.put("worstDeliveryMsBySecond", worst);
    r.put("deliveriesPerSecond", round(p.deliveredMeasured.sum() / Math.max(window, sendWindow)));
    r.put("acksPerSecond", round(p.ackedMeasured.sum() / Math.max(window, sendWindow)));
    if (o.targets.size() > 1) {
      Histogram local = p.local.getIntervalHistogram();
      Histogram remote = p.remote.getIntervalHistogram();
      JsonObject l = Lat.summary(local);
      JsonObject rm = Lat.summary(remote);
      JsonObject nodes = new JsonObject().put("sameNodeLatencyMs", l).put("crossNodeLatencyMs", rm);
      if (l.containsKey("p99") && rm.containsKey("p99")) {
        nodes.put("extraP99Ms", round(rm.getDouble("p99") - l.getDouble("p99")))
            .put("extraP50Ms", round(rm.getDouble("p50") - l.getDouble("p50")));
      }
      r.put("nodes", nodes);
    }
    if (p.serverAtMeasure != null && p.serverAtMeasure.available() && end.available()) {
      double cpu = end.cpuSeconds() - p.serverAtMeasure.cpuSeconds();
      double wall = Math.max(window, sendWindow);
      JsonObject dm = new JsonObject().put("cpuSeconds", round(cpu)).put("cpuCores", round(cpu / wall))
          .put("rssMB", round(end.rssKb() / 1024.0));
      long dels = p.deliveredMeasured.sum();
      if (dels > 0) {
        dm.put("cpuMicrosPerDelivery", round(cpu * 1e6 / dels));
      }
      long msgs = p.ackedMeasured.sum();
      if (msgs > 0) {
        dm.put("cpuMicrosPerMessage", round(cpu * 1e6 / msgs));
      }
      server.put("duringMeasure", dm);
      r.put("serverDuringMeasure", dm);
    }
    double genCores = -1;
    if (p.generatorAtMeasure != null && p.generatorAtMeasure.available()) {
      genCores = (genEnd.cpuSeconds() - p.generatorAtMeasure.cpuSeconds()) / Math.max(window, sendWindow);
      r.put("generatorCpuCoresDuringMeasure", round(genCores));
    }
    r.put("machine", machineReport(p.machineAtMeasure, p.loadAtMeasure, genCores,
        p.serverAtMeasure != null && p.serverAtMeasure.available() && end.available()
            ? (end.cpuSeconds() - p.serverAtMeasure.cpuSeconds()) / Math.max(window, sendWindow) : -1));
    return r;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * How busy the whole machine was while measuring, and how much of it was neither the server nor the
   * generator (other builds and tests on a shared machine): the figures are only as good as that is small.
   */
  private static JsonObject machineReport(long[] before, String loadBefore, double genCores, double serverCores) {
    JsonObject m = new JsonObject().put("loadAverageAtStart", loadBefore).put("loadAverageAtEnd", ProcStats.loadAverage())
        .put("cores", Runtime.getRuntime().availableProcessors());
    long[] after = ProcStats.machine();
    if (before != null && after != null && after[0] > before[0]) {
      double total = after[0] - before[0];
      double busyFraction = 1 - (after[1] - before[1]) / total;
      double busyCores = busyFraction * Runtime.getRuntime().availableProcessors();
      m.put("busyCores", round(busyCores));
      if (genCores >= 0 && serverCores >= 0) {
        m.put("otherProcessesCores", round(Math.max(0, busyCores - genCores - serverCores)));
      }
    }
    return m;
  }

  private static JsonObject counts(Map<String, LongAdder> m) {
    JsonObject j = new JsonObject();
    new TreeMap<>(m).forEach((k, v) -> j.put(k, v.sum()));
    return j;
  }

  static double round(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return 0;
    }
    return Math.round(d * 100) / 100.0;
  }
}
