package atelier.store;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * An index of the embedded store kept in key order ({@link IndexKeyType}), so that {@link IndexScan}
 * can read a range of it. The map's values are the documents' positions (their {@code _id}).
 */
interface OrderedIndex {
  /** Index key → position. A non-unique index appends the position to each key to keep keys distinct. */
  MVMap<KeyValue, Object> entries();

  List<IndexKey> fields();

  String name();
}
