package atelier.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * A collection of the embedded store whose queries are answered from its ordered indexes when one
 * fits ({@link IndexScan}). Every read path of mongo-java-server goes through {@code queryDocuments}:
 * find, count, findAndModify, update and delete, so writes find their documents the same way.
 */
final class IndexedCollection extends H2Collection {
  /** Documents read by index scans since start: lets a test check that a read costs what it returns. */
  static final LongAdder SCANNED = new LongAdder();

  IndexedCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
      MVMap<String, Object> meta, CursorRegistry cursors) {
    super(database, name, options, data, meta, cursors);
  }

  /**
   * A write gets a copy of each stored document it reads: mongo-java-server applies an update to the
   * document it read, in place, then puts it back. On a copy, the stored value never changes after
   * it was put, so a commit may encode it while later writes run.
   */
  @Override
  protected Document getDocument(Object position) {
    Document stored = super.getDocument(position);
    return stored != null && DurableH2Backend.inWrite() ? stored.cloneDeeply() : stored;
  }

  /** A write's full scan (no index fits its selector) reads copies too; see {@link #getDocument}. */
  @Override
  protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
    if (!DurableH2Backend.inWrite()) return super.matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    var all = streamAllDocumentsWithPosition();
    if (isNaturalDescending(orderBy)) all = all.sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()));
    Stream<Document> copies = all.map(d -> d.getDocument().cloneDeeply());
    return matchDocumentsFromStream(copies, query, orderBy, skip, limit, batchSize, fieldSelector);
  }

  @Override
  protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
    List<OrderedIndex> ordered = getIndexes().stream().filter(OrderedIndex.class::isInstance).map(OrderedIndex.class::cast).toList();
    IndexScan.Plan plan = query == null ? null : IndexScan.plan(query, orderBy, limit, ordered);
    if (plan == null) return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
    Stream<Document> documents = plan.positions().peek(p -> SCANNED.increment()).map(this::getDocument).filter(Objects::nonNull);
    return plan.sorted()
        ? matchDocumentsFromStream(query, documents, skip, limit, batchSize, null, fieldSelector)
        : matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fieldSelector);
  }
}
