package atelier.realtime;

import java.util.Arrays;

/**
 * The follows of one connection, by stream and key, as an array of exactly their number, replaced
 * on each change. A socket follows one or two keys (its space, an open document), and ten thousand
 * idle sockets each held a {@code HashMap} for that (its table, node and topic string: ~170 bytes);
 * one such array is 24 bytes. Changes are rare (a follow, a leave), reads happen on each delivery.
 */
final class Follows {
  static final Follow[] NONE = new Follow[0];

  private Follows() {}

  static Follow get(Follow[] follows, String stream, String key) {
    int i = indexOf(follows, stream, key);
    return i < 0 ? null : follows[i];
  }

  /** {@code follows} with {@code f} in place of the follow of the same stream and key, if any. */
  static Follow[] with(Follow[] follows, Follow f) {
    int i = indexOf(follows, f.type.name(), f.key);
    Follow[] out = Arrays.copyOf(follows, i < 0 ? follows.length + 1 : follows.length);
    out[i < 0 ? follows.length : i] = f;
    return out;
  }

  /** {@code follows} without the follow of {@code stream} and {@code key}. */
  static Follow[] without(Follow[] follows, String stream, String key) {
    int i = indexOf(follows, stream, key);
    if (i < 0) return follows;
    if (follows.length == 1) return NONE;
    Follow[] out = new Follow[follows.length - 1];
    System.arraycopy(follows, 0, out, 0, i);
    System.arraycopy(follows, i + 1, out, i, follows.length - i - 1);
    return out;
  }

  private static int indexOf(Follow[] follows, String stream, String key) {
    for (int i = 0; i < follows.length; i++) {
      Follow f = follows[i];
      if (f.key.equals(key) && f.type.name().equals(stream)) return i;
    }
    return -1;
  }
}
