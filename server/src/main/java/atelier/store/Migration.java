package atelier.store;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Copies a database — every collection, its documents and its indexes — from one store to another
 * ({@code java -jar atelier.jar migrate --to URI}): from the embedded store to a MongoDB deployment
 * when the network outgrows one machine. Blocking (a command-line tool, no event loop). It refuses a
 * target that already holds documents, so a second run cannot mix two copies, and it checks that
 * every collection has as many documents on both sides before it says how to switch.
 */
public final class Migration {
  static final int PAGE = 1000;
  private final Store source;
  private final Store target;
  private final PrintStream out;

  public record Copied(String collection, long documents, int indexes) {}

  public Migration(Store source, Store target, PrintStream out) {
    this.source = source;
    this.target = target;
    this.out = out;
  }

  /** Copies everything; throws {@link IllegalStateException} with a message for the operator when it cannot. */
  public List<Copied> run() {
    List<String> names = Reactive.list(source.database().listCollectionNames()).await().stream()
        .filter(n -> !n.startsWith("system.")).sorted().toList();
    for (String name : names) {
      long there = Reactive.one(target.collection(name).countDocuments()).await();
      if (there > 0) throw new IllegalStateException("the target already holds " + there + " documents in '" + name + "': migrate into an empty database");
    }
    List<Copied> done = new ArrayList<>();
    for (String name : names) done.add(copy(name));
    for (Copied c : done) {
      long copied = Reactive.one(target.collection(c.collection()).countDocuments()).await();
      if (copied != c.documents()) {
        throw new IllegalStateException("'" + c.collection() + "': " + c.documents() + " documents in the source, " + copied + " in the target");
      }
    }
    return done;
  }

  private Copied copy(String name) {
    MongoCollection<Document> from = source.collection(name);
    MongoCollection<Document> to = target.collection(name);
    int indexes = 0;
    for (Document index : Reactive.list(from.listIndexes()).await()) {
      Document key = index.get("key", Document.class);
      if (key.keySet().equals(java.util.Set.of("_id"))) continue;
      IndexOptions options = new IndexOptions().name(index.getString("name"))
          .unique(Boolean.TRUE.equals(index.get("unique"))).sparse(Boolean.TRUE.equals(index.get("sparse")));
      Reactive.one(to.createIndex(key, options)).await();
      indexes++;
    }
    // Pages along the _id index, so neither side holds the whole collection at once.
    long documents = 0;
    Object last = null;
    while (true) {
      List<Document> page = Reactive.list((last == null ? from.find() : from.find(Filters.gt("_id", last)))
          .sort(Sorts.ascending("_id")).limit(PAGE)).await();
      if (page.isEmpty()) break;
      Reactive.one(to.insertMany(page, new InsertManyOptions().ordered(true))).await();
      documents += page.size();
      last = page.get(page.size() - 1).get("_id");
    }
    long expected = Reactive.one(from.countDocuments()).await();
    if (documents != expected) {
      // Paging by _id assumes one _id type per collection (true of Atelier's); say so rather than copy half.
      throw new IllegalStateException("'" + name + "': read " + documents + " of " + expected + " documents (mixed _id types?)");
    }
    out.printf("  %-20s %,12d documents  %d indexes%n", name, documents, indexes);
    return new Copied(name, documents, indexes);
  }
}
