package atelier.space;

import java.time.Instant;
import org.bson.Document;

/** A squad or a tactical group's space. */
public record Space(
    String id,
    String kind,
    String name,
    SpaceState state,
    String theme,
    String squad,
    Mandate mandate,
    Instant createdAt,
    String createdBy,
    String stateReason,
    String description) {

  public static final String SQUAD = "squad";
  public static final String TACTICAL = "tactical";

  public boolean dormant() {
    return state == SpaceState.DORMANT;
  }

  static Space from(Document d) {
    return new Space(
        d.getString("_id"),
        d.getString("kind"),
        d.getString("name"),
        SpaceState.of(d.getString("state")),
        d.getString("theme"),
        d.getString("squad"),
        Mandate.from(d.get("mandate", Document.class)),
        d.getDate("createdAt").toInstant(),
        d.getString("createdBy"),
        d.getString("stateReason"),
        d.getString("description"));
  }
}
