package atelier.space;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Spaces in the {@code spaces} collection. */
public final class SpaceRepository {
  private final MongoCollection<Document> spaces;

  public SpaceRepository(Store store) {
    this.spaces = store.collection("spaces");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(spaces.createIndex(Indexes.ascending("kind", "state"))).mapEmpty();
  }

  public Future<Space> insert(String kind, String name, SpaceState state, String theme, String squad, Mandate mandate, String createdBy) {
    Document d = new Document("_id", new ObjectId().toHexString())
        .append("kind", kind).append("name", name).append("state", state.wire())
        .append("theme", theme).append("squad", squad)
        .append("mandate", mandate == null ? null : mandate.toDocument())
        .append("createdAt", new Date()).append("createdBy", createdBy);
    return Reactive.one(spaces.insertOne(d)).map(r -> Space.from(d));
  }

  public Future<Optional<Space>> byId(String id) {
    return Reactive.first(spaces.find(Filters.eq("_id", id))).map(o -> o.map(Space::from));
  }

  public Future<List<Space>> all() {
    return Reactive.list(spaces.find().sort(Sorts.ascending("kind", "name"))).map(l -> l.stream().map(Space::from).toList());
  }

  /**
   * Sets the given fields (null: unchanged) in one atomic update and answers the space after it;
   * empty for an unknown id.
   */
  public Future<Optional<Space>> update(String id, SpaceChanges changes) {
    List<org.bson.conversions.Bson> sets = new java.util.ArrayList<>();
    if (changes.name() != null) sets.add(Updates.set("name", changes.name()));
    if (changes.theme() != null) sets.add(Updates.set("theme", changes.theme()));
    if (changes.description() != null) sets.add(Updates.set("description", changes.description()));
    if (changes.mandate() != null) sets.add(Updates.set("mandate", changes.mandate().toDocument()));
    if (sets.isEmpty()) return byId(id);
    return Reactive.first(spaces.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(sets),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(Space::from));
  }

  /** A theme was renamed: the spaces that followed it follow the new name. */
  public Future<Void> renameTheme(String from, String to) {
    return Reactive.one(spaces.updateMany(Filters.eq("theme", from), Updates.set("theme", to))).mapEmpty();
  }

  /** Compare-and-set on the state, so two administrators cannot both apply a transition. */
  public Future<Optional<Space>> changeState(String id, SpaceState from, SpaceState to, String reason) {
    return Reactive.first(spaces.findOneAndUpdate(
            Filters.and(Filters.eq("_id", id), Filters.eq("state", from.wire())),
            Updates.combine(Updates.set("state", to.wire()), Updates.set("stateReason", reason), Updates.set("stateChangedAt", new Date())),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(Space::from));
  }
}
