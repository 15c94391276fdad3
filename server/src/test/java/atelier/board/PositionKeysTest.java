package atelier.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Position keys: always strictly inside the gap, valid, short, and different for concurrent inserts. */
class PositionKeysTest {

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.strings().withChars(PositionKeys.DIGITS.toCharArray()).ofMinLength(1).ofMaxLength(12)
        .filter(PositionKeys::valid);
  }

  @Property(tries = 2000)
  @Label("a key between two keys sorts strictly between them and is valid")
  void betweenTwo(@ForAll("keys") String x, @ForAll("keys") String y, @ForAll long seed) {
    if (x.equals(y)) return;
    String lo = x.compareTo(y) < 0 ? x : y;
    String hi = x.compareTo(y) < 0 ? y : x;
    String k = new PositionKeys(new Random(seed)).between(lo, hi);
    assertTrue(PositionKeys.valid(k), k);
    assertTrue(lo.compareTo(k) < 0 && k.compareTo(hi) < 0, lo + " < " + k + " < " + hi);
  }

  @Property(tries = 1000)
  @Label("a key before the first or after the last sorts on the right side of it")
  void atTheEnds(@ForAll("keys") String x, @ForAll long seed) {
    PositionKeys keys = new PositionKeys(new Random(seed));
    String before = keys.between(null, x);
    String after = keys.between(x, null);
    assertTrue(PositionKeys.valid(before) && PositionKeys.valid(after));
    assertTrue(before.compareTo(x) < 0, before + " < " + x);
    assertTrue(after.compareTo(x) > 0, after + " > " + x);
  }

  @Property(tries = 200)
  @Label("any sequence of inserts at random places keeps a strictly increasing list, without rewriting any key")
  void randomInserts(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int count) {
    Random r = new Random(seed);
    PositionKeys keys = new PositionKeys(r);
    List<String> column = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      int at = r.nextInt(column.size() + 1);
      String k = keys.between(at == 0 ? null : column.get(at - 1), at == column.size() ? null : column.get(at));
      column.add(at, k);
    }
    for (int i = 1; i < column.size(); i++) assertTrue(column.get(i - 1).compareTo(column.get(i)) < 0, column.toString());
    assertEquals(column.size(), new HashSet<>(column).size());
  }

  @Property(tries = 50)
  @Label("500 cards appended one after the other, or pushed on top, keep keys of at most 40 characters")
  void appendsStayShort(@ForAll long seed, @ForAll boolean onTop) {
    PositionKeys keys = new PositionKeys(new Random(seed));
    String edge = null;
    for (int n = 0; n < 500; n++) {
      edge = onTop ? keys.between(null, edge) : keys.between(edge, null);
      assertTrue(edge.length() <= 40, edge);
    }
  }

  @Test
  @DisplayName("twenty people dropping a card into the same narrow gap at once almost never draw the same key")
  void concurrentInsertsDiffer() {
    Random seeds = new Random(14);
    int groupsWithATie = 0;
    for (int group = 0; group < 1000; group++) {
      String lo = new PositionKeys(new Random(seeds.nextLong())).between(null, null);
      String hi = new PositionKeys(new Random(seeds.nextLong())).between(lo, null);
      Set<String> drawn = new HashSet<>();
      for (int p = 0; p < 20; p++) drawn.add(new PositionKeys(new Random(seeds.nextLong())).between(lo, hi));
      if (drawn.size() < 20) groupsWithATie++;
    }
    // About 0.1 % of such groups by the birthday bound; the unique index settles those.
    assertTrue(groupsWithATie <= 10, groupsWithATie + " groups of 1000 had a tie");
  }

  @Property(tries = 100)
  @Label("invalid or reversed bounds are refused")
  void refusesBadBounds(@ForAll("keys") String x) {
    PositionKeys keys = new PositionKeys(new Random(1));
    assertThrows(IllegalArgumentException.class, () -> keys.between(x, x));
    assertThrows(IllegalArgumentException.class, () -> keys.between(x + "0", null));
    assertThrows(IllegalArgumentException.class, () -> keys.between("a-b", null));
    assertNotEquals(x, keys.between(x, null));
  }
}
