package atelier.search;

import atelier.auth.Caller;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.space.Membership;
import atelier.space.MembershipRepository;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Answers searches: reads the caller's memberships from the store (so the answer reflects who they
 * are now), then runs the query, the permission filter and the snippets on the search readers' worker
 * pool — never on an event loop.
 */
public final class SearchService {
  private final MembershipRepository memberships;
  private final WorkerExecutor readers;
  private final Map<String, SearchableKind> kinds;
  private final ConcurrentHashMap<String, IndexedSpace> spaces;
  private volatile SearchIndex index;
  private volatile Snippets snippets;

  SearchService(MembershipRepository memberships, WorkerExecutor readers, List<SearchableKind> kinds,
      ConcurrentHashMap<String, IndexedSpace> spaces) {
    this.memberships = memberships;
    this.readers = readers;
    this.kinds = kinds.stream().collect(Collectors.toMap(SearchableKind::kind, k -> k));
    this.spaces = spaces;
  }

  /** Called once the index is open; until then searches answer {@code unavailable}. */
  void ready(SearchIndex index) {
    this.snippets = new Snippets(index.analyzer());
    this.index = index;
  }

  void closed() {
    this.index = null;
  }

  public Future<List<JsonObject>> search(Caller caller, SearchRequest r) {
    SearchIndex idx = index;
    if (idx == null) return Future.failedFuture(ApiError.of(ErrorCode.UNAVAILABLE, "error.unavailable"));
    Future<Scope> scope = caller.admin()
        ? Future.succeededFuture(new Scope(caller.id(), true, Set.of()))
        : memberships.ofUser(caller.id()).map(ms -> new Scope(caller.id(), false,
            ms.stream().map(Membership::space).collect(Collectors.toSet())));
    return scope.compose(s -> readers.executeBlocking(() -> run(idx, s, r), false));
  }

  private List<JsonObject> run(SearchIndex idx, Scope scope, SearchRequest r) throws Exception {
    UserQuery user = new UserQuery(idx.analyzer(), r.q());
    Query text = user.forSearch();
    if (text == null) return List.of();
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST).add(scope.filter(), BooleanClause.Occur.FILTER);
    if (!r.spaces().isEmpty()) b.add(terms(Fields.SPACE, r.spaces()), BooleanClause.Occur.FILTER);
    if (!r.kinds().isEmpty()) b.add(terms(Fields.KIND, r.kinds()), BooleanClause.Occur.FILTER);
    if (r.author() != null) b.add(new TermQuery(new Term(Fields.AUTHOR, r.author())), BooleanClause.Occur.FILTER);
    if (r.from() != null || r.to() != null) {
      long from = r.from() == null ? Long.MIN_VALUE : r.from().toEpochMilli();
      long to = r.to() == null ? Long.MAX_VALUE : r.to().toEpochMilli() - 1;
      b.add(LongPoint.newRangeQuery(Fields.AT, from, to), BooleanClause.Occur.FILTER);
    }
    Query query = b.build();
    return idx.withSearcher(searcher -> {
      Map<String, Query> highlight = new HashMap<>();
      UserQuery.Typos typos = UserQuery.typosIn(searcher);
      List<JsonObject> out = new ArrayList<>();
      for (SearchIndex.Hit hit : SearchIndex.search(searcher, query, r.limit())) {
        Map<String, String> f = hit.stored();
        String lang = f.getOrDefault(Fields.LANG, Analyzers.FR);
        Query hq = highlight.computeIfAbsent(lang, l -> user.forHighlighting(l, typos));
        out.add(result(f, lang, hq, hit.score()));
      }
      return out;
    });
  }

  private JsonObject result(Map<String, String> f, String lang, Query hq, float score) {
    String kind = f.get(Fields.KIND);
    String space = f.get(Fields.SPACE);
    String id = f.get(Fields.ID);
    IndexedSpace s = spaces.get(space);
    JsonObject o = new JsonObject().put("kind", kind).put("id", id)
        .put("space", new JsonObject().put("id", space).put("name", s == null ? "" : s.name()))
        .put("at", Instant.ofEpochMilli(Long.parseLong(f.get(Fields.AT))).toString())
        .put("score", score);
    String title = f.get(Fields.title(lang));
    if (title != null) {
      Snippet t = snippets.of(title, lang, hq);
      o.put("title", title).put("titleHighlights", t.text().equals(title) ? t.rangesJson() : new JsonArray());
    }
    Snippet snippet = snippets.of(f.get(Fields.text(lang)), lang, hq);
    o.put("snippet", snippet.text()).put("highlights", snippet.rangesJson());
    if (f.get(Fields.AUTHOR) != null) o.put("author", f.get(Fields.AUTHOR));
    Map<String, String> attrs = new HashMap<>();
    f.forEach((k, v) -> {
      if (k.startsWith(Fields.ATTR)) attrs.put(k.substring(Fields.ATTR.length()), v);
    });
    SearchableKind k = kinds.get(kind);
    if (k != null) k.describe(space, id, attrs, o);
    return o;
  }

  private static Query terms(String field, Set<String> values) {
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }
}
