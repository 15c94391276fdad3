package atelier.search;

import java.time.Instant;
import java.util.Map;

/**
 * One findable thing as a kind hands it to the index: a message, a space card, later a document, a
 * card or a file. {@code title} may be null (messages have none); {@code attrs} are stored as they
 * are and given back with each hit so the kind can build its link (a message's channel and thread).
 */
public record SearchDoc(
    String kind,
    String id,
    String space,
    String language,
    String title,
    String text,
    String author,
    Instant at,
    Map<String, String> attrs) {

  public SearchDoc {
    attrs = Map.copyOf(attrs);
    if (!Analyzers.EN.equals(language)) language = Analyzers.FR;
  }
}
