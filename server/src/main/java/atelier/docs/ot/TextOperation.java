package atelier.docs.ot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable text operation with ot.js's {@code TextOperation} semantics: a sequence of retain
 * (n &gt; 0), insert (non-empty string) and delete (n &gt; 0 code units) components spanning a whole
 * document. Lengths count UTF-16 code units, as JavaScript and Java strings do, so the browser and
 * the server agree on every index. The components are kept canonical (no zero-length component,
 * adjacent components of one kind merged, an insert always before a delete at the same place) so
 * that two operations that do the same thing are equal.
 *
 * <p>Pure Java on purpose: the transform core is tested by properties and shared by the server's
 * revision log and the simulation of clients, with no framework in the way.
 */
public final class TextOperation {

  /** One component: see {@link Retain}, {@link Insert}, {@link Delete}. */
  public sealed interface Component permits Retain, Insert, Delete {}

  public record Retain(int n) implements Component {}

  public record Insert(String text) implements Component {}

  public record Delete(int n) implements Component {}

  private static final TextOperation EMPTY = new TextOperation(List.of(), 0, 0);

  private final List<Component> components;
  private final int baseLength;
  private final int targetLength;

  private TextOperation(List<Component> components, int baseLength, int targetLength) {
    this.components = components;
    this.baseLength = baseLength;
    this.targetLength = targetLength;
  }

  /** The operation that changes nothing in a text of {@code length} code units. */
  public static TextOperation identity(int length) {
    return length == 0 ? EMPTY : builder().retain(length).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads ot.js's JSON form (already decoded): integers &gt; 0 retain, integers &lt; 0 delete,
   * non-empty strings insert. Anything else is refused with a message that says which item.
   */
  public static TextOperation fromJson(List<?> items) {
    if (items == null) {
      throw new InvalidOperationException("the operation must be an array");
    }
    Builder b = builder();
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (item instanceof String s) {
        if (s.isEmpty()) {
          throw new InvalidOperationException("item " + i + " inserts an empty string");
        }
        b.insert(s);
      } else if (item instanceof Integer || item instanceof Long || item instanceof Short) {
        long n = ((Number) item).longValue();
        if (n == 0) {
          throw new InvalidOperationException("item " + i + " is 0");
        }
        if (n > Integer.MAX_VALUE || n < -Integer.MAX_VALUE) {
          throw new InvalidOperationException("item " + i + " is too large");
        }
        if (n > 0) {
          b.retain((int) n);
        } else {
          b.delete((int) -n);
        }
      } else {
        throw new InvalidOperationException(
            "item " + i + " is neither a non-zero integer nor a string");
      }
    }
    return b.build();
  }

  /** ot.js's JSON form: Integer for retain (positive) and delete (negative), String for insert. */
  public List<Object> toJson() {
    List<Object> out = new ArrayList<>(components.size());
    for (Component c : components) {
      if (c instanceof Retain r) {
        out.add(r.n());
      } else if (c instanceof Insert ins) {
        out.add(ins.text());
      } else {
        out.add(-((Delete) c).n());
      }
    }
    return out;
  }

  public List<Component> components() {
    return components;
  }

  /** Length of the text this operation applies to. */
  public int baseLength() {
    return baseLength;
  }

  /** Length of the text it produces. */
  public int targetLength() {
    return targetLength;
  }

  /** True when it leaves every text unchanged (only retains, or nothing). */
  public boolean isNoop() {
    return components.isEmpty() || (components.size() == 1 && components.get(0) instanceof Retain);
  }

  /** Applies it to {@code text}, whose length must be {@link #baseLength()}. */
  public String apply(String text) {
    if (text.length() != baseLength) {
      throw new InvalidOperationException(
          "the operation spans " + baseLength + " characters but the text has " + text.length());
    }
    StringBuilder out = new StringBuilder(targetLength);
    int index = 0;
    for (Component c : components) {
      if (c instanceof Retain r) {
        out.append(text, index, index + r.n());
        index += r.n();
      } else if (c instanceof Insert ins) {
        out.append(ins.text());
      } else {
        index += ((Delete) c).n();
      }
    }
    return out.toString();
  }

  /**
   * True when no retain or delete of this operation starts or ends between the two halves of a
   * surrogate pair of {@code text}: it leaves every character whole (editors never split one; a
   * text with half a character cannot be encoded as UTF-8).
   */
  public boolean keepsCharactersWhole(String text) {
    int index = 0;
    for (Component c : components) {
      if (c instanceof Insert) continue;
      int n = c instanceof Retain r ? r.n() : ((Delete) c).n();
      if (splits(text, index) || splits(text, index + n)) return false;
      index += n;
    }
    return true;
  }

  private static boolean splits(String text, int at) {
    return at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1)) && Character.isLowSurrogate(text.charAt(at));
  }

  /** The operation that undoes this one, given the text it was applied to. */
  public TextOperation invert(String text) {
    Builder b = builder();
    int index = 0;
    for (Component c : components) {
      if (c instanceof Retain r) {
        b.retain(r.n());
        index += r.n();
      } else if (c instanceof Insert ins) {
        b.delete(ins.text().length());
      } else {
        int n = ((Delete) c).n();
        b.insert(text.substring(index, index + n));
        index += n;
      }
    }
    return b.build();
  }

  /** One operation with the effect of this one followed by {@code next}. */
  public TextOperation compose(TextOperation next) {
    if (targetLength != next.baseLength) {
      throw new InvalidOperationException(
          "cannot compose: the first produces "
              + targetLength
              + " characters, the second spans "
              + next.baseLength);
    }
    Builder b = builder();
    Cursor a = new Cursor(components);
    Cursor c = new Cursor(next.components);
    while (a.has() || c.has()) {
      if (a.has() && a.current() instanceof Delete) {
        int n = a.remaining();
        b.delete(n);
        a.advance(n);
        continue;
      }
      if (c.has() && c.current() instanceof Insert) {
        b.insert(c.takeInsert(Integer.MAX_VALUE));
        continue;
      }
      if (!a.has() || !c.has()) {
        throw new InvalidOperationException("cannot compose: lengths do not match");
      }
      int n = Math.min(a.remaining(), c.remaining());
      Component first = a.current();
      Component second = c.current();
      if (first instanceof Retain && second instanceof Retain) {
        b.retain(n);
      } else if (first instanceof Insert && second instanceof Retain) {
        b.insert(a.takeInsert(n));
        c.advance(n);
        continue;
      } else if (first instanceof Insert) {
        // inserted then deleted: nothing remains
      } else {
        b.delete(n);
      }
      a.advance(n);
      c.advance(n);
    }
    return b.build();
  }

  /**
   * The pair {@code (a', b')} such that {@code apply(apply(s, a), b') == apply(apply(s, b), a')}.
   * Both must span the same text. When both insert at the same place, {@code a}'s text goes first:
   * as in ot.js, the server and the clients both pass the client's own (not yet acknowledged)
   * operation as {@code a}, so they break the tie the same way.
   */
  public static Pair transform(TextOperation a, TextOperation b) {
    if (a.baseLength != b.baseLength) {
      throw new InvalidOperationException(
          "cannot transform: the operations span "
              + a.baseLength
              + " and "
              + b.baseLength
              + " characters");
    }
    Builder aPrime = builder();
    Builder bPrime = builder();
    Cursor x = new Cursor(a.components);
    Cursor y = new Cursor(b.components);
    while (x.has() || y.has()) {
      if (x.has() && x.current() instanceof Insert) {
        String s = x.takeInsert(Integer.MAX_VALUE);
        aPrime.insert(s);
        bPrime.retain(s.length());
        continue;
      }
      if (y.has() && y.current() instanceof Insert) {
        String s = y.takeInsert(Integer.MAX_VALUE);
        aPrime.retain(s.length());
        bPrime.insert(s);
        continue;
      }
      if (!x.has() || !y.has()) {
        throw new InvalidOperationException("cannot transform: lengths do not match");
      }
      int n = Math.min(x.remaining(), y.remaining());
      Component p = x.current();
      Component q = y.current();
      if (p instanceof Retain && q instanceof Retain) {
        aPrime.retain(n);
        bPrime.retain(n);
      } else if (p instanceof Delete && q instanceof Retain) {
        aPrime.delete(n);
      } else if (p instanceof Retain) {
        bPrime.delete(n);
      }
      // both delete the same characters: neither needs to any more
      x.advance(n);
      y.advance(n);
    }
    return new Pair(aPrime.build(), bPrime.build());
  }

  /** The result of {@link #transform}. */
  public record Pair(TextOperation first, TextOperation second) {}

  /**
   * Where a position of the text before this operation lands after it. An insert at the position
   * itself pushes it right unless {@code stayBeforeInserts}.
   */
  public int transformIndex(int index, boolean stayBeforeInserts) {
    int oldIndex = 0;
    int newIndex = index;
    for (Component c : components) {
      if (oldIndex > index) {
        break;
      }
      if (c instanceof Retain r) {
        oldIndex += r.n();
      } else if (c instanceof Insert ins) {
        if (oldIndex < index || !stayBeforeInserts) {
          newIndex += ins.text().length();
        }
      } else {
        int n = ((Delete) c).n();
        newIndex -= Math.min(n, index - oldIndex);
        oldIndex += n;
      }
    }
    return newIndex;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextOperation other && components.equals(other.components);
  }

  @Override
  public int hashCode() {
    return components.hashCode();
  }

  @Override
  public String toString() {
    return toJson().toString();
  }

  /** Builds canonical operations; components of length zero are ignored. */
  public static final class Builder {
    private final List<Component> parts = new ArrayList<>();
    private int base;
    private int target;

    public Builder retain(int n) {
      if (n < 0) {
        throw new InvalidOperationException("retain of a negative length");
      }
      if (n == 0) {
        return this;
      }
      base = Math.addExact(base, n);
      target = Math.addExact(target, n);
      int last = parts.size() - 1;
      if (last >= 0 && parts.get(last) instanceof Retain r) {
        parts.set(last, new Retain(r.n() + n));
      } else {
        parts.add(new Retain(n));
      }
      return this;
    }

    public Builder insert(String s) {
      if (s.isEmpty()) {
        return this;
      }
      target = Math.addExact(target, s.length());
      int last = parts.size() - 1;
      if (last >= 0 && parts.get(last) instanceof Insert ins) {
        parts.set(last, new Insert(ins.text() + s));
      } else if (last >= 0 && parts.get(last) instanceof Delete) {
        // canonical order: insert before delete at the same position
        if (last >= 1 && parts.get(last - 1) instanceof Insert ins) {
          parts.set(last - 1, new Insert(ins.text() + s));
        } else {
          parts.add(last, new Insert(s));
        }
      } else {
        parts.add(new Insert(s));
      }
      return this;
    }

    public Builder delete(int n) {
      if (n < 0) {
        throw new InvalidOperationException("delete of a negative length");
      }
      if (n == 0) {
        return this;
      }
      base = Math.addExact(base, n);
      int last = parts.size() - 1;
      if (last >= 0 && parts.get(last) instanceof Delete d) {
        parts.set(last, new Delete(d.n() + n));
      } else {
        parts.add(new Delete(n));
      }
      return this;
    }

    public TextOperation build() {
      return new TextOperation(Collections.unmodifiableList(new ArrayList<>(parts)), base, target);
    }
  }

  /** Walks a component list, taking parts of components. */
  private static final class Cursor {
    private final List<Component> list;
    private int i;
    private int offset;

    Cursor(List<Component> list) {
      this.list = list;
    }

    boolean has() {
      return i < list.size();
    }

    Component current() {
      return list.get(i);
    }

    int remaining() {
      return length(list.get(i)) - offset;
    }

    /** Moves past n units of the current component (to the next one when it is used up). */
    void advance(int n) {
      offset += n;
      if (offset == length(list.get(i))) {
        i++;
        offset = 0;
      }
    }

    private static int length(Component c) {
      if (c instanceof Retain r) {
        return r.n();
      }
      return c instanceof Insert s ? s.text().length() : ((Delete) c).n();
    }

    String takeInsert(int max) {
      String text = ((Insert) list.get(i)).text();
      int n = Math.min(max, text.length() - offset);
      String part = text.substring(offset, offset + n);
      advance(n);
      return part;
    }
  }
}
