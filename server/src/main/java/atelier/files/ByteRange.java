package atelier.files;

import java.util.Optional;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-}
 * or {@code bytes=-n}. Several ranges are answered whole (as the RFC allows), so only one is parsed.
 */
public record ByteRange(long from, long length) {

  /** Empty when the header is absent, malformed or has several ranges (the whole file is sent). */
  public static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) return Optional.empty();
    String spec = header.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) return Optional.empty();
    try {
      String a = spec.substring(0, dash).strip();
      String b = spec.substring(dash + 1).strip();
      if (a.isEmpty()) {
        if (b.isEmpty()) return Optional.empty();
        long n = Long.parseLong(b);
        if (n <= 0 || size == 0) throw new Unsatisfiable();
        long len = Math.min(n, size);
        return Optional.of(new ByteRange(size - len, len));
      }
      long from = Long.parseLong(a);
      long to = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (from < 0 || to < 0) return Optional.empty();
      if (from >= size) throw new Unsatisfiable();
      if (to < from) return Optional.empty();
      return Optional.of(new ByteRange(from, to - from + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public String contentRange(long size) {
    return "bytes " + from + "-" + (from + length - 1) + "/" + size;
  }

  /** The range starts at or after the end of the file: 416 with {@code Content-Range: bytes * /size}. */
  public static final class Unsatisfiable extends Exception {
    Unsatisfiable() {
      super(null, null, false, false);
    }
  }
}
