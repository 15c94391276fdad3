package atelier.org;

import atelier.auth.OrganisationDirectory;
import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Organisations; names are unique regardless of case and accents ({@code nameKey}). */
public final class OrganisationRepository implements OrganisationDirectory {
  private final MongoCollection<Document> orgs;

  public OrganisationRepository(Store store) {
    this.orgs = store.collection("organisations");
  }

  public Future<Void> createIndexes() {
    return Reactive.one(orgs.createIndex(Indexes.ascending("nameKey"), new IndexOptions().unique(true))).mapEmpty();
  }

  public Future<Organisation> insert(String name) {
    String id = new ObjectId().toHexString();
    Document d = new Document("_id", id).append("name", name).append("nameKey", key(name));
    return Reactive.one(orgs.insertOne(d)).map(r -> new Organisation(id, name));
  }

  public Future<List<Organisation>> all() {
    return Reactive.list(orgs.find().sort(Sorts.ascending("nameKey"))).map(l -> l.stream().map(OrganisationRepository::from).toList());
  }

  @Override
  public Future<Optional<JsonObject>> organisationJson(String id) {
    return id == null ? Future.succeededFuture(Optional.empty()) : byId(id).map(o -> o.map(Organisation::toJson));
  }

  @Override
  public Future<Map<String, JsonObject>> organisationsJsonById() {
    return allById().map(all -> {
      Map<String, JsonObject> out = new java.util.HashMap<>();
      all.forEach((id, o) -> out.put(id, o.toJson()));
      return out;
    });
  }

  public Future<Map<String, Organisation>> allById() {
    return all().map(l -> l.stream().collect(Collectors.toMap(Organisation::id, Function.identity())));
  }

  public Future<Optional<Organisation>> byId(String id) {
    if (id == null) return Future.succeededFuture(Optional.empty());
    return Reactive.first(orgs.find(Filters.eq("_id", id))).map(o -> o.map(OrganisationRepository::from));
  }

  private static Organisation from(Document d) {
    return new Organisation(d.getString("_id"), d.getString("name"));
  }

  static String key(String name) {
    String n = Normalizer.normalize(name.trim(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return n.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
