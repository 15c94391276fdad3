package atelier.search;

import java.time.Instant;
import java.util.Set;

/**
 * A search as asked: the text, optional filters (spaces, kinds, author, a time window) and how many
 * results. Built and checked by {@link SearchRoutes}.
 */
public record SearchRequest(String q, Set<String> spaces, Set<String> kinds, String author, Instant from, Instant to, int limit) {
  public static final Set<String> KINDS = Set.of("message", "document", "card", "file", "space");
  public static final int MAX_QUERY = 200;
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
}
