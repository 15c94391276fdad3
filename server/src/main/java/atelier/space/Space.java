package atelier.space;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A squad or a tactical group's space. A tactical group carries its current {@code mandate} and the
 * earlier ones ({@code mandates}, oldest first); a dormant group its {@code closing} summary; a group
 * approved before its mandate starts its {@code approval} (it stays proposed until then). A purged
 * space ({@code purgedAt}) is a tombstone: its card stays in the directory, its content is gone.
 */
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
    String description,
    Instant stateChangedAt,
    List<PastMandate> mandates,
    Closing closing,
    ArchiveRecord archive,
    Instant purgedAt,
    String language,
    Approval approval) {

  /** The languages a space's content is analysed in (search): French unless said otherwise. */
  public static final java.util.Set<String> LANGUAGES = java.util.Set.of("fr", "en");

  public static final String SQUAD = "squad";
  public static final String TACTICAL = "tactical";

  public boolean dormant() {
    return state == SpaceState.DORMANT;
  }

  /** Approved, waiting for its mandate's start date to become active. */
  public boolean awaitingStart() {
    return state == SpaceState.PROPOSED && approval != null;
  }

  public boolean tactical() {
    return TACTICAL.equals(kind);
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
        d.getString("description"),
        instant(d.getDate("stateChangedAt")),
        d.getList("mandates", Document.class, List.of()).stream().map(PastMandate::from).toList(),
        Closing.from(d.get("closing", Document.class)),
        ArchiveRecord.from(d.get("archive", Document.class)),
        instant(d.getDate("purgedAt")),
        d.getString("language") == null ? "fr" : d.getString("language"),
        Approval.from(d.get("approval", Document.class)));
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
