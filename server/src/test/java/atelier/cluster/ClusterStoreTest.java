package atelier.cluster;

import atelier.support.TempDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import atelier.store.EmbeddedStore;
import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store a cluster on one machine shares ({@code atelier.jar store}, and the tests' in-memory one)
 * must answer concurrent {@code $inc} with distinct values: the event log allocates {@code seq} that
 * way for writers on every node.
 */
@DisplayName("Embedded store under writers on several nodes: atomic $inc")
class ClusterStoreTest {
  @Test
  @DisplayName("300 concurrent $inc of one counter answer 1..300, on disk and in memory")
  void concurrentIncrements() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      for (EmbeddedStore es : List.of(EmbeddedStore.onDisk(TempDirs.create("atelier-store"), 0), EmbeddedStore.inMemory())) {
        Store store = new Store(es.connectionString(), "counters");
        try {
          var counters = store.collection("counters");
          List<Future<Long>> all = new ArrayList<>();
          for (int i = 0; i < 300; i++) {
            all.add(Reactive.one(counters.findOneAndUpdate(Filters.eq("_id", "space:x"), Updates.inc("seq", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))).map(d -> ((Number) d.get("seq")).longValue()));
          }
          Future.all(all).await();
          HashSet<Long> seen = new HashSet<>();
          all.forEach(f -> seen.add(f.result()));
          assertEquals(300, seen.size(), "distinct values");
          assertEquals(300L, seen.stream().mapToLong(Long::longValue).max().orElse(0));
        } finally {
          store.close();
          es.close();
        }
      }
    } finally {
      vertx.close().await();
    }
  }
}
