package atelier.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Converts between Vert.x JSON and BSON documents directly, value by value, giving what a round trip
 * through JSON text gives ({@code Document.parse(json.encode())}, {@code new JsonObject(doc.toJson())})
 * for the values JSON has — strings, numbers, booleans, null, objects, arrays — without writing and
 * parsing the text: reading events did that for every event of every page. Any other value (a date,
 * an id, bytes) goes through the text as before, so its form does not change.
 */
public final class JsonDocuments {
  private JsonDocuments() {}

  public static JsonObject toJson(Document doc) {
    JsonObject out = new JsonObject(new java.util.LinkedHashMap<>(doc.size() * 2));
    for (Map.Entry<String, Object> e : doc.entrySet()) out.put(e.getKey(), fromBson(e.getValue()));
    return out;
  }

  public static Document toDocument(JsonObject json) {
    Document out = new Document();
    for (Map.Entry<String, Object> e : json.getMap().entrySet()) out.append(e.getKey(), toBson(e.getValue()));
    return out;
  }

  private static Object fromBson(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long) return v;
    if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) return d;
    if (v instanceof Document d) return toJson(d);
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object x : list) out.add(fromBson(x));
      return new JsonArray(out);
    }
    return new JsonObject(new Document("v", v).toJson()).getValue("v");
  }

  private static Object toBson(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean) return v;
    if (v instanceof Integer || v instanceof Long) {
      long n = ((Number) v).longValue();
      return n == (int) n ? (Object) (int) n : (Object) n; // as parsing the text does: Int32 when it fits
    }
    if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) return d;
    if (v instanceof JsonObject o) return toDocument(o);
    if (v instanceof Map<?, ?> m) return toDocument(new JsonObject(castMap(m)));
    if (v instanceof JsonArray a) return listToBson(a.getList());
    if (v instanceof List<?> l) return listToBson(l);
    return Document.parse(new JsonObject().put("v", v).encode()).get("v");
  }

  private static List<Object> listToBson(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (Object x : list) out.add(toBson(x));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
