package atelier.lifecycle;

import atelier.space.Mandate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The words of a mandate reminder posted in {@code general} (French: the network's language). */
final class ReminderText {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.CANADA_FRENCH);

  private ReminderText() {}

  static String of(Mandate m, long days) {
    String when = days <= 0 ? "aujourd’hui" : days == 1 ? "demain" : "dans " + days + " jours";
    return "⏳ Le mandat de ce groupe prend fin " + when + " (le " + DAY.format(m.end()) + "). "
        + "Les coordinateurs peuvent le prolonger, ou le clore avec un bilan : résultats, livrables, leçons apprises.";
  }
}
