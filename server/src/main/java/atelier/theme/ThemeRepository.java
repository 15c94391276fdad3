package atelier.theme;

import atelier.store.Reactive;
import atelier.store.Store;
import atelier.store.StoreErrors;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Themes in the {@code themes} collection. {@code key} is the folded name (case and accents
 * ignored) under a unique index, so "Efficacité énergétique" and "efficacite energetique" cannot
 * both exist, even when two administrators add them at once.
 */
public final class ThemeRepository {
  private final MongoCollection<Document> themes;

  public ThemeRepository(Store store) {
    this.themes = store.collection("themes");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(themes.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true))).mapEmpty();
  }

  public Future<List<Theme>> all() {
    return Reactive.list(themes.find().sort(Sorts.ascending("key"))).map(l -> l.stream().map(Theme::from).toList());
  }

  public Future<Long> count() {
    return Reactive.one(themes.countDocuments());
  }

  /** Inserts a theme; empty when another has the same folded name. */
  public Future<Optional<Theme>> insert(String name, String key) {
    Document d = new Document("_id", new ObjectId().toHexString()).append("name", name).append("key", key);
    return Reactive.one(themes.insertOne(d)).map(r -> Optional.of(Theme.from(d)))
        .recover(e -> StoreErrors.isDuplicateKey(e) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  public Future<Optional<Theme>> byId(String id) {
    return Reactive.first(themes.find(Filters.eq("_id", id))).map(o -> o.map(Theme::from));
  }

  /** Renames a theme; fails with a duplicate key when another has the new folded name. */
  public Future<Optional<Theme>> rename(String id, String name, String key) {
    return Reactive.first(themes.findOneAndUpdate(Filters.eq("_id", id),
            Updates.combine(Updates.set("name", name), Updates.set("key", key)),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(Theme::from));
  }
}
