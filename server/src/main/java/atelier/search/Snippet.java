package atelier.search;

import io.vertx.core.json.JsonArray;
import java.util.List;

/**
 * A piece of a hit's text with the matched words as {@code [start, end)} ranges of it (UTF-16 units,
 * as JavaScript counts). Ranges rather than markup: the client builds text nodes and {@code <mark>}s
 * itself, so nothing of a message is ever parsed as HTML.
 */
public record Snippet(String text, List<int[]> ranges) {
  public JsonArray rangesJson() {
    JsonArray a = new JsonArray();
    ranges.forEach(r -> a.add(new JsonArray().add(r[0]).add(r[1])));
    return a;
  }
}
