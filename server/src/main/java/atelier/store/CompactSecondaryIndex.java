package atelier.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index (mongo-java-server keeps none: it ignores them). Each document has one entry
 * per key (one per array element for an array field), the key followed by the document's position,
 * so equal keys stay distinct entries and a key range yields its documents in key order. It takes no
 * part in mongo-java-server's own planning ({@link #canHandle} is false); {@link IndexScan} reads it.
 */
final class CompactSecondaryIndex extends Index<Object> implements OrderedIndex {
  private final MVMap<KeyValue, Object> map;

  CompactSecondaryIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.map = map;
  }

  @Override
  public MVMap<KeyValue, Object> entries() {
    return map;
  }

  @Override
  public List<IndexKey> fields() {
    return getKeys();
  }

  @Override
  public String name() {
    return getName();
  }

  /** The position H2Collection gives a document: its {@code _id}. */
  private static Object positionOf(Document document) {
    return Missing.ofNullable(document.get("_id"));
  }

  /**
   * The document's keys, each followed by its position. A document whose array field is empty has no
   * key in mongo-java-server's expansion; it gets one with null there, so a scan of a prefix still sees it.
   */
  private List<KeyValue> entryKeys(Document document, Object position) {
    if (isSparse() && keys().stream().noneMatch(k -> hasValue(document, k))) return List.of();
    Set<KeyValue> keyValues = getKeyValues(document);
    List<KeyValue> out = new ArrayList<>(Math.max(1, keyValues.size()));
    if (keyValues.isEmpty()) {
      List<Object> values = new ArrayList<>();
      for (String k : keys()) {
        Object v = document.get(k);
        values.add(v instanceof Collection<?> ? null : new KeyValue(v).normalized().get(0));
      }
      values.add(position);
      out.add(new KeyValue(values));
      return out;
    }
    for (KeyValue kv : keyValues) {
      List<Object> values = new ArrayList<>(kv.size() + 1);
      kv.forEach(values::add);
      values.add(position);
      out.add(new KeyValue(values));
    }
    return out;
  }

  private static boolean hasValue(Object value, String path) {
    for (String part : path.split("\\.")) {
      if (!(value instanceof Document d) || !d.containsKey(part)) return false;
      value = d.get(part);
    }
    return true;
  }

  @Override
  public Object getPosition(Document document) {
    Object position = positionOf(document);
    for (KeyValue k : entryKeys(document, position)) {
      Object p = map.get(k);
      if (p != null) return p;
    }
    return null;
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {}

  @Override
  public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
    for (KeyValue k : entryKeys(document, position)) map.put(k, position);
  }

  @Override
  public synchronized Object remove(Document document) {
    Object position = positionOf(document);
    Object found = null;
    for (KeyValue k : entryKeys(document, position)) {
      Object p = map.remove(k);
      if (p != null) found = p;
    }
    // A sparse index may hold nothing for the document; the collection then takes the position from another index.
    return found;
  }

  @Override
  public boolean canHandle(Document query) {
    return false;
  }

  @Override
  public Iterable<Object> getPositions(Document query) {
    throw new UnsupportedOperationException("read through IndexScan");
  }

  @Override
  public long getCount() {
    return map.sizeAsLong();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public long getDataSize() {
    return getCount();
  }

  @Override
  public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

  @Override
  public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
    List<KeyValue> before = entryKeys(oldDocument, position);
    List<KeyValue> after = entryKeys(newDocument, position);
    if (before.equals(after)) return;
    for (KeyValue k : before) map.remove(k);
    for (KeyValue k : after) map.put(k, position);
  }

  @Override
  public void drop() {
    map.clear();
  }
}
