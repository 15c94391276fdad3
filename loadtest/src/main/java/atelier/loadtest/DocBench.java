package atelier.loadtest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Scenario g: shared documents (docs/performance.md, "Documents").
 *
 * <p>(a) {@code --editors} people on one document, each typing {@code --rate} edits a second over the
 * real WebSocket protocol ({@link DocEditor}: the web client's OT client). Measured: the time from an
 * edit (its intended time, open loop) to the moment it is visible at each other editor, the ack time of
 * operations, acks a second, the server's CPU per operation (from /proc, as the other scenarios), and
 * at the end the divergence: how many editors' text differs from the server's (must be 0).
 *
 * <p>(b) a document built to {@code --revisions} revisions (1,000, 10,000, 100,000) by {@code --builders}
 * editors in closed loop; at each size, the time to open revision 1, a middle revision and the latest
 * ({@code GET …/documents/{doc}?rev=N}), one request at a time, so cost growth shows.
 *
 * <pre>
 * java -jar atelier-loadtest.jar --scenario g --target http://127.0.0.1:8080 --admin-email E --admin-password P \
 *     [--editors 100] [--rate 5] [--duration 30] [--warmup 10] [--revisions 1000,10000,100000] [--server-pid PID] [--out g.json]
 * </pre>
 */
final class DocBench implements DocEditor.Listener {
  static final String USAGE = """
      atelier-loadtest --scenario g [options]         shared documents

        --target URL                 the node (default http://127.0.0.1:8080)
        --admin-email E --admin-password P   administrator (prepares a space, its people and documents)
        --editors N                  people editing one document at once (default 100; 0: skip part a)
        --rate R                     edits a second per editor (default 5)
        --duration S --warmup S      measured seconds (default 30) after a warm-up at the same rate (default 10)
        --max-chars N                the texts stay under N characters (default 3000)
        --revisions N1,N2,…          part b: sizes of the long history (default 1000,10000,100000; "" skips it)
        --builders K                 editors building the long history in closed loop (default 4)
        --samples N                  requests timed per revision opened and size (default 30, after 5 untimed)
        --server-pid PID[,PID…]      server process(es) whose CPU time is read from /proc
        --drain S                    seconds to wait for the editors to settle at the server's head (default 120;
                                     not settled counts as a failure: exit code 1)
        --label TEXT --out FILE --md FILE
      """;

  private final URI target;
  private final String adminEmail;
  private final String adminPassword;
  private final int editors;
  private final double rate;
  private final double durationSec;
  private final double warmupSec;
  private final int maxChars;
  private final List<Long> revisions = new ArrayList<>();
  private final int builders;
  private final int samples;
  private final List<Long> serverPids = new ArrayList<>();
  private final double drainSec;
  private final String label;
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

  private final Vertx vertx = Vertx.vertx();
  private Api api;
  private String space;
  private final List<String> tokens = new ArrayList<>();
  /**
   * Held for the whole run: Vert.x closes a client that is no longer referenced when the GC collects
   * it, and every socket with it (close code 1000) — editors then lost their sockets mid-run.
   */
  private WebSocketClient wsClient;

  // measurements of part a (written from the editors' event loops)
  private final Map<String, long[]> stamps = new ConcurrentHashMap<>();
  private final Recorder visible = new Recorder(3);
  private final Recorder ack = new Recorder(3);
  private final LongAdder opsSent = new LongAdder();
  private final LongAdder acks = new LongAdder();
  private final LongAdder acksMeasured = new LongAdder();
  private final LongAdder deliveries = new LongAdder();
  private final LongAdder deliveriesMeasured = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, String> errorSamples = new ConcurrentHashMap<>();
  /** Editors whose socket closed or who could not apply a frame: the run is not valid then. */
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final Map<String, String> failureSamples = new ConcurrentHashMap<>();
  private final LongAdder reconnects = new LongAdder();
  private final java.util.Set<String> reconnectSamples = ConcurrentHashMap.newKeySet();
  private volatile long measureFrom = Long.MAX_VALUE;

  private DocBench(Map<String, String> o) {
    target = URI.create(o.getOrDefault("target", "http://127.0.0.1:8080").split(",")[0].trim());
    adminEmail = o.getOrDefault("admin-email", System.getenv().getOrDefault("ATELIER_ADMIN_EMAIL", "admin@atelier.local"));
    adminPassword = o.getOrDefault("admin-password", System.getenv().getOrDefault("ATELIER_ADMIN_PASSWORD", ""));
    editors = Integer.parseInt(o.getOrDefault("editors", "100"));
    rate = Double.parseDouble(o.getOrDefault("rate", "5"));
    durationSec = Double.parseDouble(o.getOrDefault("duration", "30"));
    warmupSec = Double.parseDouble(o.getOrDefault("warmup", "10"));
    maxChars = Integer.parseInt(o.getOrDefault("max-chars", "3000"));
    for (String s : o.getOrDefault("revisions", "1000,10000,100000").split(",")) {
      if (!s.isBlank() && Long.parseLong(s.trim()) > 0) revisions.add(Long.parseLong(s.trim()));
    }
    builders = Math.max(1, Integer.parseInt(o.getOrDefault("builders", "4")));
    samples = Math.max(1, Integer.parseInt(o.getOrDefault("samples", "30")));
    for (String p : o.getOrDefault("server-pid", "").split(",")) {
      if (!p.isBlank()) serverPids.add(Long.parseLong(p.trim()));
    }
    drainSec = Double.parseDouble(o.getOrDefault("drain", "120"));
    label = o.getOrDefault("label", "");
    if (editors == 1 || editors < 0 || rate <= 0) throw new IllegalArgumentException("--editors 0 or ≥ 2, --rate > 0");
  }

  /** Entry point from {@link Main}: {@code args} as given on the command line, without {@code --scenario g}. */
  static int main(List<String> args) throws Exception {
    if (args.contains("-h") || args.contains("--help")) {
      System.out.println(USAGE);
      return 0;
    }
    JsonObject report;
    try {
      report = run(args.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + USAGE);
      return 2;
    }
    System.out.println(DocBenchReport.markdown(report));
    JsonObject e = report.getJsonObject("editing", new JsonObject());
    boolean failed = !report.getJsonObject("errors").getJsonObject("editorFailures").isEmpty();
    return e.getInteger("divergentEditors", 0) == 0 && e.getBoolean("settled", true) && !failed ? 0 : 1;
  }

  /** Runs the scenario ({@code --name value} pairs) and writes the reports asked for ({@code --out}, {@code --md}). */
  static JsonObject run(String... args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("unexpected argument: " + args[i]);
      o.put(args[i].substring(2), args[++i]);
    }
    DocBench b = new DocBench(o);
    JsonObject report;
    try {
      report = b.run();
    } finally {
      b.vertx.close().await();
    }
    if (o.get("out") != null) Files.writeString(Path.of(o.get("out")), report.encodePrettily() + "\n");
    if (o.get("md") != null) Files.writeString(Path.of(o.get("md")), DocBenchReport.markdown(report));
    return report;
  }

  private JsonObject run() throws Exception {
    JsonObject report = new JsonObject().put("scenario", "g").put("mode", "atelier").put("label", label)
        .put("startedAt", Instant.now().toString());
    report.put("params", new JsonObject().put("target", target.toString()).put("editors", editors).put("rate", rate)
        .put("durationSeconds", durationSec).put("warmupSeconds", warmupSec).put("maxChars", maxChars)
        .put("revisions", new JsonArray(new ArrayList<>(revisions))).put("builders", builders).put("samples", samples)
        .put("cores", Runtime.getRuntime().availableProcessors()));
    api = new Api(vertx, target, 8);
    try {
      prepare(Math.max(editors, revisions.isEmpty() ? 0 : builders));
      if (editors > 0) report.put("editing", editing());
      if (!revisions.isEmpty()) report.put("history", history());
    } finally {
      api.close().await();
    }
    JsonObject err = new JsonObject();
    new TreeMap<>(errors).forEach((k, v) -> err.put(k, v.sum()));
    JsonObject failed = new JsonObject();
    new TreeMap<>(failures).forEach((k, v) -> failed.put(k, v.sum()));
    report.put("errors", new JsonObject().put("frames", err).put("samples", new JsonObject(new TreeMap<>(errorSamples)))
        .put("editorFailures", failed).put("editorFailureSamples", new JsonObject(new TreeMap<>(failureSamples)))
        .put("reconnects", reconnects.sum()).put("reconnectSamples", new JsonArray(new ArrayList<>(reconnectSamples))));
    return report;
  }

  private static void log(String fmt, Object... args) {
    LoadRun.log("g: " + fmt, args);
  }

  // ---------------------------------------------------------------- preparation

  /** A squad, {@code people} members signed in, by REST as the administrator. */
  private void prepare(int people) throws Exception {
    String admin = api.login(adminEmail, adminPassword).await();
    String org = api.post("/api/organisations", new JsonObject().put("name", "Banc documents " + runId), admin).await()
        .getString("id");
    space = api.post("/api/spaces", new JsonObject().put("kind", "squad").put("name", "Banc documents " + runId)
        .put("theme", "bench"), admin).await().getString("id");
    List<String> made = LoadRun.await(LoadRun.bounded(vertx, people, 8, i -> {
      String email = "doc-" + runId + "-" + i + "@bench.example.org";
      return api.post("/api/users", new JsonObject().put("email", email).put("name", "Rédactrice " + i)
              .put("password", "Bench-Passw0rd-Docs!").put("organisation", org), admin)
          .compose(u -> api.post("/api/spaces/" + space + "/members",
              new JsonObject().put("user", u.getString("id")).put("role", "member"), admin))
          .compose(x -> api.login(email, "Bench-Passw0rd-Docs!"));
    }), 3600);
    tokens.addAll(made);
    log("prepared a space and %d people", people);
  }

  private String newDocument(String title, String text) throws Exception {
    return api.post("/api/spaces/" + space + "/documents", new JsonObject().put("title", title).put("text", text),
        tokens.get(0)).await().getString("id");
  }

  private List<DocEditor> join(String doc, int count) throws Exception {
    if (wsClient == null) {
      wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
          .setMaxFrameSize(1 << 22).setMaxMessageSize(1 << 24).setConnectTimeout(30_000).setTcpNoDelay(true));
    }
    WebSocketClient client = wsClient;
    List<DocEditor> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Context ctx = vertx.getOrCreateContext(); // from this (non-Vert.x) thread: a new context, event loops in turn
      list.add(new DocEditor(i, ctx, runId, space, doc, maxChars, 31L * i + 7, this));
    }
    LoadRun.await(LoadRun.bounded(vertx, count, 50, i -> list.get(i).join(client, target, tokens.get(i % tokens.size()))), 600);
    return list;
  }

  // ---------------------------------------------------------------- part a: editing together

  private JsonObject editing() throws Exception {
    StringBuilder start = new StringBuilder("# Compte rendu de réunion\n\n");
    while (start.length() < maxChars / 2) start.append("Les membres de l'escouade discutent du séchoir à bois. ");
    String doc = newDocument("Banc co-édition " + runId, start.toString());
    List<DocEditor> list = join(doc, editors);
    log("%d editors joined one document", list.size());
    long perEditor = Math.max(1, Math.round(rate * (warmupSec + durationSec)));
    long begin = System.nanoTime() + 200_000_000L;
    measureFrom = begin + (long) (warmupSec * 1e9);
    // each editor's first edit offset by a fraction of its period, so the edits are spread evenly
    for (DocEditor e : list) e.type(begin + (long) (e.index * 1e9 / rate / editors), rate, perEditor);
    ProcStats cpuFrom = null;
    long[] machineFrom = null;
    String loadFrom = null;
    while (System.nanoTime() < measureFrom) Thread.sleep(5);
    cpuFrom = ProcStats.read(serverPids);
    machineFrom = ProcStats.machine();
    loadFrom = ProcStats.loadAverage();
    ProcStats genFrom = ProcStats.read(List.of(ProcessHandle.current().pid()));
    long sendEnd = begin + (long) ((warmupSec + durationSec) * 1e9);
    while (System.nanoTime() < sendEnd) Thread.sleep(20);
    // settle: every editor has its operations acknowledged, has applied everyone else's, and is at the
    // server's head (asked again until then: a slow commit may still be delivering when the editors look quiet)
    long deadline = System.nanoTime() + (long) (drainSec * 1e9);
    JsonObject server = null;
    boolean settled = false;
    while (System.nanoTime() < deadline) {
      if (settled(list)) {
        server = api.call(HttpMethod.GET, "/api/spaces/" + space + "/documents/" + doc, null, tokens.get(0)).await();
        if (list.get(0).rev == server.getLong("rev") && settled(list)) {
          settled = true;
          break;
        }
      }
      Thread.sleep(20);
    }
    long settledAt = System.nanoTime();
    ProcStats cpuTo = ProcStats.read(serverPids);
    ProcStats genTo = ProcStats.read(List.of(ProcessHandle.current().pid()));
    double window = (settledAt - measureFrom) / 1e9;
    if (!settled) server = api.call(HttpMethod.GET, "/api/spaces/" + space + "/documents/" + doc, null, tokens.get(0)).await();
    String serverText = server.getString("text");
    int divergent = 0;
    int behind = 0;
    for (DocEditor e : list) {
      if (!serverText.equals(e.text)) divergent++;
      if (e.rev != server.getLong("rev")) behind++;
    }
    log("%s %.1f s after the last edit; %d of %d editors differ from the server's text", settled ? "settled" : "NOT settled",
        (settledAt - sendEnd) / 1e9, divergent, list.size());
    if (!settled) {
      long min = Long.MAX_VALUE;
      int unsynced = 0;
      for (DocEditor e : list) {
        min = Math.min(min, e.rev);
        if (!e.synced) unsynced++;
      }
      log("not settled: server at revision %d, editors from %d to %d, %d still waiting for an ack; errors %s", server.getLong("rev"),
          min, maxRev(list), unsynced, errors);
    }
    LoadRun.await(Future.join(list.stream().map(DocEditor::close).toList()), 30);
    long committed = acks.sum();
    JsonObject r = new JsonObject().put("editors", list.size()).put("document", doc)
        .put("editsTyped", perEditor * list.size()).put("operationsSent", opsSent.sum()).put("operationsAcked", committed)
        .put("serverRev", server.getLong("rev")).put("serverTextChars", serverText.length())
        .put("settled", settled).put("settleSeconds", LoadRun.round((settledAt - sendEnd) / 1e9))
        .put("divergentEditors", divergent).put("editorsNotAtServerRev", behind)
        .put("deliveriesExpected", committed * (list.size() - 1)).put("deliveriesReceived", deliveries.sum())
        .put("visibleLatencyMs", Lat.summary(visible.getIntervalHistogram()))
        .put("ackLatencyMs", Lat.summary(ack.getIntervalHistogram()))
        .put("measuredSeconds", LoadRun.round(window))
        .put("acksPerSecond", LoadRun.round(acksMeasured.sum() / window))
        .put("deliveriesPerSecond", LoadRun.round(deliveriesMeasured.sum() / window));
    if (cpuFrom.available() && cpuTo.available()) {
      double cpu = cpuTo.cpuSeconds() - cpuFrom.cpuSeconds();
      r.put("server", new JsonObject().put("cpuSeconds", LoadRun.round(cpu)).put("cpuCores", LoadRun.round(cpu / window))
          .put("cpuMicrosPerOperation", LoadRun.round(cpu * 1e6 / Math.max(1, acksMeasured.sum())))
          .put("cpuMicrosPerDelivery", LoadRun.round(cpu * 1e6 / Math.max(1, deliveriesMeasured.sum())))
          .put("rssMB", LoadRun.round(cpuTo.rssKb() / 1024.0)));
    }
    double genCores = genFrom.available() && genTo.available() ? (genTo.cpuSeconds() - genFrom.cpuSeconds()) / window : -1;
    r.put("generatorCpuCores", LoadRun.round(genCores));
    r.put("machine", machine(machineFrom, loadFrom, genCores,
        cpuFrom.available() && cpuTo.available() ? (cpuTo.cpuSeconds() - cpuFrom.cpuSeconds()) / window : -1));
    return r;
  }

  private static boolean settled(List<DocEditor> list) {
    long rev = -1;
    for (DocEditor e : list) {
      if (!e.synced) return false;
      if (rev >= 0 && e.rev != rev) return false;
      rev = e.rev;
    }
    return true;
  }

  /** How busy the machine was besides the server and the generator (a shared machine makes figures worse). */
  private static JsonObject machine(long[] before, String loadBefore, double genCores, double serverCores) {
    JsonObject m = new JsonObject().put("loadAverageAtStart", loadBefore).put("loadAverageAtEnd", ProcStats.loadAverage());
    long[] after = ProcStats.machine();
    if (before != null && after != null && after[0] > before[0]) {
      double busy = (1 - (after[1] - before[1]) / (double) (after[0] - before[0])) * Runtime.getRuntime().availableProcessors();
      m.put("busyCores", LoadRun.round(busy));
      if (genCores >= 0 && serverCores >= 0) m.put("otherProcessesCores", LoadRun.round(Math.max(0, busy - genCores - serverCores)));
    }
    return m;
  }

  @Override
  public void sent(DocEditor e, String clientId, long[] editStamps) {
    opsSent.increment();
    if (editStamps.length > 0) stamps.put(clientId, editStamps);
  }

  @Override
  public void acked(DocEditor e, long sentNanos, long now) {
    acks.increment();
    if (sentNanos >= measureFrom) {
      acksMeasured.increment();
      ack.recordValue(Math.max(0, (now - sentNanos) / 1000));
    }
  }

  @Override
  public void remote(DocEditor e, String clientId, long now) {
    deliveries.increment();
    long[] s = stamps.get(clientId);
    if (s == null) return;
    for (long t : s) {
      if (t >= measureFrom) {
        deliveriesMeasured.increment();
        visible.recordValue(Math.max(0, (now - t) / 1000));
      }
    }
  }

  @Override
  public void failed(DocEditor e, String why) {
    String key = why.contains(":") ? why.substring(0, why.indexOf(':')) : why;
    failures.computeIfAbsent(key, k -> new LongAdder()).increment();
    if (failureSamples.size() < 5 && failureSamples.putIfAbsent(key + e.index, why) == null) log("editor %d: %s", e.index, why);
  }

  @Override
  public void reconnected(DocEditor e, String why) {
    reconnects.increment();
    if (reconnectSamples.size() < 5 && reconnectSamples.add(why)) log("editor %d: socket closed (%s), reconnecting", e.index, why);
  }

  @Override
  public void error(DocEditor e, JsonObject frame) {
    String code = frame.getString("code", "?");
    errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    errorSamples.putIfAbsent(code, frame.encode());
  }

  // ---------------------------------------------------------------- part b: a long history

  private JsonObject history() throws Exception {
    String doc = newDocument("Banc historique " + runId, "# Historique\n\n");
    List<DocEditor> list = join(doc, builders);
    String path = "/api/spaces/" + space + "/documents/" + doc;
    JsonArray sizes = new JsonArray();
    long built = 1;
    for (long size : revisions) {
      long t0 = System.nanoTime();
      long from = built;
      for (DocEditor e : list) e.build(size);
      long nextLog = System.nanoTime() + 10_000_000_000L;
      long deadline = System.nanoTime() + 3_600_000_000_000L;
      while (!(maxRev(list) >= size && settled(list))) {
        if (System.nanoTime() > deadline || !failures.isEmpty()) {
          throw new IllegalStateException("history stuck at revision " + maxRev(list) + "; editor failures: " + failureSamples);
        }
        Thread.sleep(20);
        if (System.nanoTime() > nextLog) {
          nextLog += 10_000_000_000L;
          log("history: revision %d of %d", maxRev(list), size);
        }
      }
      built = maxRev(list);
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      long head = built;
      long middle = head > 200 ? head / 2 + 37 : Math.max(1, head / 2); // +37: not on a snapshot (one every 100)
      JsonObject row = new JsonObject().put("revisions", head)
          .put("buildOpsPerSecond", LoadRun.round((head - from) / buildSeconds))
          .put("openRev1Ms", time(path + "?rev=1", 1))
          .put("openMiddleMs", time(path + "?rev=" + middle, middle))
          .put("openLatestMs", time(path, head))
          .put("historyPageMs", timeHistory(path + "/history"));
      sizes.add(row);
      log("%d revisions: open rev 1 p50 %s ms, middle p50 %s ms, latest p50 %s ms", head,
          row.getJsonObject("openRev1Ms").getValue("p50"), row.getJsonObject("openMiddleMs").getValue("p50"),
          row.getJsonObject("openLatestMs").getValue("p50"));
    }
    LoadRun.await(Future.join(list.stream().map(DocEditor::close).toList()), 30);
    return new JsonObject().put("document", doc).put("sizes", sizes);
  }

  private static long maxRev(List<DocEditor> list) {
    long max = 0;
    for (DocEditor e : list) max = Math.max(max, e.rev);
    return max;
  }

  /** One request at a time: {@code samples} timed after 5 untimed; checks the revision answered. */
  private JsonObject time(String path, long expectRev) throws Exception {
    Histogram h = new Histogram(3_600_000_000L, 3);
    for (int i = -5; i < samples; i++) {
      long t0 = System.nanoTime();
      JsonObject d = api.call(HttpMethod.GET, path, null, tokens.get(0)).await();
      long micros = (System.nanoTime() - t0) / 1000;
      if (d.getLong("rev") != expectRev) throw new IllegalStateException(path + " answered rev " + d.getLong("rev"));
      if (i >= 0) h.recordValue(Math.max(1, micros));
    }
    return Lat.summary(h);
  }

  private JsonObject timeHistory(String path) throws Exception {
    Histogram h = new Histogram(3_600_000_000L, 3);
    for (int i = -2; i < Math.max(5, samples / 3); i++) {
      long t0 = System.nanoTime();
      api.call(HttpMethod.GET, path, null, tokens.get(0)).await();
      if (i >= 0) h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
    }
    return Lat.summary(h);
  }
}
