package atelier.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * A document's position in the embedded store: its {@code _id} — the key of the collection's map and
 * the value of every index entry. H2's default type Java-serialises any value it does not know, such
 * as mongo-java-server's {@code ObjectId} (the driver's generated ids, e.g. of events), at every commit
 * of every page that holds one; here it is written like one field of an index key
 * ({@link IndexKeyType}) and ordered the same way.
 */
final class PositionType extends BasicDataType<Object> {
  static final PositionType INSTANCE = new PositionType();

  private PositionType() {}

  @Override
  public int compare(Object a, Object b) {
    return IndexKeyType.compareValues(a, b);
  }

  @Override
  public void write(WriteBuffer buff, Object position) {
    IndexKeyType.INSTANCE.write(buff, new KeyValue(position));
  }

  @Override
  public Object read(ByteBuffer buff) {
    return IndexKeyType.INSTANCE.read(buff).get(0);
  }

  @Override
  public int getMemory(Object position) {
    return position instanceof String s ? 40 + 2 * s.length() : 32;
  }

  @Override
  public Object[] createStorage(int size) {
    return new Object[size];
  }
}
