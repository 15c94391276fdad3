package atelier.text;

import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * What people may type: a message or a name must show something (text made only of spaces, NBSP,
 * zero-width characters, BOM or NUL counts as blank), never holds half of a UTF-16 surrogate pair
 * (it cannot be stored faithfully), and a name holds no control or bidirectional-override character
 * (a name like {@code Bob\u202Enimda} displays as another person's). Message text keeps bidi marks,
 * which right-to-left writing needs.
 */
public final class TextRules {
  private TextRules() {}

  /** Letters that draw nothing (Hangul fillers, the braille blank, the combining grapheme joiner). */
  private static boolean invisibleLetter(int cp) {
    return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800 || cp == 0x034F;
  }

  private static boolean bidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
  }

  /** Whether the string shows at least one character. */
  public static boolean visible(String s) {
    return s.codePoints().anyMatch(cp -> {
      int type = Character.getType(cp);
      return !(Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL
          || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED || invisibleLetter(cp));
    });
  }

  /** Whether a char of the string is half of a surrogate pair without its other half. */
  public static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
        else return true;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Message text: {@code bad_request} naming {@code field} unless it shows something and holds no NUL-like control. */
  public static String requireText(String field, String text) {
    if (text == null || !visible(text)) throw ApiError.badField(field, "required");
    if (hasLoneSurrogate(text) || text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F)) {
      throw ApiError.badField(field, "invalid");
    }
    return text;
  }

  /** A name (person, space, channel, organisation): visible, and no control or bidi-override character. */
  public static String requireName(String field, String name) {
    if (name == null || !visible(name)) throw ApiError.badField(field, "required");
    boolean hidden = name.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL || bidiControl(cp));
    if (hidden || hasLoneSurrogate(name)) {
      throw ApiError.badField(field, "invalid");
    }
    return name;
  }

  /** The path of the first string (key or value) holding a lone surrogate in a JSON value, or null. */
  public static String loneSurrogatePath(Object json, String path) {
    if (json instanceof String s) return hasLoneSurrogate(s) ? path : null;
    if (json instanceof JsonObject o) json = o.getMap();
    if (json instanceof JsonArray a) json = a.getList();
    if (json instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        String at = path.isEmpty() ? key : path + "." + key;
        if (hasLoneSurrogate(key)) return at;
        String found = loneSurrogatePath(e.getValue(), at);
        if (found != null) return found;
      }
    } else if (json instanceof Iterable<?> list) {
      int i = 0;
      for (Object v : list) {
        String found = loneSurrogatePath(v, path + "[" + i++ + "]");
        if (found != null) return found;
      }
    }
    return null;
  }
}
