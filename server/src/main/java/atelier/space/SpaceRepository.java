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

  public Future<Space> insert(String kind, String name, SpaceState state, String theme, String squad, Mandate mandate, String createdBy,
      String language) {
    Document d = new Document("_id", new ObjectId().toHexString())
        .append("kind", kind).append("name", name).append("state", state.wire())
        .append("theme", theme).append("squad", squad)
        .append("mandate", mandate == null ? null : mandate.toDocument())
        .append("createdAt", new Date()).append("createdBy", createdBy).append("language", language);
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
    if (changes.language() != null) sets.add(Updates.set("language", changes.language()));
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
    return transition(id, new StateChange(from, to, reason, java.time.Instant.now(), null, null, null, null));
  }

  /**
   * Applies a lifecycle transition in one atomic update, only if the space is still in {@code from}
   * (and its mandate still ends on {@code expectedEnd} when given): of two nodes or two people racing,
   * one gets the space back, the other empty.
   */
  Future<Optional<Space>> transition(String id, StateChange c) {
    List<org.bson.conversions.Bson> filter = new java.util.ArrayList<>(List.of(Filters.eq("_id", id), Filters.eq("state", c.from().wire())));
    if (c.expectedEnd() != null) filter.add(Filters.eq("mandate.end", c.expectedEnd().toString()));
    if (c.expectedStart() != null) {
      filter.add(Filters.eq("mandate.start", c.expectedStart().toString()));
      filter.add(Filters.exists("approval"));
    }
    List<org.bson.conversions.Bson> sets = new java.util.ArrayList<>(List.of(Updates.set("state", c.to().wire()),
        Updates.set("stateReason", c.reason()), Updates.set("stateChangedAt", Date.from(c.at()))));
    if (c.closing() != null) sets.add(Updates.set("closing", c.closing().toDocument()));
    if (c.to() == SpaceState.DECLINED) sets.add(Updates.unset("approval"));
    if (c.newMandate() != null) {
      sets.add(Updates.set("mandate", c.newMandate().toDocument()));
      sets.add(Updates.unset("closing"));
      if (c.retired() != null) sets.add(Updates.push("mandates", c.retired().toDocument()));
    }
    return Reactive.first(spaces.findOneAndUpdate(Filters.and(filter), Updates.combine(sets),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(Space::from));
  }

  /**
   * Approves a proposed group that is not approved yet (it waits for its start date): empty when it
   * is no longer proposed or someone approved it first.
   */
  Future<Optional<Space>> approve(String id, Approval approval) {
    return Reactive.first(spaces.findOneAndUpdate(
            Filters.and(Filters.eq("_id", id), Filters.eq("state", SpaceState.PROPOSED.wire()), Filters.exists("approval", false)),
            Updates.set("approval", approval.toDocument()), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(Space::from));
  }

  /**
   * Replaces the closing summary of a dormant space (written after it fell dormant, or edited): empty
   * when the space is no longer dormant, or was purged.
   */
  Future<Optional<Space>> replaceClosing(String id, Closing closing) {
    return Reactive.first(spaces.findOneAndUpdate(
            Filters.and(Filters.eq("_id", id), Filters.eq("state", SpaceState.DORMANT.wire()), Filters.exists("purgedAt", false)),
            Updates.set("closing", closing.toDocument()), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(Space::from));
  }

  /** The approved tactical groups waiting for their start date: what the scheduler starts. */
  public Future<List<Space>> awaitingStart() {
    return Reactive.list(spaces.find(Filters.and(Filters.eq("kind", Space.TACTICAL), Filters.eq("state", SpaceState.PROPOSED.wire()),
            Filters.exists("approval"))))
        .map(l -> l.stream().map(Space::from).toList());
  }

  /** The tactical groups that are active now: what the lifecycle scheduler looks at. */
  public Future<List<Space>> activeTactical() {
    return Reactive.list(spaces.find(Filters.and(Filters.eq("kind", Space.TACTICAL), Filters.eq("state", SpaceState.ACTIVE.wire()))))
        .map(l -> l.stream().map(Space::from).toList());
  }

  /** Records the archive just sent of a space (its bag's SHA-256). */
  public Future<Void> recordArchive(String id, ArchiveRecord archive) {
    return Reactive.one(spaces.updateOne(Filters.eq("_id", id), Updates.set("archive", archive.toDocument()))).mapEmpty();
  }

  /**
   * Marks a dormant space purged (a tombstone), only if it is still dormant and its recorded archive
   * is the one the caller checked: empty otherwise.
   */
  public Future<Optional<Space>> markPurged(String id, String archiveSha256, java.time.Instant at) {
    return Reactive.first(spaces.findOneAndUpdate(
            Filters.and(Filters.eq("_id", id), Filters.eq("state", SpaceState.DORMANT.wire()),
                Filters.eq("archive.sha256", archiveSha256), Filters.exists("purgedAt", false)),
            Updates.set("purgedAt", Date.from(at)), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(o -> o.map(Space::from));
  }

  /** Inserts a space as a bag holds it (restore): its own id and fields, dormant. */
  public Future<Void> insertRaw(Document d) {
    return Reactive.one(spaces.insertOne(d)).mapEmpty();
  }

  /** The stored document as it is (for the archive). */
  public Future<Optional<Document>> raw(String id) {
    return Reactive.first(spaces.find(Filters.eq("_id", id)));
  }
}
