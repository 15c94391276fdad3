package atelier.search;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Reads spaces for the index. It reads the stored documents rather than {@code space.Space} because
 * the index also wants fields the record does not carry (yet): the space's language and its closing
 * summary. Read only.
 */
final class SpaceDirectory {
  private final MongoCollection<Document> spaces;

  SpaceDirectory(Store store) {
    this.spaces = store.collection("spaces");
  }

  Future<Optional<IndexedSpace>> byId(String id) {
    return Reactive.first(spaces.find(Filters.eq("_id", id))).map(o -> o.map(IndexedSpace::from));
  }

  Future<List<IndexedSpace>> all() {
    return Reactive.list(spaces.find()).map(l -> l.stream().map(IndexedSpace::from).toList());
  }
}
