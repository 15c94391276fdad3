package atelier.search;

import java.time.Instant;
import org.bson.Document;

/**
 * A space as the index sees it: what its card shows and what decides who may find it. {@code
 * language} is the space's {@code language} field when it has one ({@code fr} by default);
 * {@code summary} is its closing summary if it has one ({@code closing}: outcomes, deliverables,
 * lessons), else the reason given
 * when it went dormant.
 */
public record IndexedSpace(
    String id,
    String kind,
    String name,
    String state,
    String theme,
    String mandate,
    String summary,
    String language,
    String createdBy,
    Instant createdAt) {

  /** The state indexed for a group approved before its mandate's start (it stays {@code proposed} in the store). */
  static final String APPROVED = "approved";

  static IndexedSpace from(Document d) {
    Document m = d.get("mandate", Document.class);
    String mandate = m == null ? null : String.join("\n", nonNull(m.getString("issue")), nonNull(m.getString("objectives")),
        nonNull(m.getString("deliverables"))).strip();
    Document closing = d.get("closing", Document.class);
    String summary = closing == null ? null : String.join("\n", nonNull(closing.getString("outcomes")),
        nonNull(closing.getString("deliverables")), nonNull(closing.getString("lessons"))).strip();
    if ((summary == null || summary.isBlank()) && "dormant".equals(d.getString("state"))) summary = d.getString("stateReason");
    String language = "en".equals(d.getString("language")) ? Analyzers.EN : Analyzers.FR;
    // Approved and waiting for its start date: public like the directory shows it (see Scope).
    String state = "proposed".equals(d.getString("state")) && d.get("approval") != null ? APPROVED : d.getString("state");
    Instant created = d.getDate("createdAt") == null ? Instant.EPOCH : d.getDate("createdAt").toInstant();
    return new IndexedSpace(d.getString("_id"), d.getString("kind"), nonNull(d.getString("name")), state,
        d.getString("theme"), mandate, summary, language, d.getString("createdBy"), created);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
