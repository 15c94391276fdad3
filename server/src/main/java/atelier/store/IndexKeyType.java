package atelier.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of the embedded store's indexes ({@link KeyValue}: the indexed fields' values, normalised
 * as mongo-java-server does — numbers as doubles, missing as null). Keys are ordered exactly as the
 * query matcher orders values ({@link ValueComparator}: MongoDB's BSON order, numbers by value across
 * types), field by field, a shorter key before every longer key it is a prefix of. That order is what
 * lets a range of an index answer a range query (see {@link IndexScan}); two keys are the same index
 * entry exactly when the matcher calls their values equal. Strings and doubles, by far the most
 * common, are compared directly; the rest through the matcher's comparator.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {
  static final IndexKeyType INSTANCE = new IndexKeyType();
  private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();
  private static final byte NULL = 0, MIN = 1, STRING = 2, LONG = 3, INTEGER = 4, DOUBLE = 5, BOOLEAN = 6, OBJECT_ID = 7,
      INSTANT = 8, MAX = 9, OTHER = 10, SAME = 11;
  private final ObjectDataType other = new ObjectDataType();

  private IndexKeyType() {}

  @Override
  public int compare(KeyValue a, KeyValue b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  }

  static int compareValues(Object x, Object y) {
    if (x instanceof String s && y instanceof String t) return Integer.signum(s.compareTo(t));
    if (x instanceof Double d && y instanceof Double e) return d.doubleValue() == e.doubleValue() ? 0 : Double.compare(d, e);
    if (x instanceof ObjectId a && y instanceof ObjectId b) return Integer.signum(a.compareTo(b));
    // Null (and missing) sorts before every value but MinKey.
    boolean xNull = x == null || x instanceof Missing, yNull = y == null || y instanceof Missing;
    if (xNull && yNull) return 0;
    if (xNull && !(y instanceof MinKey)) return -1;
    if (yNull && !(x instanceof MinKey)) return 1;
    return Integer.signum(ORDER.compare(x, y));
  }

  private static byte tag(Object v) {
    if (v == null || v instanceof Missing) return NULL;
    if (v instanceof MinKey) return MIN;
    if (v instanceof MaxKey) return MAX;
    if (v instanceof String) return STRING;
    if (v instanceof Long) return LONG;
    if (v instanceof Integer) return INTEGER;
    if (v instanceof Double) return DOUBLE;
    if (v instanceof Boolean) return BOOLEAN;
    if (v instanceof ObjectId) return OBJECT_ID;
    if (v instanceof Instant) return INSTANT;
    return OTHER;
  }

  /**
   * Writes a page's keys, each value equal to the one at the same place in the previous key as the
   * single byte {@code SAME}. A page's keys are sorted, so their leading values (space, channel…)
   * repeat from key to key: writing them once per page is most of what a commit of an index page
   * used to spend in encoding strings. Pages written before this form read the same way (they simply
   * hold no {@code SAME}).
   */
  @Override
  public void write(WriteBuffer buff, Object storage, int len) {
    KeyValue[] keys = cast(storage);
    KeyValue previous = null;
    for (int i = 0; i < len; i++) {
      write(buff, keys[i], previous);
      previous = keys[i];
    }
  }

  @Override
  public void read(ByteBuffer buff, Object storage, int len) {
    KeyValue[] keys = cast(storage);
    KeyValue previous = null;
    for (int i = 0; i < len; i++) {
      keys[i] = read(buff, previous);
      previous = keys[i];
    }
  }

  @Override
  public void write(WriteBuffer buff, KeyValue key) {
    write(buff, key, null);
  }

  @Override
  public KeyValue read(ByteBuffer buff) {
    return read(buff, null);
  }

  /** Same value, same type: a repeated value must read back exactly as written (a Long stays a Long). */
  private static boolean same(Object v, KeyValue previous, int i) {
    if (previous == null || i >= previous.size() || v == null) return false;
    Object p = previous.get(i);
    return p != null && p.getClass() == v.getClass() && p.equals(v);
  }

  private void write(WriteBuffer buff, KeyValue key, KeyValue previous) {
    buff.putVarInt(key.size());
    for (int i = 0; i < key.size(); i++) {
      Object v = key.get(i);
      if (same(v, previous, i)) {
        buff.put(SAME);
        continue;
      }
      byte t = tag(v);
      buff.put(t);
      switch (t) {
        case STRING -> {
          String s = (String) v;
          buff.putVarInt(s.length()).putStringData(s, s.length());
        }
        case LONG -> buff.putLong((Long) v);
        case INTEGER -> buff.putInt((Integer) v);
        case DOUBLE -> buff.putDouble((Double) v);
        case BOOLEAN -> buff.put((byte) ((Boolean) v ? 1 : 0));
        case OBJECT_ID -> buff.put(((ObjectId) v).toByteArray());
        case INSTANT -> buff.putLong(((Instant) v).getEpochSecond()).putInt(((Instant) v).getNano());
        case OTHER -> other.write(buff, v);
        default -> { }
      }
    }
  }

  private KeyValue read(ByteBuffer buff, KeyValue previous) {
    int n = DataUtils.readVarInt(buff);
    List<Object> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte t = buff.get();
      values.add(switch (t) {
        case SAME -> previous.get(i);
        case NULL -> null;
        case MIN -> MinKey.getInstance();
        case MAX -> MaxKey.getInstance();
        case STRING -> DataUtils.readString(buff);
        case LONG -> buff.getLong();
        case INTEGER -> buff.getInt();
        case DOUBLE -> buff.getDouble();
        case BOOLEAN -> buff.get() != 0;
        case OBJECT_ID -> {
          byte[] id = new byte[12];
          buff.get(id);
          yield new ObjectId(id);
        }
        case INSTANT -> Instant.ofEpochSecond(buff.getLong(), buff.getInt());
        default -> other.read(buff);
      });
    }
    return new KeyValue(values);
  }

  @Override
  public int getMemory(KeyValue key) {
    int n = 24;
    for (Object v : key) n += v instanceof String s ? 40 + 2 * s.length() : 24;
    return n;
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }
}
