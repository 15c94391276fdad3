package atelier.board;

import java.util.random.RandomGenerator;

/**
 * Fractional position keys: ASCII strings over {@code 0-9A-Za-z} (in that order, which is also their
 * ASCII order), compared as plain strings. A key never ends with {@code 0}, so there is always a key
 * before any key, and between any two. {@link #between} picks a key at random inside the gap and
 * adds random digits, so two people dropping a card at the same place at the same moment get
 * different keys (the unique index on positions catches the rare tie; the caller then draws again).
 * Inserting only touches the inserted card: nothing else of the column is rewritten.
 *
 * <p>Appending at the end (or the top) steps the first digits by little, so a column filled one
 * card after the other keeps short keys (about one more character per 20 cards: a 500-card column has keys of some 30 characters).
 */
public final class PositionKeys {
  static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static final int BASE = DIGITS.length();
  /** Random digits appended after the chosen one: 62 × 62 × 61 tails, so concurrent inserts at one place differ. */
  static final int JITTER_DIGITS = 3;
  /** How far an append (or a prepend) may step: small, so that keys stay short. */
  private static final int END_STEP = 2;

  private final RandomGenerator random;

  public PositionKeys(RandomGenerator random) {
    this.random = random;
  }

  /** Whether {@code key} is a valid position: non-empty, only our digits, not ending with the lowest one. */
  public static boolean valid(String key) {
    if (key == null || key.isEmpty() || key.charAt(key.length() - 1) == DIGITS.charAt(0)) return false;
    return key.chars().allMatch(c -> DIGITS.indexOf(c) >= 0);
  }

  /**
   * A fresh key strictly between {@code before} and {@code after}: {@code null} for {@code before}
   * means "the start of the column", {@code null} for {@code after} "its end".
   *
   * @throws IllegalArgumentException if a key is invalid or {@code before >= after}
   */
  public String between(String before, String after) {
    if ((before != null && !valid(before)) || (after != null && !valid(after))) throw new IllegalArgumentException("invalid key");
    if (before != null && after != null && before.compareTo(after) >= 0) throw new IllegalArgumentException(before + " >= " + after);
    String a = before == null ? "" : before;
    StringBuilder out = new StringBuilder();
    boolean tightLow = true; // what we wrote so far equals a's prefix
    boolean tightHigh = after != null; // ... equals after's prefix
    for (int i = 0; ; i++) {
      int low = tightLow ? digit(a, i) : 0;
      int high = tightHigh ? digit(after, i) : BASE - 1;
      // Digits at which we may stop: above a's (a prefix of a is not after a) and below after's.
      int stopLow = tightLow ? (i < a.length() ? low + 1 : 1) : 1;
      int stopHigh = tightHigh ? high - 1 : BASE - 1;
      if (stopLow <= stopHigh) {
        int from = stopLow;
        int to = stopHigh;
        if (after == null) to = Math.min(to, from + END_STEP - 1); // appending: small steps
        else if (before == null) from = Math.max(from, to - END_STEP + 1); // prepending: small steps down
        out.append(DIGITS.charAt(from + random.nextInt(to - from + 1)));
        return jitter(out);
      }
      // No room at this digit: follow a (then anything above a's next digits is below after).
      out.append(DIGITS.charAt(low));
      if (low < high) tightHigh = false;
    }
  }

  /** Random digits after the chosen one; any tail keeps the key inside the gap once it left both bounds. */
  private String jitter(StringBuilder key) {
    for (int j = 0; j < JITTER_DIGITS - 1; j++) key.append(DIGITS.charAt(random.nextInt(BASE)));
    key.append(DIGITS.charAt(1 + random.nextInt(BASE - 1)));
    return key.toString();
  }

  private static int digit(String key, int i) {
    return i < key.length() ? DIGITS.indexOf(key.charAt(i)) : 0;
  }
}
