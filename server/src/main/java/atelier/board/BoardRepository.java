package atelier.board;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** The {@code boards} collection: one document per board, columns and swimlanes inside it. */
final class BoardRepository {
  private final MongoCollection<Document> boards;

  BoardRepository(Store store) {
    this.boards = store.collection("boards");
  }

  Future<Void> createIndexes() {
    return Reactive.one(boards.createIndex(Indexes.ascending("space", "createdAt"))).mapEmpty();
  }

  Future<Void> insert(Board b) {
    return Reactive.one(boards.insertOne(b.toDocument())).mapEmpty();
  }

  Future<Optional<Board>> find(String space, String id) {
    return Reactive.first(boards.find(Filters.and(Filters.eq("_id", id), Filters.eq("space", space)))).map(o -> o.map(Board::from));
  }

  Future<List<Board>> ofSpace(String space) {
    return Reactive.list(boards.find(Filters.eq("space", space)).sort(Sorts.ascending("createdAt")))
        .map(l -> l.stream().map(Board::from).toList());
  }

  Future<List<Board>> byIds(List<String> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(List.of());
    return Reactive.list(boards.find(Filters.in("_id", ids))).map(l -> l.stream().map(Board::from).toList());
  }

  /** Writes {@code changed} only if the stored board is still at {@code changed.version() - 1}. */
  Future<Boolean> replaceIfVersion(Board changed) {
    return Reactive.one(boards.replaceOne(Filters.and(Filters.eq("_id", changed.id()), Filters.eq("version", changed.version() - 1)),
        changed.toDocument())).map(r -> r.getModifiedCount() == 1);
  }

  // ---- archives (atelier.bag): boards as stored ----

  Future<List<Document>> raw(String space) {
    return Reactive.list(boards.find(Filters.eq("space", space)).sort(Sorts.ascending("createdAt", "_id")));
  }

  Future<Void> insertRaw(List<Document> docs) {
    return docs.isEmpty() ? Future.succeededFuture() : Reactive.one(boards.insertMany(docs)).mapEmpty();
  }

  Future<Void> removeOfSpace(String space) {
    return Reactive.one(boards.deleteMany(Filters.eq("space", space))).mapEmpty();
  }
}
