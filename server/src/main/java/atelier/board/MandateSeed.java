package atelier.board;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The deliverables of a mandate as card titles. A mandate's {@code deliverables} is free text
 * typed by people: one per line, or separated by semicolons, often as a list ("- ", "• ", "1. ",
 * "a) "). Each becomes one title, without its marker; blanks and repeats are dropped.
 */
public final class MandateSeed {
  private static final Pattern MARKER = Pattern.compile("^\\s*(?:[-*•–·]|\\d{1,3}[.)]|[a-zA-Z][.)])\\s+");
  static final int MAX_TITLE = 200;

  private MandateSeed() {}

  public static List<String> titles(String deliverables) {
    if (deliverables == null) return List.of();
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String line : deliverables.split("\\R|;")) {
      String t = MARKER.matcher(line).replaceFirst("").strip();
      if (t.endsWith(".")) t = t.substring(0, t.length() - 1).strip();
      if (t.isEmpty()) continue;
      out.add(t.length() > MAX_TITLE ? t.substring(0, MAX_TITLE - 1) + "…" : t);
    }
    return new ArrayList<>(out);
  }
}
