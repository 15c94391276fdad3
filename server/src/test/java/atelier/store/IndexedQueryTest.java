package atelier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's index scans against mongo-java-server's own answers (its memory backend,
 * which reads every document): the same documents in the same order for every query shape the
 * features use, and a read that touches only what it returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Embedded store: queries answered from ordered indexes")
class IndexedQueryTest {
  private static final int DOCS = 3000;
  @TempDir
  static Path dir;
  private EmbeddedStore disk;
  private EmbeddedStore reference;
  private Store indexed;
  private Store scanned;

  @BeforeAll
  void fill() throws Exception {
    disk = EmbeddedStore.onDisk(dir, 0);
    reference = EmbeddedStore.inMemory();
    indexed = new Store(disk.connectionString(), "atelier");
    scanned = new Store(reference.connectionString(), "atelier");
    Random r = new Random(7);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      Document d = new Document("_id", "m" + i).append("space", "s" + r.nextInt(4)).append("channel", "c" + r.nextInt(3))
          .append("seq", (long) i + 1).append("author", "u" + r.nextInt(5)).append("deleted", r.nextInt(10) == 0)
          .append("mentions", r.nextInt(4) == 0 ? List.of("u" + r.nextInt(5), "u" + r.nextInt(5)) : List.of());
      if (r.nextInt(5) == 0) d.append("thread", "m" + r.nextInt(Math.max(1, i)));
      else if (r.nextBoolean()) d.append("thread", null);
      if (r.nextInt(50) == 0) d.put("seq", r.nextBoolean() ? (Object) ("text" + i) : (Object) (i + 0.5));
      docs.add(d);
    }
    for (Store s : List.of(indexed, scanned)) {
      MongoCollection<Document> c = s.collection("messages");
      Reactive.one(c.createIndex(Indexes.ascending("space", "channel", "thread", "seq"))).await();
      Reactive.one(c.createIndex(Indexes.ascending("space", "channel", "mentions", "seq"))).await();
      Reactive.one(c.createIndex(Indexes.ascending("thread", "seq"))).await();
      Reactive.one(c.createIndex(Indexes.descending("author"))).await();
      Reactive.one(c.createIndex(Indexes.compoundIndex(Indexes.ascending("channel"), Indexes.descending("seq")))).await();
      Reactive.one(c.createIndex(Indexes.ascending("space", "seq"), new IndexOptions().unique(true).sparse(true))).await();
      for (int i = 0; i < docs.size(); i += 500) Reactive.one(c.insertMany(docs.subList(i, Math.min(docs.size(), i + 500)))).await();
      // Updates move documents within the indexes.
      Reactive.one(c.updateMany(Filters.eq("author", "u3"), Updates.set("channel", "c9"))).await();
      Reactive.one(c.deleteMany(Filters.and(Filters.eq("space", "s1"), Filters.gt("seq", 2000L), Filters.lt("seq", 2100L)))).await();
    }
  }

  @AfterAll
  void close() {
    indexed.close();
    scanned.close();
    disk.close();
    reference.close();
  }

  private void same(Bson filter, Bson sort, int limit) {
    List<Document> expected = Reactive.list(scanned.collection("messages").find(filter).sort(sort).limit(limit)).await();
    List<Document> actual = Reactive.list(indexed.collection("messages").find(filter).sort(sort).limit(limit)).await();
    assertEquals(expected, actual, () -> "filter " + filter + " sort " + sort + " limit " + limit);
  }

  @Test
  @DisplayName("every query shape answers what a full scan answers, in the same order")
  void sameAnswers() {
    Random r = new Random(11);
    for (int i = 0; i < 300; i++) {
      String space = "s" + r.nextInt(5);
      String channel = "c" + r.nextInt(4);
      long a = r.nextInt(DOCS + 100);
      long b = a + r.nextInt(400);
      int limit = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(60);
      boolean desc = r.nextBoolean();
      Bson seqSort = desc ? Sorts.descending("seq") : Sorts.ascending("seq");
      same(Filters.and(Filters.eq("space", space), Filters.eq("channel", channel), Filters.eq("thread", null),
          Filters.gt("seq", a), Filters.lt("seq", b)), seqSort, limit);
      same(Filters.and(Filters.eq("space", space), Filters.eq("channel", channel), Filters.eq("thread", null),
          Filters.lte("seq", b)), seqSort, limit);
      same(Filters.and(Filters.eq("space", space), Filters.gte("seq", a), Filters.lte("seq", b)), seqSort, limit);
      same(Filters.and(Filters.eq("space", space), Filters.eq("channel", channel), Filters.eq("mentions", "u" + r.nextInt(5)),
          Filters.gt("seq", a), Filters.eq("deleted", false)), seqSort, limit);
      same(Filters.and(Filters.eq("thread", "m" + r.nextInt(DOCS)), Filters.gt("seq", a)), Sorts.ascending("seq"), limit);
      same(Filters.and(Filters.eq("space", space), Filters.eq("kind", null), Filters.ne("author", "u1")), seqSort, limit);
      same(Filters.and(Filters.eq("_id", "m" + r.nextInt(DOCS)), Filters.eq("seq", null)), Sorts.ascending("_id"), limit);
      same(Filters.eq("author", "u" + r.nextInt(6)), Sorts.descending("author", "seq"), limit);
      // An index declared with a descending field, read in both directions (the notification inbox's shape).
      same(Filters.eq("channel", channel), seqSort, limit);
      same(Filters.and(Filters.eq("space", space), Filters.gt("seq", "text")), seqSort, limit);
      same(Filters.and(Filters.eq("space", space), Filters.eq("channel", channel)), Sorts.ascending("thread", "seq"), limit);
    }
  }

  @Test
  @DisplayName("a page of the latest 50 of one channel reads about 50 documents, not the collection")
  void pageCostsWhatItReturns() {
    MongoCollection<Document> c = indexed.collection("messages");
    long before = IndexedCollection.SCANNED.sum();
    List<Document> page = Reactive.list(c.find(Filters.and(Filters.eq("space", "s0"), Filters.eq("channel", "c0"),
        Filters.eq("thread", null), Filters.gt("seq", 0L), Filters.lt("seq", Long.MAX_VALUE))).sort(Sorts.descending("seq")).limit(50)).await();
    long read = IndexedCollection.SCANNED.sum() - before;
    assertEquals(50, page.size());
    assertTrue(read <= 60, "documents read for a page of 50: " + read);
    long beforeCount = IndexedCollection.SCANNED.sum();
    long count = Reactive.one(c.countDocuments(Filters.and(Filters.eq("space", "s2"), Filters.gt("seq", 100L), Filters.lte("seq", 110L)))).await();
    assertTrue(IndexedCollection.SCANNED.sum() - beforeCount <= 10, "countDocuments reads the range only");
    assertEquals(0L, Reactive.one(c.countDocuments(Filters.eq("space", "nowhere"))).await());
    // A count with the driver's skip and limit options (they become $skip/$limit stages of its
    // aggregation): the store's count shortcut must honour them, not count the whole range.
    CountOptions skipTwoTakeThree = new CountOptions().skip(2).limit(3);
    assertEquals(3L, Reactive.one(c.countDocuments(Filters.eq("space", "s0"), skipTwoTakeThree)).await());
    assertEquals(Reactive.one(scanned.collection("messages").countDocuments(Filters.and(Filters.eq("space", "s2"), Filters.gt("seq", 100L),
        Filters.lte("seq", 110L)))).await(), count);
  }
}
