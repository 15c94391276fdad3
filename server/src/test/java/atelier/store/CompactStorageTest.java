package atelier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Embedded store file: BSON documents and compact index keys, and files written by the plain H2 backend")
class CompactStorageTest {
  @TempDir
  Path dir;

  private static Document sample(int i) {
    return new Document("_id", "d" + i).append("email", "p" + i + "@cctt.example").append("space", "s" + (i % 3))
        .append("seq", (long) i).append("n", i).append("ratio", i / 4.0).append("ok", i % 2 == 0).append("none", null)
        .append("at", new Date(1_700_000_000_000L + i)).append("oid", new ObjectId("65a0c0ffee0000000000000" + (i % 10)))
        .append("nested", new Document("fr", "été " + i).append("list", List.of(1, "deux", new Document("trois", 3L))))
        .append("bytes", new Binary(new byte[] {1, 2, (byte) i}));
  }

  private static void indexes(Store store) {
    var c = store.collection("things");
    Reactive.one(c.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true))).await();
    Reactive.one(c.createIndex(Indexes.ascending("space", "seq"), new IndexOptions().unique(true))).await();
    Reactive.one(c.createIndex(Indexes.ascending("oid", "n"), new IndexOptions().unique(true))).await();
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
  @DisplayName("a file of the plain H2 backend opens with all its documents and unique indexes, and keeps them after more writes")
  void legacyFileUpgrades() throws Exception {
    Path file = dir.resolve("atelier-store.mv.db");
    H2Backend legacy = new H2Backend(file.toString());
    MongoServer server = new MongoServer(legacy);
    var address = server.bind();
    try (Store store = new Store("mongodb://127.0.0.1:" + address.getPort(), "atelier")) {
      indexes(store);
      for (int i = 0; i < 60; i++) Reactive.one(store.collection("things").insertOne(sample(i))).await();
      Reactive.one(store.collection("things").updateOne(Filters.eq("_id", "d7"), Updates.set("seq", 700L))).await();
    }
    server.shutdownNow();
    legacy.close();
    assertTrue(Files.size(file) > 0);

    List<Document> before;
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(dir, 0);
        Store store = new Store(embedded.connectionString(), "atelier")) {
      before = all(store);
      assertEquals(60, before.size());
      assertEquals(700L, before.get(59).getLong("seq"));
      assertEquals(sample(3), before.get(3));
      assertUniqueEnforced(store, 3);
      assertEquals(sample(12), Reactive.first(store.collection("things").find(Filters.eq("email", "p12@cctt.example"))).await().orElseThrow());
      for (int i = 60; i < 90; i++) Reactive.one(store.collection("things").insertOne(sample(i))).await();
      Reactive.one(store.collection("things").deleteOne(Filters.eq("_id", "d5"))).await();
    }

    try (EmbeddedStore embedded = EmbeddedStore.onDisk(dir, 0);
        Store store = new Store(embedded.connectionString(), "atelier")) {
      List<Document> after = all(store);
      assertEquals(89, after.size());
      assertEquals(sample(80), Reactive.first(store.collection("things").find(Filters.eq("_id", "d80"))).await().orElseThrow());
      assertUniqueEnforced(store, 3);
      assertUniqueEnforced(store, 85);
      // The deleted document freed its unique keys.
      Reactive.one(store.collection("things").insertOne(sample(5))).await();
      assertEquals(sample(5), Reactive.first(store.collection("things").find(Filters.eq("email", "p5@cctt.example"))).await().orElseThrow());
    }
    MVStore mv = new MVStore.Builder().fileName(file.toString()).readOnly().open();
    try {
      assertFalse(mv.hasMap("atelier.things._index_email_1"), "the old index map is gone once copied");
      assertTrue(mv.hasMap("atelier.things._keys_email_1"));
    } finally {
      mv.close();
    }
  }

  @Test
  @DisplayName("a document is written as tagged BSON and a value of the plain H2 encoding still reads")
  void documentEncoding() {
    var doc = new de.bwaldvogel.mongo.bson.Document("_id", "x").append("n", 3).append("l", 4L).append("s", "café");
    WriteBuffer buff = new WriteBuffer();
    BsonDocumentType.INSTANCE.write(buff, doc);
    ByteBuffer written = buff.getBuffer().flip();
    assertEquals((byte) 0xF0, written.get(0));
    assertEquals(doc, BsonDocumentType.INSTANCE.read(written));
    assertFalse(written.hasRemaining());

    WriteBuffer old = new WriteBuffer();
    new ObjectDataType().write(old, doc);
    assertEquals(doc, BsonDocumentType.INSTANCE.read(old.getBuffer().flip()));
  }

  @Test
  @DisplayName("documents of every BSON type we store read back identical after a restart")
  void roundTrip() throws Exception {
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(dir, 0);
        Store store = new Store(embedded.connectionString(), "atelier")) {
      indexes(store);
      for (int i = 0; i < 200; i++) Reactive.one(store.collection("things").insertOne(sample(i))).await();
    }
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(dir, 0);
        Store store = new Store(embedded.connectionString(), "atelier")) {
      List<Document> docs = all(store);
      assertEquals(200, docs.size());
      for (int i = 0; i < 200; i++) assertEquals(sample(i), docs.get(i));
      assertUniqueEnforced(store, 150);
    }
  }
}
