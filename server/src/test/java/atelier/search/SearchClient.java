package atelier.search;

import atelier.support.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Searches through the real HTTP API and waits (with a deadline) for the index to reflect a change. */
final class SearchClient {
  static final long DEADLINE_MS = 20_000;
  private final Api api;

  SearchClient(Api api) {
    this.api = api;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  Api.Reply raw(String query, String token) {
    return api.get("/api/search?" + query, token);
  }

  /** The results of {@code q} (plus extra parameters, already encoded), failing the test on any non-200. */
  List<JsonObject> search(String token, String q, String extra) {
    Api.Reply r = raw("q=" + enc(q) + (extra.isEmpty() ? "" : "&" + extra), token);
    if (r.status() != 200) throw new AssertionError("search " + q + " → " + r);
    JsonArray a = r.json().getJsonArray("results");
    List<JsonObject> out = new ArrayList<>();
    a.forEach(o -> out.add((JsonObject) o));
    return out;
  }

  List<JsonObject> search(String token, String q) {
    return search(token, q, "");
  }

  static List<String> ids(List<JsonObject> results) {
    return results.stream().map(o -> o.getString("id")).toList();
  }

  /** Searches until the results satisfy {@code ok}; returns them, or fails after the deadline. */
  List<JsonObject> until(String token, String q, String extra, Predicate<List<JsonObject>> ok) {
    long end = System.currentTimeMillis() + DEADLINE_MS;
    List<JsonObject> last = List.of();
    while (System.currentTimeMillis() < end) {
      last = search(token, q, extra);
      if (ok.test(last)) return last;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("search '" + q + "' never matched; last results: " + last);
  }

  List<JsonObject> until(String token, String q, Predicate<List<JsonObject>> ok) {
    return until(token, q, "", ok);
  }
}
