package atelier.http;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** People-facing texts, French first, English on request ({@code messages_*.properties}). */
public final class Messages {
  public static final Locale FRENCH = Locale.FRENCH;
  public static final Locale ENGLISH = Locale.ENGLISH;

  private Messages() {}

  public static String text(Locale locale, String key, Object... args) {
    try {
      ResourceBundle bundle = ResourceBundle.getBundle("i18n.messages", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
      String pattern = bundle.getString(key);
      return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    } catch (MissingResourceException e) {
      return key;
    }
  }

  /** French unless the first language the client prefers is English. */
  public static Locale pick(List<String> preferred) {
    for (String tag : preferred) {
      String t = tag.toLowerCase(Locale.ROOT);
      if (t.startsWith("en")) return ENGLISH;
      if (t.startsWith("fr")) return FRENCH;
    }
    return FRENCH;
  }
}
