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
}
