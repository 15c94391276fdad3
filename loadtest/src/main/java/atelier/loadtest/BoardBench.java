package atelier.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Task-board benchmark (docs/performance.md, "Task boards"): against a running node, a board of
 * {@code cards} cards and {@code people} people, each with a WebSocket subscribed to the space,
 * moving cards at once over REST. Measures the time from sending a move to its {@code card.moved}
 * event arriving on every person's socket (the mover's included, as a second tab would see it), and the time to load the board by REST; the
 * references of the same invocation are a chat message's send-to-event time under the same
 * people and sockets, and loading an empty board.
 *
 * <pre>java -cp loadtest/target/atelier-loadtest.jar atelier.loadtest.BoardBench URL ADMIN_EMAIL ADMIN_PASSWORD [people] [cards] [moves]</pre>
 */
public final class BoardBench {
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  /** "card:version" or "msg:clientId" → when it was sent (nanoTime). */
  private final Map<String, Long> sent = new ConcurrentHashMap<>();
  private final List<Long> moveLatencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> messageLatencies = Collections.synchronizedList(new ArrayList<>());

  private BoardBench(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int people = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int cards = args.length > 4 ? Integer.parseInt(args[4]) : 500;
    int moves = args.length > 5 ? Integer.parseInt(args[5]) : 25;
    new BoardBench(url).run(args[1], args[2], people, cards, moves);
    System.exit(0);
  }

  private JsonObject call(String method, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").method(method,
            body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) b.header("Authorization", "Bearer " + token);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
    return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
  }

  private String login(String email, String password) throws Exception {
    return call("POST", "/api/auth/login", null, new JsonObject().put("email", email).put("password", password)).getString("token");
  }

  private void run(String adminEmail, String adminPassword, int people, int cards, int moves) throws Exception {
    String admin = login(adminEmail, adminPassword);
    long tag = System.currentTimeMillis();
    String org = call("POST", "/api/organisations", admin, new JsonObject().put("name", "Banc tableaux " + tag)).getString("id");
    String space = call("POST", "/api/spaces", admin, new JsonObject().put("kind", "squad").put("name", "Banc tableaux " + tag)
        .put("theme", "Banc")).getString("id");
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      String email = "banc" + i + "." + tag + "@bench.example.org";
      String id = call("POST", "/api/users", admin, new JsonObject().put("email", email).put("name", "Personne " + i)
          .put("password", "bench-password-1").put("organisation", org)).getString("id");
      call("POST", "/api/spaces/" + space + "/members", admin, new JsonObject().put("user", id).put("role", "member"));
      tokens.add(login(email, "bench-password-1"));
    }
    String boards = "/api/spaces/" + space + "/boards";
    JsonObject empty = call("POST", boards, tokens.get(0), new JsonObject().put("name", "Vide"));
    JsonObject board = call("POST", boards, tokens.get(0), new JsonObject().put("name", "Grand tableau"));
    List<String> columns = board.getJsonArray("columns").stream().map(c -> ((JsonObject) c).getString("id")).toList();
    String cardsPath = boards + "/" + board.getString("id") + "/cards";
    ExecutorService pool = Executors.newFixedThreadPool(people);
    List<CompletableFuture<String>> made = new ArrayList<>();
    for (int i = 0; i < cards; i++) {
      int n = i;
      made.add(CompletableFuture.supplyAsync(() -> {
        try {
          return call("POST", cardsPath, tokens.get(n % people), new JsonObject().put("column", columns.get(n % columns.size()))
              .put("title", "Carte " + n).put("labels", new JsonArray().add("banc"))).getString("id");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, pool));
    }
    List<String> cardIds = made.stream().map(CompletableFuture::join).toList();

    // Board load: the 500-card board against the empty one, alternately, after a warm-up.
    List<Long> loadFull = new ArrayList<>();
    List<Long> loadEmpty = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long t0 = System.nanoTime();
      JsonObject full = call("GET", boards + "/" + board.getString("id"), tokens.get(1), null);
      long t1 = System.nanoTime();
      call("GET", boards + "/" + empty.getString("id"), tokens.get(1), null);
      long t2 = System.nanoTime();
      if (full.getJsonArray("cards").size() != cards) throw new IllegalStateException("board has " + full.getJsonArray("cards").size());
      if (i >= 10) {
        loadFull.add(t1 - t0);
        loadEmpty.add(t2 - t1);
      }
    }

    // Sockets: every person subscribed to the space.
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < people; i++) sockets.add(socket(tokens.get(i), space));

    // Reference: chat messages sent by REST by everyone at once, seen on the others' sockets.
    String messages = "/api/spaces/" + space + "/channels/general/messages";
    burst(pool, people, moves, (p, m, r) -> {
      String clientId = "b" + p + "-" + m + "-" + tag;
      sent.put("msg:" + clientId, System.nanoTime());
      call("POST", messages, tokens.get(p), new JsonObject().put("clientId", clientId).put("text", "Mesure " + m));
    });
    awaitSamples(messageLatencies, people * moves * people);

    // Board moves by everyone at once: a random card to the top of a random column, or after a random card.
    AtomicInteger refused = new AtomicInteger();
    burst(pool, people, moves, (p, m, r) -> {
      String card = cardIds.get(r.nextInt(cardIds.size()));
      JsonObject where = new JsonObject().put("column", columns.get(r.nextInt(columns.size())));
      sent.put("card:" + card, System.nanoTime());
      try {
        call("POST", cardsPath + "/" + card + "/move", tokens.get(p), where);
      } catch (IllegalStateException e) {
        refused.incrementAndGet();
      }
    });
    awaitSamples(moveLatencies, (people * moves - refused.get()) * people);
    pool.shutdownNow();

    System.out.printf("| measure | Atelier board | reference | ratio |%n|---|---|---|---|%n");
    row("board load, p50 (ms)", p(loadFull, 50), p(loadEmpty, 50), "empty board");
    row("board load, p99 (ms)", p(loadFull, 99), p(loadEmpty, 99), "empty board");
    row("event-to-visible p50 (ms)", p(moveLatencies, 50), p(messageLatencies, 50), "chat message");
    row("event-to-visible p99 (ms)", p(moveLatencies, 99), p(messageLatencies, 99), "chat message");
    System.out.printf("%n%d people, %d cards, %d moves each (%d refused), %d move samples, %d message samples%n", people, cards,
        moves, refused.get(), moveLatencies.size(), messageLatencies.size());
  }

  private static void row(String what, double a, double ref, String refName) {
    System.out.printf("| %s | %.1f | %.1f (%s) | %.2f |%n", what, a, ref, refName, a / ref);
  }

  private static double p(List<Long> nanos, int pct) {
    List<Long> s = new ArrayList<>(nanos);
    Collections.sort(s);
    if (s.isEmpty()) return Double.NaN;
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(pct / 100.0 * s.size()) - 1)) / 1e6;
  }

  private interface Step {
    void run(int person, int n, Random r) throws Exception;
  }

  private static void burst(ExecutorService pool, int people, int n, Step step) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int p = 0; p < people; p++) {
      int person = p;
      all.add(CompletableFuture.runAsync(() -> {
        Random r = new Random(person);
        try {
          go.await();
          for (int m = 0; m < n; m++) step.run(person, m, r);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, pool));
    }
    go.countDown();
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
  }

  private static void awaitSamples(List<Long> samples, int expected) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (samples.size() < expected && System.nanoTime() < end) Thread.sleep(50);
    if (samples.size() < expected) System.err.printf("only %d of %d samples arrived%n", samples.size(), expected);
  }

  private WebSocket socket(String token, String space) throws Exception {
    CountDownLatch subscribed = new CountDownLatch(1);
    WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .buildAsync(URI.create(base.replace("http", "ws") + "/ws"), new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              long now = System.nanoTime();
              JsonObject f = new JsonObject(text.toString());
              text.setLength(0);
              if ("subscribed".equals(f.getString("type"))) subscribed.countDown();
              if ("event".equals(f.getString("type"))) arrived(f, now);
            }
            w.request(1);
            return null;
          }
        }).get(30, TimeUnit.SECONDS);
    ws.sendText(new JsonObject().put("type", "subscribe").put("space", space).encode(), true);
    subscribed.await(30, TimeUnit.SECONDS);
    return ws;
  }

  private void arrived(JsonObject f, long now) {
    JsonObject data = f.getJsonObject("data");
    if ("card.moved".equals(f.getString("kind"))) {
      JsonObject c = data.getJsonObject("card");
      Long t0 = sent.get("card:" + c.getString("id"));
      if (t0 != null) moveLatencies.add(now - t0);
    } else if ("message.created".equals(f.getString("kind"))) {
      JsonObject m = data.containsKey("message") ? data.getJsonObject("message") : data;
      Long t0 = sent.get("msg:" + m.getString("clientId"));
      if (t0 != null) messageLatencies.add(now - t0);
    }
  }
}
