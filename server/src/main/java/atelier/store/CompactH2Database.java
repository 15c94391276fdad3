package atelier.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database with faster storage types: documents as BSON
 * ({@link BsonDocumentType}) and index keys compared without serialisation ({@link IndexKeyType}).
 * The file stays readable both ways in: document maps keep their names (the BSON type reads the old
 * encoding too); index maps get a new name, since their order depends on the key type, and an index
 * found under its old name is copied into the new map once and the old map removed.
 */
final class CompactH2Database extends H2Database {
  /** The database's constructor already opens collections and indexes, before our fields are set. */
  private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
  private static final String LEGACY_INDEX = "._index_";
  private static final String INDEX = "._keys_";
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
    MVMap<Object, Document> data = mv().openMap("databases." + ns, new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
    MVMap<String, Object> meta = mv().openMap("meta." + ns);
    return new H2Collection(this, collectionName, options, data, meta, cursorRegistry);
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    String ns = getFullCollectionNamespace(collectionName);
    MVMap<KeyValue, Object> map = mv().openMap(ns + INDEX + indexName, new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
    String legacyName = ns + LEGACY_INDEX + indexName;
    if (mv().hasMap(legacyName)) {
      // Copied before removed, in one commit or the next: an interrupted start copies again (putIfAbsent).
      MVMap<KeyValue, Object> legacy = mv().openMap(legacyName);
      for (Map.Entry<KeyValue, Object> e : legacy.entrySet()) map.putIfAbsent(e.getKey(), e.getValue());
      mv().removeMap(legacy);
    }
    return new CompactUniqueIndex(map, indexName, keys, sparse);
  }

  @Override
  protected void dropIndex(MongoCollection<Object> collection, String indexName) {
    super.dropIndex(collection, indexName);
    mv().removeMap(getFullCollectionNamespace(collection.getCollectionName()) + INDEX + indexName);
  }
}
