package atelier.search;

import atelier.auth.Authenticator;
import atelier.errors.ApiError;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/search}: checks every parameter (all problems at once, as {@code fields}), then asks
 * the service. The contract validates types first; this adds what a schema cannot say (blank text,
 * kinds, dates in order).
 */
public final class SearchRoutes {
  private final SearchService search;

  public SearchRoutes(SearchService search) {
    this.search = search;
  }

  public void mount(Routes routes) {
    routes.get("/api/search", "search", ctx -> search.search(Authenticator.caller(ctx), request(ctx))
        .compose(results -> Http.json(ctx, 200, new JsonObject().put("results", new JsonArray(List.copyOf(results))))));
  }

  static SearchRequest request(RoutingContext ctx) {
    Map<String, String> bad = new LinkedHashMap<>();
    String q = ctx.request().getParam("q");
    if (q == null || q.isBlank()) bad.put("q", "required");
    else if (q.strip().length() > SearchRequest.MAX_QUERY) bad.put("q", "too_long");
    int limit = SearchRequest.DEFAULT_LIMIT;
    String l = ctx.request().getParam("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l.trim());
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) bad.put("limit", "out_of_range");
      } catch (NumberFormatException e) {
        bad.put("limit", "invalid");
      }
    }
    Set<String> kinds = list(ctx, "kind");
    if (!SearchRequest.KINDS.containsAll(kinds)) bad.put("kind", "invalid");
    Set<String> spaces = list(ctx, "space");
    if (!spaces.stream().allMatch(s -> s.matches("[A-Za-z0-9_-]{1,64}"))) bad.put("space", "invalid");
    String author = ctx.request().getParam("author");
    if (author != null && !author.matches("[A-Za-z0-9_-]{1,64}")) bad.put("author", "invalid");
    Instant from = time(ctx, "from", false, bad);
    Instant to = time(ctx, "to", true, bad);
    if (from != null && to != null && !from.isBefore(to)) bad.put("to", "before_from");
    if (!bad.isEmpty()) throw ApiError.badRequest("error.bad_request.fields", bad);
    // A trailing space is kept: it says the last word is finished (no prefix match).
    return new SearchRequest(q.stripLeading(), spaces, kinds, author, from, to, limit);
  }

  /** A parameter given once with commas ({@code kind=message,space}) or repeated. */
  private static Set<String> list(RoutingContext ctx, String name) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : ctx.request().params().getAll(name)) {
      Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }

  /** A date ({@code 2026-03-01}, a whole day: {@code to} includes it) or an ISO-8601 instant. */
  private static Instant time(RoutingContext ctx, String name, boolean end, Map<String, String> bad) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) return null;
    try {
      if (v.length() == 10) {
        LocalDate d = LocalDate.parse(v);
        return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      bad.put(name, "invalid");
      return null;
    }
  }
}
