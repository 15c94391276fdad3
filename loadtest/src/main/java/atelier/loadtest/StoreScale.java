package atelier.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Scenario f: what one read or write costs as the store grows. Against a node whose store was filled
 * by {@code java -jar atelier.jar seed-benchmark --messages N} (20+ squads: one busy with half the
 * messages, one quiet with 50), one request at a time so each number is a latency, not a queue:
 * the latest page of 50 of the quiet and of the busy squad, an older page of the busy one, the
 * channel list with unread and mention counts, a resume of 100 events over WebSocket, and a send's
 * ack, each measured after a first untimed pass of all of them. {@code report} puts several runs side by side as ratios against the first (smallest) store.
 *
 * <pre>
 * java -jar atelier-loadtest.jar --scenario f --target http://127.0.0.1:8080 --seed seed.json --out f-N.json [--samples 200]
 * java -jar atelier-loadtest.jar report-f f-10000.json f-100000.json f-1000000.json [--md out.md]
 * </pre>
 */
final class StoreScale {
  private final Vertx vertx = Vertx.vertx();
  private final URI target;
  private final JsonObject seed;
  private final int samples;
  private final int warmup;

  private StoreScale(URI target, JsonObject seed, int samples) {
    this.target = target;
    this.seed = seed;
    this.samples = samples;
    this.warmup = Math.max(10, samples / 10);
  }

  static int main(List<String> args) throws Exception {
    URI target = URI.create(option(args, "--target", "http://127.0.0.1:8080"));
    JsonObject seed = new JsonObject(Files.readString(Path.of(option(args, "--seed", "seed.json"))));
    int samples = Integer.parseInt(option(args, "--samples", "200"));
    StoreScale run = new StoreScale(target, seed, samples);
    try {
      JsonObject report = run.run();
      String out = option(args, "--out", null);
      if (out != null) Files.writeString(Path.of(out), report.encodePrettily() + "\n");
      System.out.println(report.encodePrettily());
      return 0;
    } finally {
      run.vertx.close().await();
    }
  }

  interface Step {
    void run() throws Exception;
  }

  private JsonObject measure(Step step) throws Exception {
    for (int i = 0; i < warmup; i++) step.run();
    Histogram h = new Histogram(3_600_000_000L, 3);
    for (int i = 0; i < samples; i++) {
      long t0 = System.nanoTime();
      step.run();
      h.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
    }
    return Lat.summary(h);
  }

  private JsonObject run() throws Exception {
    Api api = new Api(vertx, target, 4);
    String reader = api.login(seed.getJsonObject("reader").getString("email"), seed.getJsonObject("reader").getString("password")).await();
    String writer = api.login(seed.getJsonObject("writer").getString("email"), seed.getJsonObject("writer").getString("password")).await();
    String busy = seed.getString("busy");
    String quiet = seed.getString("quiet");
    JsonArray latest = api.call(io.vertx.core.http.HttpMethod.GET, "/api/spaces/" + busy + "/channels/general/messages?limit=50", null, reader)
        .await().getJsonArray("messages");
    long middle = latest.getJsonObject(0).getLong("seq") / 2;
    Map<String, JsonObject> results = new LinkedHashMap<>();
    // Everything once untimed first: the node's JIT and the store's page cache warm up on all the
    // paths, so the first measurement is not the one that pays for it.
    for (int pass = 0; pass < 2; pass++) {
      results.clear();
      measureAll(api, reader, writer, busy, quiet, middle, results);
    }
    JsonObject unread = api.call(io.vertx.core.http.HttpMethod.GET, "/api/spaces/" + busy + "/channels", null, reader).await()
        .getJsonArray("channels").getJsonObject(0);
    api.close().await();
    JsonObject out = new JsonObject().put("scenario", "f").put("messages", seed.getLong("messages")).put("samples", samples)
        .put("seedSeconds", seed.getValue("seedSeconds")).put("readerUnread", unread.getLong("unread")).put("readerMentions", unread.getLong("mentions"));
    JsonObject r = new JsonObject();
    results.forEach(r::put);
    return out.put("results", r);
  }

  private void measureAll(Api api, String reader, String writer, String busy, String quiet, long middle, Map<String, JsonObject> results)
      throws Exception {
    results.put("quietPage", measure(() -> page(api, reader, quiet, "")));
    results.put("busyPage", measure(() -> page(api, reader, busy, "")));
    results.put("busyOlderPage", measure(() -> page(api, reader, busy, "&before=" + middle)));
    results.put("channelList", measure(() -> {
      JsonArray channels = api.call(io.vertx.core.http.HttpMethod.GET, "/api/spaces/" + busy + "/channels", null, reader).await()
          .getJsonArray("channels");
      if (channels.isEmpty()) throw new IllegalStateException("no channel");
    }));
    results.put("resume100", resume(reader, busy));
    int[] n = {0};
    results.put("sendAck", measure(() -> {
      JsonObject ack = api.post("/api/spaces/" + busy + "/channels/general/messages",
          new JsonObject().put("clientId", "f-" + System.nanoTime() + "-" + n[0]++).put("text", "Mesure d'envoi " + n[0]), writer).await();
      if (ack.getLong("seq") == null) throw new IllegalStateException("ack without seq: " + ack.encode());
    }));
  }

  private static void page(Api api, String token, String space, String query) {
    JsonArray messages = api.call(io.vertx.core.http.HttpMethod.GET, "/api/spaces/" + space + "/channels/general/messages?limit=50" + query,
        null, token).await().getJsonArray("messages");
    if (messages.size() != 50) throw new IllegalStateException("a page of " + messages.size());
  }

  /** Subscribe with {@code since} = head − 100: the time until {@code subscribed}, after the 100 events. */
  private JsonObject resume(String token, String space) throws Exception {
    BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocket ws = vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setHost(target.getHost()).setPort(target.getPort())
        .setURI("/ws").addHeader("Authorization", "Bearer " + token)).await();
    ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
    ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("space", space).put("since", 0).encode());
    long head = next(frames, "subscribed").getLong("head");
    ws.writeTextMessage(new JsonObject().put("type", "unsubscribe").put("space", space).encode());
    next(frames, "unsubscribed");
    JsonObject summary = measure(() -> {
      ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("space", space).put("since", head - 100).encode());
      List<JsonObject> events = new ArrayList<>();
      JsonObject f;
      while (!"subscribed".equals((f = poll(frames)).getString("type"))) if ("event".equals(f.getString("type"))) events.add(f);
      if (events.size() != 100) throw new IllegalStateException("resume gave " + events.size() + " events");
      ws.writeTextMessage(new JsonObject().put("type", "unsubscribe").put("space", space).encode());
      next(frames, "unsubscribed");
    });
    ws.close().await();
    return summary;
  }

  private static JsonObject poll(BlockingQueue<JsonObject> frames) throws InterruptedException {
    JsonObject f = frames.poll(30, TimeUnit.SECONDS);
    if (f == null) throw new IllegalStateException("no frame within 30 s");
    if ("error".equals(f.getString("type"))) throw new IllegalStateException("error frame " + f.encode());
    return f;
  }

  private static JsonObject next(BlockingQueue<JsonObject> frames, String type) throws InterruptedException {
    JsonObject f;
    while (!type.equals((f = poll(frames)).getString("type"))) {
      // presence and other frames
    }
    return f;
  }

  /** Markdown: one row per measurement, each store size's median (and p95) and its ratio to the first file's. */
  static int report(List<String> args) throws Exception {
    List<JsonObject> runs = new ArrayList<>();
    String md = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--md")) md = args.get(++i);
      else runs.add(new JsonObject(Files.readString(Path.of(args.get(i)))));
    }
    StringBuilder b = new StringBuilder("| measurement (median / p95, ms) |");
    for (JsonObject r : runs) b.append(String.format(" %,d messages |", r.getLong("messages")));
    b.append("\n| --- |").append(" --- |".repeat(runs.size())).append("\n");
    JsonObject base = runs.get(0).getJsonObject("results");
    for (String name : base.fieldNames()) {
      b.append("| ").append(name).append(" |");
      double ref = base.getJsonObject(name).getDouble("p50");
      for (JsonObject r : runs) {
        JsonObject m = r.getJsonObject("results").getJsonObject(name);
        double p50 = m.getDouble("p50");
        b.append(String.format(" %.2f / %.2f (×%.2f) |", p50, m.getDouble("p95"), p50 / ref));
      }
      b.append("\n");
    }
    System.out.print(b);
    if (md != null) Files.writeString(Path.of(md), b.toString());
    return 0;
  }

  private static String option(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
  }
}
