package atelier.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of the embedded store's unique indexes ({@link KeyValue}: the indexed fields' values). H2's
 * default type cannot compare a {@code KeyValue} and Java-serialises both sides of every comparison
 * of every lookup; here the usual values (strings, numbers, booleans, ids, null) are compared and
 * written directly, anything else through the default type. The order is by type first, then value;
 * two keys are equal exactly when their values are of the same type and equal, as before.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {
  static final IndexKeyType INSTANCE = new IndexKeyType();
  private static final byte NULL = 0, MISSING = 1, STRING = 2, LONG = 3, INTEGER = 4, DOUBLE = 5, BOOLEAN = 6, OBJECT_ID = 7,
      OTHER = 8;
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

  private int compareValues(Object x, Object y) {
    byte tx = tag(x), ty = tag(y);
    if (tx != ty) return Byte.compare(tx, ty);
    return switch (tx) {
      case NULL, MISSING -> 0;
      case STRING -> ((String) x).compareTo((String) y);
      case LONG -> Long.compare((Long) x, (Long) y);
      case INTEGER -> Integer.compare((Integer) x, (Integer) y);
      case DOUBLE -> Double.compare((Double) x, (Double) y);
      case BOOLEAN -> Boolean.compare((Boolean) x, (Boolean) y);
      case OBJECT_ID -> ((ObjectId) x).compareTo((ObjectId) y);
      default -> other.compare(x, y);
    };
  }

  private static byte tag(Object v) {
    if (v == null) return NULL;
    if (v instanceof Missing) return MISSING;
    if (v instanceof String) return STRING;
    if (v instanceof Long) return LONG;
    if (v instanceof Integer) return INTEGER;
    if (v instanceof Double) return DOUBLE;
    if (v instanceof Boolean) return BOOLEAN;
    if (v instanceof ObjectId) return OBJECT_ID;
    return OTHER;
  }

  @Override
  public void write(WriteBuffer buff, KeyValue key) {
    buff.putVarInt(key.size());
    for (Object v : key) {
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
        case OTHER -> other.write(buff, v);
        default -> { }
      }
    }
  }

  @Override
  public KeyValue read(ByteBuffer buff) {
    int n = DataUtils.readVarInt(buff);
    List<Object> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte t = buff.get();
      values.add(switch (t) {
        case NULL -> null;
        case MISSING -> Missing.getInstance();
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
