package atelier.docs.ot;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Random texts (with surrogate pairs, accents, new lines) and random operations on them. */
public final class RandomText {
  private static final String[] PIECES = {"a", "b", "é", " ", "\n", "😀", "𝄞", "z", "#"};

  private RandomText() {}

  public static Arbitrary<String> texts() {
    return Arbitraries.of(PIECES).list().ofMaxSize(40).map(l -> String.join("", l));
  }

  public static String text(Random random, int maxPieces) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(maxPieces + 1);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  /** A random operation spanning {@code text} (it may split surrogate pairs, as ot.js may). */
  public static TextOperation operation(String text, Random random) {
    return operation(text, random, false);
  }

  /** Same, never splitting a surrogate pair when {@code whole} (as an editor does). */
  public static TextOperation operation(String text, Random random, boolean whole) {
    TextOperation.Builder b = TextOperation.builder();
    int left = text.length();
    while (left > 0) {
      int n = 1 + random.nextInt(Math.min(left, 8));
      int at = text.length() - left + n;
      if (whole && at < text.length() && Character.isLowSurrogate(text.charAt(at))) n++;
      switch (random.nextInt(4)) {
        case 0 -> b.insert(text(random, 3)).retain(n);
        case 1 -> b.delete(n);
        default -> b.retain(n);
      }
      left -= n;
    }
    if (random.nextInt(3) == 0) {
      b.insert(text(random, 4));
    }
    return b.build();
  }
}
