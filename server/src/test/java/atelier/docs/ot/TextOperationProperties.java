package atelier.docs.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The laws of apply, compose, transform and invert on random texts, surrogate pairs included. */
@Label("Text operations")
class TextOperationProperties {

  @Provide
  Arbitrary<String> texts() {
    return RandomText.texts();
  }

  @Property(tries = 500)
  @Label("applying a composition equals applying one after the other")
  void composeThenApply(@ForAll("texts") String s, @ForAll long seed) {
    Random r = new Random(seed);
    TextOperation a = RandomText.operation(s, r);
    String afterA = a.apply(s);
    TextOperation b = RandomText.operation(afterA, r);
    TextOperation ab = a.compose(b);
    assertEquals(b.apply(afterA), ab.apply(s));
    assertEquals(s.length(), ab.baseLength());
  }

  @Property(tries = 500)
  @Label("two concurrent operations transformed over each other converge (TP1)")
  void transformConverges(@ForAll("texts") String s, @ForAll long seed) {
    Random r = new Random(seed);
    TextOperation a = RandomText.operation(s, r);
    TextOperation b = RandomText.operation(s, r);
    TextOperation.Pair p = TextOperation.transform(a, b);
    assertEquals(p.second().apply(a.apply(s)), p.first().apply(b.apply(s)));
    // and compose agrees: a∘b' == b∘a'
    assertEquals(a.compose(p.second()).apply(s), b.compose(p.first()).apply(s));
  }

  @Property(tries = 500)
  @Label("an operation followed by its inverse gives the text back")
  void invertUndoes(@ForAll("texts") String s, @ForAll long seed) {
    TextOperation a = RandomText.operation(s, new Random(seed));
    TextOperation inverse = a.invert(s);
    assertEquals(s, inverse.apply(a.apply(s)));
    assertEquals(a.targetLength(), inverse.baseLength());
    assertEquals(s, a.compose(inverse).apply(s));
  }

  @Property(tries = 300)
  @Label("the JSON form reads back to an equal operation")
  void jsonRoundTrip(@ForAll("texts") String s, @ForAll long seed) {
    TextOperation a = RandomText.operation(s, new Random(seed));
    assertEquals(a, TextOperation.fromJson(a.toJson()));
  }

  @Property(tries = 300)
  @Label("transformed operations span the texts they will be applied to")
  void transformLengths(@ForAll("texts") String s, @ForAll long seed) {
    Random r = new Random(seed);
    TextOperation a = RandomText.operation(s, r);
    TextOperation b = RandomText.operation(s, r);
    TextOperation.Pair p = TextOperation.transform(a, b);
    assertEquals(b.targetLength(), p.first().baseLength());
    assertEquals(a.targetLength(), p.second().baseLength());
    assertEquals(p.first().targetLength(), p.second().targetLength());
  }

  @Example
  @Label("lengths count UTF-16 code units: an emoji is two")
  void utf16Lengths() {
    TextOperation op = TextOperation.fromJson(List.of(2, "é", -1));
    assertEquals("😀é", op.apply("😀x"));
    assertEquals(3, op.baseLength());
  }

  @Example
  @Label("concurrent inserts at one place: the first operation's text goes first")
  void insertTie() {
    TextOperation a = TextOperation.fromJson(List.of(1, "A", 1));
    TextOperation b = TextOperation.fromJson(List.of(1, "B", 1));
    TextOperation.Pair p = TextOperation.transform(a, b);
    assertEquals("xABy", p.second().apply(a.apply("xy")));
  }

  @Example
  @Label("malformed operations are refused with a clear message")
  void malformed() {
    assertThrows(InvalidOperationException.class, () -> TextOperation.fromJson(List.of(0)));
    assertThrows(InvalidOperationException.class, () -> TextOperation.fromJson(List.of("")));
    assertThrows(InvalidOperationException.class, () -> TextOperation.fromJson(List.of(1.5)));
    assertThrows(InvalidOperationException.class, () -> TextOperation.fromJson(List.of(true)));
    assertThrows(
        InvalidOperationException.class, () -> TextOperation.fromJson(List.of(3_000_000_000L)));
    InvalidOperationException wrongLength =
        assertThrows(
            InvalidOperationException.class, () -> TextOperation.fromJson(List.of(5)).apply("abc"));
    assertTrue(wrongLength.getMessage().contains("5"));
  }

  @Example
  @Label("a cursor moves with the text around it")
  void transformIndex() {
    TextOperation op = TextOperation.fromJson(List.of(2, "XY", -2, 3));
    assertEquals(1, op.transformIndex(1, false));
    assertEquals(4, op.transformIndex(2, false));
    assertEquals(2, op.transformIndex(2, true));
    assertEquals(4, op.transformIndex(3, false));
    assertEquals(5, op.transformIndex(5, false));
  }

  @Property(tries = 300)
  @Label("operations that keep characters whole say so, and their transforms keep them whole too")
  void wholeCharacters(@ForAll("texts") String s, @ForAll long seed) {
    Random r = new Random(seed);
    TextOperation a = RandomText.operation(s, r, true);
    TextOperation b = RandomText.operation(s, r, true);
    assertTrue(a.keepsCharactersWhole(s));
    TextOperation.Pair p = TextOperation.transform(a, b);
    assertTrue(p.first().keepsCharactersWhole(b.apply(s)));
  }

  @Example
  @Label("an operation cutting an emoji in two is recognised")
  void splitsCharacter() {
    assertTrue(!TextOperation.fromJson(List.of(1, -1)).keepsCharactersWhole("😀"));
    assertTrue(TextOperation.fromJson(List.of(-2, "a")).keepsCharactersWhole("😀"));
  }
}
