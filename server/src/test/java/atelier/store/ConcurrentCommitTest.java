package atelier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable writes from many connections at once on the on-disk embedded store: group commits run
 * while other writes are being applied. mongo-java-server updates stored documents in place, so a
 * commit encoding a page while an update changed one of its documents failed — and a failed commit
 * closes the whole store. Every update must land and the store must stay open.
 */
@DisplayName("Embedded store: concurrent durable updates and group commits")
class ConcurrentCommitTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("thousands of concurrent durable updates of the same documents all land, and the store stays usable")
  void concurrentUpdates() throws Exception {
    int docs = 40;
    int rounds = 100;
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(dir, 0);
        Store store = new Store(embedded.connectionString(), "atelier")) {
      var c = store.collection("counters");
      Reactive.one(c.createIndex(Indexes.ascending("group", "n"))).await();
      List<Document> initial = new ArrayList<>();
      for (int i = 0; i < docs; i++) {
        initial.add(new Document("_id", "d" + i).append("group", "g" + (i % 3)).append("n", 0L).append("tags", List.of("a", "b"))
            .append("nested", new Document("x", 1).append("y", "deux")));
      }
      Reactive.one(c.insertMany(initial)).await();
      for (int r = 0; r < rounds; r++) {
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
          // Each update adds a field (a structural change of the stored document) while the page
          // holding it may be being encoded by a commit.
          all.add(Reactive.one(c.updateOne(Filters.eq("_id", "d" + i),
              Updates.combine(Updates.inc("n", 1L), Updates.set("f" + r, r), Updates.push("tags", "t" + r)))));
        }
        Future.all(all).await();
      }
      for (Document d : Reactive.list(c.find()).await()) {
        assertEquals(rounds, d.getLong("n").longValue(), d.getString("_id"));
        assertEquals(rounds + 2, d.getList("tags", String.class).size());
      }
      Reactive.one(c.insertOne(new Document("_id", "after"))).await();
      assertEquals(docs + 1, Reactive.one(c.countDocuments()).await().longValue(), "the store is still open for writes");
    }
  }
}
