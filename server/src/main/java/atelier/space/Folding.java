package atelier.space;

import java.text.Normalizer;
import java.util.Locale;

/** Text as people compare it in French: case, accents and runs of spaces ignored. */
public final class Folding {
  private Folding() {}

  public static String fold(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
  }
}
