package atelier.docs;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Groups a revision log, newest first, into versions as people think of them: consecutive
 * revisions by one author with no pause longer than {@link #PAUSE} between them.
 */
final class DocumentHistory {
  static final Duration PAUSE = Duration.ofMinutes(5);

  record Version(long fromRev, long toRev, String author, Instant start, Instant end, int revisions) {
    JsonObject toJson() {
      return new JsonObject()
          .put("rev", toRev)
          .put("fromRev", fromRev)
          .put("author", author)
          .put("start", start.toString())
          .put("end", end.toString())
          .put("revisions", revisions);
    }
  }

  private DocumentHistory() {}

  /** {@code newestFirst}: documents with {@code rev}, {@code author}, {@code at}. */
  static List<Version> group(List<Document> newestFirst) {
    List<Version> out = new ArrayList<>();
    Version current = null;
    for (Document d : newestFirst) {
      long rev = d.get("rev", Number.class).longValue();
      String author = d.getString("author");
      Instant at = d.getDate("at").toInstant();
      if (current != null
          && current.author().equals(author)
          && Duration.between(at, current.start()).compareTo(PAUSE) <= 0) {
        current = new Version(rev, current.toRev(), author, at, current.end(), current.revisions() + 1);
        out.set(out.size() - 1, current);
      } else {
        current = new Version(rev, rev, author, at, at, 1);
        out.add(current);
      }
    }
    return out;
  }
}
