package atelier.board;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The filters of a board view ({@code ?assignee=&label=&due=&blocked=}): all given ones must hold.
 * {@code due=overdue}: due before today and not done; {@code due=soon}: due today or within
 * {@link #SOON_DAYS} days and not done. A card is blocked when one of the cards it is blocked by
 * exists and is not done; done means in the board's last open column.
 */
public record CardFilter(String assignee, String label, String due, Boolean blocked) {
  public static final int SOON_DAYS = 7;
  public static final CardFilter NONE = new CardFilter(null, null, null, null);

  public boolean matches(Card c, LocalDate today, String doneColumn, Map<String, Card> byId) {
    if (assignee != null && !c.assignees().contains(assignee)) return false;
    if (label != null && !c.labels().contains(label)) return false;
    boolean done = c.column().equals(doneColumn);
    if (due != null) {
      if (c.due() == null || done) return false;
      LocalDate d = LocalDate.parse(c.due());
      if (due.equals("overdue") && !d.isBefore(today)) return false;
      if (due.equals("soon") && (d.isBefore(today) || d.isAfter(today.plusDays(SOON_DAYS)))) return false;
    }
    if (blocked != null && blocked != blocked(c, doneColumn, byId)) return false;
    return true;
  }

  public static boolean blocked(Card c, String doneColumn, Map<String, Card> byId) {
    return c.blockedBy().stream().map(byId::get).anyMatch(b -> b != null && !b.column().equals(doneColumn));
  }

  static final Set<String> DUE_VALUES = Set.of("overdue", "soon");
}
