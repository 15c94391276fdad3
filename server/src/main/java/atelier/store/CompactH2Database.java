package atelier.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database with faster storage types — documents as BSON
 * ({@link BsonDocumentType}), index keys compared in BSON order without serialisation
 * ({@link IndexKeyType}), positions ({@code _id}) written the same way ({@link PositionType}) — and indexes that answer queries: unique and non-unique, single-field and
 * compound, all kept in order and read by {@link IndexedCollection}.
 */
final class CompactH2Database extends H2Database {
  /** The database's constructor already opens collections and indexes, before our fields are set. */
  private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
  /** Index maps; an index whose map is empty is built from the documents when opened (mongo-java-server does it). */
  private static final String INDEX = "._ordered_";
  private final MVStore mvStore;

  private CompactH2Database(String name, MVStore mvStore, CursorRegistry cursors) {
    super(name, mvStore, cursors);
    this.mvStore = mvStore;
  }

  static CompactH2Database open(String name, MVStore mvStore, CursorRegistry cursors) {
    OPENING.set(mvStore);
    try {
      return new CompactH2Database(name, mvStore, cursors);
    } finally {
      OPENING.remove();
    }
  }

  private MVStore mv() {
    return mvStore != null ? mvStore : OPENING.get();
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
    String ns = getFullCollectionNamespace(collectionName);
    MVMap<Object, Document> data = mv().openMap("databases." + ns,
        new MVMap.Builder<Object, Document>().keyType(PositionType.INSTANCE).valueType(BsonDocumentType.INSTANCE));
    MVMap<String, Object> meta = mv().openMap("meta." + ns);
    return new IndexedCollection(this, collectionName, options, data, meta, cursorRegistry);
  }

  private MVMap<KeyValue, Object> indexMap(String collectionName, String indexName) {
    return mv().openMap(getFullCollectionNamespace(collectionName) + INDEX + indexName,
        new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE).valueType(PositionType.INSTANCE));
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    return new CompactUniqueIndex(indexMap(collectionName, indexName), indexName, keys, sparse);
  }

  @Override
  protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    return new CompactSecondaryIndex(indexMap(collectionName, indexName), indexName, keys, sparse);
  }

  @Override
  public void dropCollection(String collectionName, Oplog oplog) {
    super.dropCollection(collectionName, oplog);
    String prefix = getFullCollectionNamespace(collectionName) + INDEX;
    for (String map : List.copyOf(mv().getMapNames())) if (map.startsWith(prefix)) mv().removeMap(map);
  }

  @Override
  protected void dropIndex(MongoCollection<Object> collection, String indexName) {
    super.dropIndex(collection, indexName);
    mv().removeMap(getFullCollectionNamespace(collection.getCollectionName()) + INDEX + indexName);
  }
}
