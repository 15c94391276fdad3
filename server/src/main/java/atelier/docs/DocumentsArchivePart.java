package atelier.docs;

import atelier.bag.ArchivePart;
import atelier.bag.BagIn;
import atelier.bag.BagJson;
import atelier.bag.BagOut;
import atelier.errors.ApiError;
import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;

/**
 * The shared documents of a space in its archive: {@code documents.jsonl} (the records as stored,
 * the trashed ones too), and for each document {@code documents/<id>.md} (its text at the head, for
 * people), {@code documents/<id>.revisions.jsonl} (its whole revision log, in order: every operation
 * with its author, time and clientId) and {@code documents/<id>.snapshots.jsonl} (the kept texts that
 * let any revision open fast). Revisions are read a page at a time along the {@code (doc, rev)}
 * index: a document of any history costs one page of memory. A restore keeps every id and revision.
 */
final class DocumentsArchivePart implements ArchivePart {
  static final int PAGE = 1000;
  private final MongoCollection<Document> documents;
  private final MongoCollection<Document> revisions;
  private final MongoCollection<Document> snapshots;
  private final DocumentHeads heads;

  DocumentsArchivePart(Store store, DocumentHeads heads) {
    this.documents = store.collection("documents");
    this.revisions = store.collection("document_revisions");
    this.snapshots = store.collection("document_snapshots");
    this.heads = heads;
  }

  @Override
  public String name() {
    return "documents";
  }

  @Override
  public Future<Void> export(String space, BagOut out) {
    // the records' last revision and editor are written at most once a second while people type: bring them up to date first
    return heads.recordPending().compose(x -> Reactive.list(documents.find(Filters.eq("space", space)).sort(Sorts.ascending("_id"))))
        .compose(list -> {
      out.count("Documents", list.size());
      Future<Void> chain = out.entry("documents.jsonl", BagJson.lines(list));
      for (Document d : list) {
        String id = d.getString("_id");
        out.people(List.of(d.getString("createdBy"), d.getString("updatedBy")));
        chain = chain
            .compose(v -> heads.head(id))
            .compose(head -> out.entry("documents/" + id + ".md", Buffer.buffer(head.text())))
            .compose(v -> stream(out, "documents/" + id + ".revisions.jsonl", revisions, id, page -> {
              out.count("Document revisions", page.size());
              out.people(page.stream().map(r -> r.getString("author")).toList());
            }))
            .compose(v -> stream(out, "documents/" + id + ".snapshots.jsonl", snapshots, id, page -> {}));
      }
      return chain;
    });
  }

  /** One JSON-lines entry of a document's rows of {@code rows}, in rev order, a page at a time. */
  private Future<Void> stream(BagOut out, String path, MongoCollection<Document> rows, String doc, java.util.function.Consumer<List<Document>> seen) {
    return out.begin(path).compose(v -> pages(rows, doc, -1, page -> {
      seen.accept(page);
      return out.append(BagJson.lines(page));
    })).compose(v -> out.end());
  }

  private Future<Void> pages(MongoCollection<Document> rows, String doc, long after, Function<List<Document>, Future<Void>> each) {
    return Reactive.list(rows.find(Filters.and(Filters.eq("doc", doc), Filters.gt("rev", after))).sort(Sorts.ascending("rev")).limit(PAGE))
        .compose(page -> {
          if (page.isEmpty()) return Future.succeededFuture();
          long last = ((Number) page.get(page.size() - 1).get("rev")).longValue();
          return each.apply(page).compose(v -> page.size() < PAGE ? Future.succeededFuture() : pages(rows, doc, last, each));
        });
  }

  @Override
  public Future<Void> check(String space, BagIn in) {
    if (!in.has("documents.jsonl")) return Future.succeededFuture();
    return in.read("documents.jsonl").map(b -> {
      for (Document d : parse(b)) {
        if (!space.equals(d.getString("space")) || d.getString("_id") == null) throw ApiError.badField("archive", "document_of_another_space");
        String id = d.getString("_id");
        if (!in.has("documents/" + id + ".revisions.jsonl") || !in.has("documents/" + id + ".snapshots.jsonl")) {
          throw ApiError.badField("archive", "document_history_missing");
        }
      }
      return null;
    });
  }

  private static List<Document> parse(Buffer b) {
    List<Document> out = new ArrayList<>();
    for (String line : b.toString().split("\n")) if (!line.isBlank()) out.add(BagJson.parse(line));
    return out;
  }

  @Override
  public Future<Void> restore(String space, BagIn in) {
    if (!in.has("documents.jsonl")) return Future.succeededFuture();
    return in.read("documents.jsonl").compose(b -> {
      List<Document> list = parse(b);
      Future<Void> chain = insert(documents, list);
      for (Document d : list) {
        String id = d.getString("_id");
        chain = chain
            .compose(v -> in.lines("documents/" + id + ".revisions.jsonl", PAGE, lines -> insert(revisions, ofDocument(lines, id))))
            .compose(v -> in.lines("documents/" + id + ".snapshots.jsonl", PAGE, lines -> insert(snapshots, ofDocument(lines, id))));
      }
      return chain;
    });
  }

  private static List<Document> ofDocument(List<String> lines, String doc) {
    List<Document> rows = lines.stream().map(BagJson::parse).toList();
    for (Document r : rows) if (!doc.equals(r.getString("doc"))) throw ApiError.badField("archive", "revision_of_another_document");
    return rows;
  }

  private static Future<Void> insert(MongoCollection<Document> into, List<Document> rows) {
    if (rows.isEmpty()) return Future.succeededFuture();
    return Reactive.one(into.insertMany(rows, new InsertManyOptions().ordered(true))).mapEmpty();
  }

  @Override
  public Future<Void> purge(String space) {
    return Reactive.list(documents.find(Filters.eq("space", space))).compose(list -> {
      List<String> ids = list.stream().map(d -> d.getString("_id")).toList();
      if (ids.isEmpty()) return Future.succeededFuture();
      return Reactive.one(revisions.deleteMany(Filters.in("doc", ids)))
          .compose(r -> Reactive.one(snapshots.deleteMany(Filters.in("doc", ids))))
          .compose(r -> Reactive.one(documents.deleteMany(Filters.eq("space", space))))
          .mapEmpty();
    });
  }
}
