package atelier.files;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * File names as people send them, made safe to store and to hand back: no path, no control or
 * bidirectional-override characters, no leading dots, at most {@link #MAX} characters; and the
 * {@code Content-Disposition} that carries them (RFC 6266 with an RFC 5987 {@code filename*}).
 */
public final class FileNames {
  static final int MAX = 200;
  static final String FALLBACK = "fichier";

  private FileNames() {}

  public static String sanitise(String raw) {
    if (raw == null) return FALLBACK;
    String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    StringBuilder sb = new StringBuilder();
    name.codePoints().filter(cp -> !unsafe(cp)).forEach(sb::appendCodePoint);
    name = sb.toString().strip().replaceAll("^[.\\s]+", "").replaceAll("[.\\s]+$", "");
    if (name.codePointCount(0, name.length()) > MAX) name = name.substring(0, name.offsetByCodePoints(0, MAX)).strip();
    return name.isEmpty() ? FALLBACK : name;
  }

  private static boolean unsafe(int cp) {
    int type = Character.getType(cp);
    // Cc: control; Cf: format (bidi overrides that disguise "gpj.exe" as "exe.jpg", zero-width marks);
    // Cs: lone surrogates; Cn: unassigned.
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED
        || cp == '"' || cp == ':' || cp == '*' || cp == '?' || cp == '<' || cp == '>' || cp == '|';
  }

  /** {@code attachment} (or {@code inline}) with an ASCII fallback and the exact name in UTF-8. */
  public static String contentDisposition(String name, boolean inline) {
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' && cp != '%' ? (char) cp : '_'));
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
