package atelier.search;

import atelier.support.TempDirs;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * The search benchmarks of docs/performance.md (not a test: run by hand, see there).
 *
 * <ul>
 *   <li>{@code index N1,N2,…}: builds this node's Lucene index with N synthetic French messages (the
 *       same {@link SearchIndex} and documents the feed writes) spread over 200 spaces, then measures
 *       queries as {@link SearchService} runs them — a member of 5 spaces, the permission filter,
 *       top 20, snippets — for a mix of whole words, words being typed, phrases and typos.
 *   <li>{@code lag URL EMAIL PASSWORD SECONDS}: against a running node, sends a message with a unique
 *       word every 500 ms in a squad of its own and polls {@code /api/search} until it is found: the
 *       time from the acknowledgement to being findable, while whatever load runs on the node.
 * </ul>
 */
public final class SearchBench {
  private static final String[] WORDS = ("séchoir bois énergie humidité granulés peuplier bouleau érable mélèze chaudière "
      + "biomasse rendement thermique capteur température pression réunion comité rapport mandat livrable essai "
      + "prototype fromagerie pasteurisation laiterie serre irrigation drone capteurs données modèle numérique "
      + "plateforme atelier centre recherche transfert entreprise subvention calendrier chantier scierie panneau "
      + "isolation chauffage solaire éolien batterie stockage réseau électrique hydrogène compost fumier sol culture "
      + "récolte semis pomme érablière sirop évaporateur osmose membrane filtration usine procédé qualité contrôle")
      .split(" ");
  private static final String[] GLUE = "le la les un une des de du à au pour avec sur dans et ou mais l' d' qu'".split(" ");

  private SearchBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("index")) {
      List<Integer> sizes = new ArrayList<>();
      for (String s : args[1].split(",")) sizes.add(Integer.parseInt(s.trim()));
      index(sizes);
    } else if (args.length == 5 && args[0].equals("lag")) {
      lag(args[1], args[2], args[3], Integer.parseInt(args[4]));
    } else {
      System.err.println("usage: index N1,N2,… | lag URL EMAIL PASSWORD SECONDS");
      System.exit(2);
    }
  }

  static String sentence(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int n = 8 + rnd.nextInt(18);
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(' ');
      if (rnd.nextInt(3) == 0) {
        String g = GLUE[rnd.nextInt(GLUE.length)];
        sb.append(g);
        if (g.endsWith("'")) {
          sb.append(WORDS[rnd.nextInt(WORDS.length)]);
          continue;
        }
        sb.append(' ');
      }
      String w = WORDS[rnd.nextInt(WORDS.length)];
      sb.append(rnd.nextInt(4) == 0 ? w + "s" : w);
    }
    // a rarer word per message, so that some queries are selective
    sb.append(" n°").append(rnd.nextInt(100_000)).append(' ').append("lot").append(rnd.nextInt(5_000));
    return sb.toString();
  }

  private static void index(List<Integer> sizes) throws Exception {
    Random rnd = new Random(42);
    Path dir = TempDirs.create("atelier-search-bench");
    List<String> queries = List.of("séchoirs", "humidite bois", "chaudière biomasse rendement", "\"séchoir à bois\"", "pasteu",
        "granulés peupl", "hydrogene stockage", "evaporateur", "temprature", "lot1234", "comité mandat livrables", "sirop d'érable");
    Set<String> member = new HashSet<>(List.of("space3", "space17", "space42", "space99", "space150"));
    Map<Integer, long[]> report = new HashMap<>();
    int done = 0;
    try (SearchIndex index = SearchIndex.open(dir, true)) {
      Snippets snippets = new Snippets(index.analyzer());
      for (int size : sizes) {
        long t0 = System.nanoTime();
        List<IndexChange> batch = new ArrayList<>();
        while (done < size) {
          String id = "m" + done;
          String space = "space" + rnd.nextInt(200);
          batch.add(new IndexChange.Put(new SearchDoc("message", id, space, "fr", null, sentence(rnd), "u" + rnd.nextInt(1000),
              Instant.ofEpochMilli(1_700_000_000_000L + done * 1000L), Map.of("channel", "general"))));
          done++;
          if (batch.size() == 5_000) {
            index.apply(batch, Map.of());
            batch.clear();
          }
        }
        index.apply(batch, Map.of());
        index.commit();
        index.refresh();
        long indexMs = (System.nanoTime() - t0) / 1_000_000;
        Scope scope = new Scope("u1", false, member);
        // warm-up, then the measured rounds
        for (int round = 0; round < 3; round++) for (String q : queries) run(index, snippets, scope, q);
        List<Long> times = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> perQuery = new java.util.TreeMap<>();
        long[] phases = new long[2];
        for (int round = 0; round < 30; round++) {
          for (String q : queries) {
            long s = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            long[] p = run(index, snippets, scope, q);
            long t = System.nanoTime() - s;
            cpu.add(threads.getCurrentThreadCpuTime() - c);
            times.add(t);
            perQuery.merge(q, t, Long::sum);
            phases[0] += p[0];
            phases[1] += p[1];
          }
        }
        System.out.printf("  time in the query %.0f %%, in the snippets %.0f %%; mean per query: %s%n",
            100.0 * phases[0] / (phases[0] + phases[1]), 100.0 * phases[1] / (phases[0] + phases[1]),
            perQuery.entrySet().stream().map(e -> e.getKey() + " " + String.format("%.1f", e.getValue() / 30 / 1e6) + " ms").toList());
        times.sort(Long::compare);
        cpu.sort(Long::compare);
        long p50 = times.get(times.size() / 2) / 1000;
        long p95 = times.get((int) (times.size() * 0.95)) / 1000;
        long max = times.get(times.size() - 1) / 1000;
        long cpu50 = cpu.get(cpu.size() / 2) / 1000;
        long cpu95 = cpu.get((int) (cpu.size() * 0.95)) / 1000;
        report.put(size, new long[] {p50, p95, max, indexMs, cpu50, cpu95});
        System.out.printf("%,d messages: indexed (this step) in %,d ms; query wall p50 %.2f ms, p95 %.2f ms, max %.2f ms;"
            + " CPU p50 %.2f ms, p95 %.2f ms (%d queries; load average %.1f)%n",
            size, indexMs, p50 / 1000.0, p95 / 1000.0, max / 1000.0, cpu50 / 1000.0, cpu95 / 1000.0, times.size(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
    }
    long[] first = report.get(sizes.get(0));
    for (int size : sizes) {
      long[] r = report.get(size);
      System.out.printf("%,d messages: wall p95 %.2f×, CPU p95 %.2f× the first size's%n", size, (double) r[1] / first[1],
          (double) r[5] / first[5]);
    }
  }

  /** One search as the service runs it; answers the nanoseconds spent finding and making snippets. */
  private static long[] run(SearchIndex index, Snippets snippets, Scope scope, String q) throws Exception {
    return index.withSearcher(searcher -> {
      long t0 = System.nanoTime();
      UserQuery user = new UserQuery(index.analyzer(), q);
      Query text = user.forSearch();
      Query all = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST).add(scope.filter(), BooleanClause.Occur.FILTER).build();
      List<SearchIndex.Hit> hits = SearchIndex.search(searcher, all, 20);
      long t1 = System.nanoTime();
      Query hl = user.forHighlighting("fr", UserQuery.typosIn(searcher));
      for (SearchIndex.Hit h : hits) snippets.of(h.stored().get(Fields.text("fr")), "fr", hl);
      return new long[] {t1 - t0, System.nanoTime() - t1};
    });
  }

  private static void lag(String url, String email, String password, int seconds) throws Exception {
    Vertx vertx = Vertx.vertx();
    java.net.URI u = java.net.URI.create(url);
    WebClient c = WebClient.create(vertx, new WebClientOptions().setDefaultHost(u.getHost()).setDefaultPort(u.getPort()));
    String token = c.post("/api/auth/login").sendJsonObject(new JsonObject().put("email", email).put("password", password)).await()
        .bodyAsJsonObject().getString("token");
    String me = c.get("/api/me").bearerTokenAuthentication(token).send().await().bodyAsJsonObject().getString("id");
    String space = c.post("/api/spaces").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("kind", "squad").put("name", "Sonde " + UUID.randomUUID()).put("theme", "mesure")).await()
        .bodyAsJsonObject().getString("id");
    c.post("/api/spaces/" + space + "/members").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("user", me).put("role", "coordinator")).await();
    List<Long> lags = new ArrayList<>();
    long end = System.currentTimeMillis() + seconds * 1000L;
    int n = 0;
    while (System.currentTimeMillis() < end) {
      String word = "sonde" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
      int status = c.post("/api/spaces/" + space + "/channels/general/messages").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("clientId", UUID.randomUUID().toString()).put("text", "Mesure " + word)).await().statusCode();
      long acked = System.nanoTime();
      if (status != 201) {
        System.out.println("send answered " + status);
        Thread.sleep(500);
        continue;
      }
      while (true) {
        var r = c.get("/api/search?q=" + URLEncoder.encode(word + " ", StandardCharsets.UTF_8) + "&space=" + space)
            .bearerTokenAuthentication(token).send().await();
        if (r.statusCode() == 200 && !r.bodyAsJsonObject().getJsonArray("results").isEmpty()) break;
        if (System.nanoTime() - acked > 60_000_000_000L) throw new IllegalStateException("not indexed after 60 s: " + word);
        Thread.sleep(20);
      }
      lags.add((System.nanoTime() - acked) / 1_000_000);
      n++;
      long wait = 500 - (System.nanoTime() - acked) / 1_000_000;
      if (wait > 0) Thread.sleep(wait);
    }
    lags.sort(Long::compare);
    System.out.printf("indexing lag over %d probes: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", n, lags.get(n / 2),
        lags.get((int) (n * 0.95)), lags.get(Math.min(n - 1, (int) (n * 0.99))), lags.get(n - 1));
    vertx.close().await();
  }
}
