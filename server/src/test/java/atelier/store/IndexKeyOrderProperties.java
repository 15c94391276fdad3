package atelier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.h2.mvstore.WriteBuffer;

/**
 * The order and equality of index keys that the embedded store's index scans rely on: a range of
 * the index is a range of the query matcher's order, and one index entry is one matcher value.
 */
@Label("Index keys of the embedded store")
class IndexKeyOrderProperties {

  @Provide
  Arbitrary<Object> values() {
    // Doubles within ±1e15: beyond 2^53 mongo-java-server's own comparator is not a total order.
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(6).withChars("aAé0 zZ\u00ff\u4e2d"),
        Arbitraries.longs().between(-1_000_000_000_000_000L, 1_000_000_000_000_000L),
        Arbitraries.integers(),
        Arbitraries.doubles().between(-1e15, 1e15),
        Arbitraries.of(-0.0, 0.0, 1.0, 0.5, -1.0, 2.0),
        Arbitraries.of(0L, 1L, 2L, -1L),
        Arbitraries.of(true, false),
        Arbitraries.just(null),
        Arbitraries.longs().between(0, 4_000_000_000L).map(ms -> Instant.ofEpochMilli(ms)),
        Arbitraries.integers().between(0, 20).map(i -> new ObjectId(String.format("65a0c0ffee00000000%06x", i))));
  }

  @Provide
  Arbitrary<KeyValue> keys() {
    return values().list().ofMinSize(1).ofMaxSize(3).map(l -> new KeyValue(new ArrayList<>(l)).normalized());
  }

  @Property(tries = 2000)
  @Label("two values compare as the query matcher compares them")
  void orderIsTheMatchersOrder(@ForAll("values") Object a, @ForAll("values") Object b) {
    Object x = new KeyValue(a).normalized().get(0);
    Object y = new KeyValue(b).normalized().get(0);
    assertEquals(Integer.signum(ValueComparator.ascWithoutListHandling().compare(x, y)), IndexKeyType.compareValues(x, y),
        () -> x + " vs " + y);
  }

  @Property(tries = 1000)
  @Label("the key order is a total order: antisymmetric and transitive")
  void totalOrder(@ForAll("keys") KeyValue a, @ForAll("keys") KeyValue b, @ForAll("keys") KeyValue c) {
    IndexKeyType t = IndexKeyType.INSTANCE;
    assertEquals(Integer.signum(t.compare(a, b)), -Integer.signum(t.compare(b, a)));
    if (t.compare(a, b) <= 0 && t.compare(b, c) <= 0) assertEquals(true, t.compare(a, c) <= 0, () -> a + " " + b + " " + c);
  }

  @Property(tries = 1000)
  @Label("a key is a prefix's successor: every key sorts after each of its prefixes")
  void prefixFirst(@ForAll("keys") KeyValue a, @ForAll("values") Object more) {
    List<Object> longer = new ArrayList<>();
    a.forEach(longer::add);
    longer.add(more);
    assertEquals(true, IndexKeyType.INSTANCE.compare(a, new KeyValue(longer).normalized()) < 0);
  }

  @Property(tries = 1000)
  @Label("two keys are one index entry exactly when their values are equal for the matcher, also after a write and read")
  void equality(@ForAll("keys") KeyValue a, @ForAll("keys") KeyValue b) {
    boolean same = a.size() == b.size();
    for (int i = 0; same && i < a.size(); i++) same = ValueComparator.ascWithoutListHandling().compare(a.get(i), b.get(i)) == 0;
    assertEquals(same, IndexKeyType.INSTANCE.compare(a, b) == 0);
    WriteBuffer buff = new WriteBuffer();
    IndexKeyType.INSTANCE.write(buff, a);
    ByteBuffer bytes = buff.getBuffer().flip();
    KeyValue read = IndexKeyType.INSTANCE.read(bytes);
    assertEquals(0, IndexKeyType.INSTANCE.compare(a, read));
    assertEquals(a, read);
  }

  @Property(tries = 500)
  @Label("a page of sorted keys reads back key for key, value for value and type for type (repeated values written once)")
  void pageRoundTrip(@ForAll("pages") List<KeyValue> page) {
    KeyValue[] keys = page.stream().sorted(IndexKeyType.INSTANCE::compare).toArray(KeyValue[]::new);
    WriteBuffer buff = new WriteBuffer();
    IndexKeyType.INSTANCE.write(buff, keys, keys.length);
    ByteBuffer bytes = buff.getBuffer().flip();
    KeyValue[] read = new KeyValue[keys.length];
    IndexKeyType.INSTANCE.read(bytes, read, read.length);
    assertEquals(0, bytes.remaining(), "every byte of the page is read");
    WriteBuffer single = new WriteBuffer();
    for (KeyValue k : keys) IndexKeyType.INSTANCE.write(single, k);
    // A leading string equal to the previous key's saves at least its length (tag, length and chars become one byte).
    int saved = 0;
    for (int i = 1; i < keys.length; i++) if (keys[i].get(0) instanceof String s0 && s0.equals(keys[i - 1].get(0))) saved += s0.length();
    assertEquals(true, bytes.limit() <= single.position() - saved, "a repeated leading string is written once");
    for (int i = 0; i < keys.length; i++) {
      assertEquals(keys[i], read[i]);
      for (int j = 0; j < keys[i].size(); j++) {
        Object w = keys[i].get(j), r = read[i].get(j);
        assertEquals(w == null ? null : w.getClass(), r == null ? null : r.getClass(), () -> "type of " + w);
      }
    }
  }

  /** Pages whose keys share leading values, as an index's pages do (space, channel, then a varying value). */
  @Provide
  Arbitrary<List<KeyValue>> pages() {
    Arbitrary<Object> lead = Arbitraries.of("espace-1", "espace-2", 7L, 7.0, "espace-1");
    Arbitrary<KeyValue> key = net.jqwik.api.Combinators.combine(lead, lead, values().list().ofMaxSize(2))
        .as((a, b, rest) -> {
          List<Object> l = new ArrayList<>(List.of(a, b));
          l.addAll(rest);
          return new KeyValue(l).normalized();
        });
    return Arbitraries.oneOf(key, keys()).list().ofMinSize(1).ofMaxSize(40);
  }
}
