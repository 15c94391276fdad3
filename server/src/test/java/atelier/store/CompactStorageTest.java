package atelier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Embedded store file: BSON documents and ordered index keys survive a restart")
class CompactStorageTest {
  @TempDir
  Path dir;

  private static Document sample(int i) {
    return new Document("_id", "d" + i).append("email", "p" + i + "@cctt.example").append("space", "s" + (i % 3))
        .append("seq", (long) i).append("n", i).append("ratio", i / 4.0).append("ok", i % 2 == 0).append("none", null)
        .append("at", new Date(1_700_000_000_000L + i)).append("oid", new ObjectId("65a0c0ffee0000000000000" + (i % 10)))
        .append("nested", new Document("fr", "été " + i).append("list", List.of(1, "deux", new Document("trois", 3L))))
        .append("tags", List.of("t" + (i % 4), "t" + (i % 5)))
        .append("bytes", new Binary(new byte[] {1, 2, (byte) i}));
  }

  private static void indexes(Store store) {
    var c = store.collection("things");
    Reactive.one(c.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true))).await();
    Reactive.one(c.createIndex(Indexes.ascending("space", "seq"), new IndexOptions().unique(true))).await();
    Reactive.one(c.createIndex(Indexes.ascending("oid", "n"), new IndexOptions().unique(true))).await();
    Reactive.one(c.createIndex(Indexes.ascending("space", "tags", "at"))).await();
  }

  private static List<Document> all(Store store) {
    return Reactive.list(store.collection("things").find().sort(Sorts.ascending("seq"))).await();
  }

  private static void assertUniqueEnforced(Store store, int existing) {
    var c = store.collection("things");
    Document copy = sample(existing).append("_id", "other-" + existing);
    Throwable byEmail = assertThrows(Exception.class, () -> Reactive.one(c.insertOne(copy)).await());
    assertTrue(StoreErrors.isDuplicateKey(byEmail), byEmail.toString());
    Document sameSeq = new Document("_id", "x-" + existing).append("email", "new-" + existing).append("space", "s" + (existing % 3))
        .append("seq", (long) existing);
    assertTrue(StoreErrors.isDuplicateKey(assertThrows(Exception.class, () -> Reactive.one(c.insertOne(sameSeq)).await())));
  }

  @Test
  @DisplayName("a document is written as BSON and reads back equal, to the last byte")
  void documentEncoding() {
    var doc = new de.bwaldvogel.mongo.bson.Document("_id", "x").append("n", 3).append("l", 4L).append("s", "café");
    WriteBuffer buff = new WriteBuffer();
    BsonDocumentType.INSTANCE.write(buff, doc);
    ByteBuffer written = buff.getBuffer().flip();
    assertEquals(doc, BsonDocumentType.INSTANCE.read(written));
    assertFalse(written.hasRemaining());
  }

  @Test
  @DisplayName("documents of every BSON type we store, and their unique and non-unique indexes, are the same after a restart")
  void roundTrip() throws Exception {
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(dir, 0);
        Store store = new Store(embedded.connectionString(), "atelier")) {
      indexes(store);
      for (int i = 0; i < 200; i++) Reactive.one(store.collection("things").insertOne(sample(i))).await();
      Reactive.one(store.collection("things").deleteOne(Filters.eq("_id", "d5"))).await();
    }
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(dir, 0);
        Store store = new Store(embedded.connectionString(), "atelier")) {
      List<Document> docs = all(store);
      assertEquals(199, docs.size());
      for (int i = 0; i < 200; i++) if (i != 5) assertEquals(sample(i), docs.get(i < 5 ? i : i - 1));
      assertUniqueEnforced(store, 150);
      // The deleted document freed its unique keys and left the non-unique index.
      Reactive.one(store.collection("things").insertOne(sample(5))).await();
      List<Document> tagged = Reactive.list(store.collection("things").find(Filters.and(Filters.eq("space", "s2"), Filters.eq("tags", "t0")))
          .sort(Sorts.ascending("at"))).await();
      List<Document> expected = java.util.stream.IntStream.range(0, 200).filter(i -> i % 3 == 2 && (i % 4 == 0 || i % 5 == 0))
          .mapToObj(CompactStorageTest::sample).toList();
      assertEquals(expected, tagged);
    }
  }

  @Test
  @DisplayName("a document's memory estimate counts its binary bytes, so pages of file chunks split and the cache holds what it says")
  void binaryCountsItsBytes() {
    byte[] chunk = new byte[255 * 1024];
    var doc = new de.bwaldvogel.mongo.bson.Document("files_id", "f").append("n", 0).append("data", new de.bwaldvogel.mongo.bson.BinData(chunk));
    int estimate = BsonDocumentType.INSTANCE.getMemory(doc);
    assertTrue(estimate >= chunk.length && estimate < chunk.length + 1024, "estimate " + estimate);
  }
}
