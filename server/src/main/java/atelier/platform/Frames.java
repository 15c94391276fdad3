package atelier.platform;

import atelier.errors.ApiError;
import io.vertx.core.json.JsonObject;

/** Reading fields of client frames: a missing or mistyped field is a {@code bad_request} naming it. */
public final class Frames {
  private Frames() {}

  public static String string(JsonObject frame, String name, int maxLength) {
    String v = optString(frame, name, maxLength);
    if (v == null || v.isEmpty()) throw ApiError.badField(name, "required");
    return v;
  }

  public static String optString(JsonObject frame, String name, int maxLength) {
    Object v = frame.getValue(name);
    if (v == null) return null;
    if (!(v instanceof String s)) throw ApiError.badField(name, "invalid");
    if (s.length() > maxLength) throw ApiError.badField(name, "too_long");
    return s;
  }

  /** A whole number ≥ 0, or {@code absent} when the field is missing. */
  public static long optLong(JsonObject frame, String name, long absent) {
    Object v = frame.getValue(name);
    if (v == null) return absent;
    if (!(v instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue()) || n.longValue() < 0) {
      throw ApiError.badField(name, "invalid");
    }
    return n.longValue();
  }

  /** An optional array of at most {@code max} ids (empty when missing). */
  public static java.util.List<String> ids(JsonObject frame, String name, int max) {
    Object v = frame.getValue(name);
    if (v == null) return java.util.List.of();
    if (!(v instanceof io.vertx.core.json.JsonArray a) || a.size() > max) throw ApiError.badField(name, "invalid");
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s) || s.isEmpty() || s.length() > 64 || !s.matches("[A-Za-z0-9_-]+")) throw ApiError.badField(name, "invalid");
      out.add(s);
    }
    return out;
  }

  /** An id as used in paths and frames: letters, digits, '-' and '_'. */
  public static String id(JsonObject frame, String name) {
    String v = string(frame, name, 64);
    if (!v.matches("[A-Za-z0-9_-]+")) throw ApiError.badField(name, "invalid");
    return v;
  }
}
