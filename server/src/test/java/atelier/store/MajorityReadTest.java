package atelier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a read shows is durable: a write acknowledged once applied ({@code w:1}, the first steps of a
 * batch) may be seen by a majority read only once it is in the file. The file is copied the moment
 * the read answers — what a {@code kill -9} at that moment would leave — and opened again.
 */
@DisplayName("Embedded store: majority reads show only what is in the file")
class MajorityReadTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("a write seen by a majority read is in the file when the read answers")
  void seenMeansDurable() throws Exception {
    Path live = dir.resolve("live");
    Path crashed = dir.resolve("crashed");
    Files.createDirectories(crashed);
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(live, 0);
        Store store = new Store(embedded.connectionString(), "atelier")) {
      for (int round = 0; round < 20; round++) {
        Document event = new Document("_id", "e" + round).append("space", "s").append("seq", (long) round);
        Reactive.one(store.chainedCollection("events").insertOne(event)).await();
        List<Document> seen = Reactive.list(store.collection("events").find(Filters.eq("_id", "e" + round))).await();
        Path copy = crashed.resolve("round" + round);
        Files.createDirectories(copy);
        Files.copy(live.resolve("atelier-store.mv.db"), copy.resolve("atelier-store.mv.db"));
        assertEquals(1, seen.size());
      }
    }
    for (int round = 0; round < 20; round++) {
      try (EmbeddedStore reopened = EmbeddedStore.onDisk(crashed.resolve("round" + round), 0);
          Store store = new Store(reopened.connectionString(), "atelier")) {
        long n = Reactive.list(store.collection("events").find(Filters.eq("_id", "e" + round))).await().size();
        assertTrue(n == 1, "round " + round + ": the event a reader saw is not in the file it would restart from");
      }
    }
  }

  @Test
  @DisplayName("a majority read of one collection waits only for the writes to it, and still sees them durable")
  void readWaitsForItsCollection() throws Exception {
    Path live = dir.resolve("scoped");
    Path crashed = dir.resolve("scoped-crash");
    Files.createDirectories(crashed);
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(live, 0);
        Store store = new Store(embedded.connectionString(), "atelier")) {
      Reactive.one(store.collection("members").insertOne(new Document("_id", "m1"))).await();
      Reactive.one(store.chainedCollection("events").insertOne(new Document("_id", "e1").append("space", "s"))).await();
      long before = DurableH2Backend.COMMITS.sum();
      // Reads of other collections: nothing they could see is pending, so none of them commits.
      for (int i = 0; i < 5; i++) assertEquals(1, Reactive.list(store.collection("members").find()).await().size());
      assertEquals(1L, Reactive.one(store.collection("members").countDocuments()).await());
      assertEquals(before, DurableH2Backend.COMMITS.sum(), "a read of another collection committed the pending write");
      // A read of the written collection (here a count, an aggregation) answers once the write is in the file.
      assertEquals(1L, Reactive.one(store.collection("events").countDocuments(Filters.eq("space", "s"))).await());
      Files.copy(live.resolve("atelier-store.mv.db"), crashed.resolve("atelier-store.mv.db"));
      assertTrue(DurableH2Backend.COMMITS.sum() > before);
    }
    try (EmbeddedStore reopened = EmbeddedStore.onDisk(crashed, 0);
        Store store = new Store(reopened.connectionString(), "atelier")) {
      assertEquals(1, Reactive.list(store.collection("events").find(Filters.eq("_id", "e1"))).await().size(),
          "the event a count saw is not in the file it would restart from");
    }
  }

  @Test
  @DisplayName("the collection a command reads: one for find, count and plain aggregations; none known for joins")
  void scopeOfCommands() {
    assertEquals("db.events", ReadScope.namespace("db", "find", new de.bwaldvogel.mongo.bson.Document("find", "events")));
    assertEquals("db.events", ReadScope.namespace("db", "findAndModify", new de.bwaldvogel.mongo.bson.Document("findAndModify", "events")));
    var plain = new de.bwaldvogel.mongo.bson.Document("aggregate", "events")
        .append("pipeline", List.of(new de.bwaldvogel.mongo.bson.Document("$match", new de.bwaldvogel.mongo.bson.Document())));
    assertEquals("db.events", ReadScope.namespace("db", "aggregate", plain));
    var join = new de.bwaldvogel.mongo.bson.Document("aggregate", "events")
        .append("pipeline", List.of(new de.bwaldvogel.mongo.bson.Document("$lookup", new de.bwaldvogel.mongo.bson.Document("from", "users"))));
    assertEquals(null, ReadScope.namespace("db", "aggregate", join));
    assertEquals(null, ReadScope.namespace("db", "aggregate", new de.bwaldvogel.mongo.bson.Document("aggregate", 1).append("pipeline", List.of())));
    assertEquals(null, ReadScope.namespace("db", "listCollections", new de.bwaldvogel.mongo.bson.Document("listCollections", 1)));
  }
}
