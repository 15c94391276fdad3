package atelier.bag;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Stored documents as a bag holds them: MongoDB Extended JSON v2 in its canonical mode, one document
 * per line, so that a restore gives back exactly what was stored (64-bit numbers, dates, ids) and a
 * person or a tool can still read it.
 */
public final class BagJson {
  private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private BagJson() {}

  public static String line(Document d) {
    return d.toJson(CANONICAL);
  }

  /** Documents as JSON lines, each ending with a newline. */
  public static Buffer lines(List<Document> docs) {
    StringBuilder sb = new StringBuilder();
    for (Document d : docs) sb.append(line(d)).append('\n');
    return Buffer.buffer(sb.toString());
  }

  public static Document parse(String line) {
    try {
      return Document.parse(line);
    } catch (RuntimeException e) {
      throw atelier.errors.ApiError.badField("archive", "malformed_json");
    }
  }
}
