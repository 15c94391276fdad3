package atelier.store;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.Cursor;

/**
 * How the embedded store answers a query from one of its ordered indexes, as MongoDB's planner does
 * for the usual shapes: equality on a prefix of the index's fields, then at most a range
 * ({@code $gt/$gte/$lt/$lte}) on the next field, and a sort that follows the index from there
 * (either way). The scan reads only the index range, in order, so with a limit it stops after the
 * documents it returns (plus those the rest of the filter rejects). The index only narrows the
 * candidates: every document read is still matched against the whole filter, so a plan never changes
 * an answer, only its cost. Queries no index helps are left to mongo-java-server (a full scan).
 */
final class IndexScan {
  private static final Set<String> RANGE = Set.of("$gt", "$gte", "$lt", "$lte");

  /** One chosen index range. {@code sorted}: the scan's order is the query's sort (or there is none). */
  record Plan(OrderedIndex index, KeyValue lower, KeyValue upper, boolean upperInclusive, boolean reverse, boolean sorted) {

    /** Positions of the documents in the range, in index order (reversed for a descending sort). */
    Stream<Object> positions() {
      var entries = index.entries();
      Cursor<KeyValue, Object> cursor = reverse ? entries.cursor(upper, null, true) : entries.cursor(lower);
      Iterator<Object> it = new Iterator<>() {
        private Object next = advance();

        private Object advance() {
          while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            if (reverse) {
              if (!belowUpper(key)) continue;
              if (IndexKeyType.INSTANCE.compare(key, lower) < 0) return null;
            } else if (!belowUpper(key)) {
              return null;
            }
            return cursor.getValue();
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Object next() {
          if (next == null) throw new NoSuchElementException();
          Object out = next;
          next = advance();
          return out;
        }
      };
      Stream<Object> s = StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
      // A document has one key per element of an indexed array: each document is read once.
      return s.filter(new HashSet<>()::add);
    }

    private boolean belowUpper(KeyValue key) {
      int c = IndexKeyType.INSTANCE.compare(key, upper);
      return upperInclusive ? c <= 0 : c < 0;
    }
  }

  private IndexScan() {}

  /** The best index range for the query, or null when none narrows it (or the sort could not follow it). */
  static Plan plan(Document query, Document orderBy, int limit, List<OrderedIndex> indexes) {
    Map<String, List<Object>> conditions = new LinkedHashMap<>();
    if (!collect(query, conditions)) return null;
    Plan best = null;
    int bestScore = 0;
    for (OrderedIndex index : indexes) {
      Candidate c = candidate(index, conditions, orderBy);
      if (c == null) continue;
      boolean useful = c.equalities > 0 || c.range || (c.sortFollowsIndex && limit > 0 && orderBy != null && !orderBy.isEmpty());
      if (!useful) continue;
      // More fields fixed first; an index wholly fixed by equalities (a point, or a narrow index such
      // as a thread's replies) before a wider one that leaves fields open; then a range, then the sort.
      boolean whole = c.equalities == index.fields().size();
      int score = c.equalities * 4 + (whole ? 3 : 0) + (c.range ? 2 : 0) + (c.sortFollowsIndex ? 1 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = c.plan;
      }
    }
    return best;
  }

  private record Candidate(Plan plan, int equalities, boolean range, boolean sortFollowsIndex) {}

  private static Candidate candidate(OrderedIndex index, Map<String, List<Object>> conditions, Document orderBy) {
    List<IndexKey> fields = index.fields();
    List<Object> prefix = new ArrayList<>();
    int eq = 0;
    while (eq < fields.size()) {
      Object value = equality(conditions.get(fields.get(eq).getKey()));
      if (value == NONE) break;
      prefix.add(normalized(value));
      eq++;
    }
    Object low = null, high = null;
    boolean lowInclusive = true, highInclusive = true, range = false;
    if (eq < fields.size()) {
      for (Object cond : conditions.getOrDefault(fields.get(eq).getKey(), List.of())) {
        if (!(cond instanceof Document d) || d.isEmpty() || !RANGE.containsAll(d.keySet())) continue;
        for (Map.Entry<String, Object> op : d.entrySet()) {
          if (!scalar(op.getValue())) continue;
          Object v = normalized(op.getValue());
          switch (op.getKey()) {
            case "$gt", "$gte" -> {
              boolean inclusive = op.getKey().equals("$gte");
              int c = low == null ? 1 : IndexKeyType.compareValues(v, low);
              if (c > 0 || (c == 0 && !inclusive)) {
                low = v;
                lowInclusive = inclusive;
              }
              range = true;
            }
            default -> {
              boolean inclusive = op.getKey().equals("$lte");
              int c = high == null ? -1 : IndexKeyType.compareValues(v, high);
              if (c < 0 || (c == 0 && !inclusive)) {
                high = v;
                highInclusive = inclusive;
              }
              range = true;
            }
          }
        }
      }
    }
    Boolean reverse = direction(fields, eq, orderBy);
    boolean sortFollows = reverse != null;
    KeyValue lower = key(prefix, range && low != null ? low : null, !lowInclusive, eq == 0 && !(range && low != null) ? MinKey.getInstance() : null);
    KeyValue upper;
    boolean upperInclusive;
    if (range && high != null) {
      upper = key(prefix, high, highInclusive, null);
      upperInclusive = highInclusive;
    } else {
      upper = key(prefix, null, false, MaxKey.getInstance());
      upperInclusive = false;
    }
    Plan plan = new Plan(index, lower, upper, upperInclusive, sortFollows && reverse, sortFollows);
    return new Candidate(plan, eq, range, sortFollows);
  }

  /**
   * The key {@code prefix + [value]}; {@code past} adds a MaxKey after the value, which sorts after
   * every key starting with it; {@code alone} is used instead of a value when there is none.
   */
  private static KeyValue key(List<Object> prefix, Object value, boolean past, Object alone) {
    List<Object> values = new ArrayList<>(prefix);
    if (value != null) {
      values.add(value);
      if (past) values.add(MaxKey.getInstance());
    } else if (alone != null) {
      values.add(alone);
    }
    if (values.isEmpty()) values.add(MinKey.getInstance());
    return new KeyValue(values);
  }

  /**
   * Whether the query's sort is the index order from field {@code eq} on (fields before it are fixed
   * by equalities, so sorting on them changes nothing): null when it is not, else whether to read the
   * index backwards. No sort reads forwards.
   */
  private static Boolean direction(List<IndexKey> fields, int eq, Document orderBy) {
    if (orderBy == null || orderBy.isEmpty()) return false;
    Boolean reverse = null;
    int next = eq;
    for (Map.Entry<String, Object> s : orderBy.entrySet()) {
      if (!(s.getValue() instanceof Number n) || (n.intValue() != 1 && n.intValue() != -1)) return null;
      int fixed = indexOf(fields, s.getKey());
      if (fixed >= 0 && fixed < eq) continue;
      if (next >= fields.size() || !fields.get(next).getKey().equals(s.getKey())) return null;
      // Keys are stored in ascending order whatever direction the index was declared with, so a
      // descending sort reads backwards even on a field declared descending.
      boolean backwards = n.intValue() == -1;
      if (reverse != null && reverse != backwards) return null;
      reverse = backwards;
      next++;
    }
    return reverse == null ? Boolean.FALSE : reverse;
  }

  private static int indexOf(List<IndexKey> fields, String name) {
    for (int i = 0; i < fields.size(); i++) if (fields.get(i).getKey().equals(name)) return i;
    return -1;
  }

  private static final Object NONE = new Object();

  /** The value a field must equal, from its conditions; NONE when no condition is a plain equality. */
  private static Object equality(List<Object> conds) {
    if (conds == null) return NONE;
    for (Object c : conds) {
      if (c instanceof Document d) {
        if (d.size() == 1 && d.containsKey("$eq") && scalar(d.get("$eq"))) return d.get("$eq");
        continue;
      }
      if (scalar(c)) return c;
    }
    return NONE;
  }

  /** A value an index key can hold as such: not a document, array or pattern. */
  private static boolean scalar(Object v) {
    return !(v instanceof Document || v instanceof Collection<?> || v instanceof BsonRegularExpression || v instanceof Pattern
        || v instanceof Map<?, ?>);
  }

  private static Object normalized(Object v) {
    return new KeyValue(v).normalized().get(0);
  }

  /** Field → its conditions, through {@code $and}; false for a filter this planner does not read. */
  private static boolean collect(Document query, Map<String, List<Object>> into) {
    for (Map.Entry<String, Object> e : query.entrySet()) {
      String field = e.getKey();
      if (field.equals("$and")) {
        if (!(e.getValue() instanceof Collection<?> parts)) return false;
        for (Object part : parts) if (!(part instanceof Document d) || !collect(d, into)) return false;
      } else if (!field.startsWith("$")) {
        into.computeIfAbsent(field, k -> new ArrayList<>()).add(e.getValue());
      }
      // $or, $nor, $expr…: left to the matcher; the other conditions may still narrow the scan.
    }
    return true;
  }
}
