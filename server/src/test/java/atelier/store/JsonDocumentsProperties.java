package atelier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The direct conversions give exactly what the round trip through JSON text gave, so events and
 * pages read the same as before (and archives keep their bytes).
 */
@Label("JSON ⇄ BSON documents without the text")
class JsonDocumentsProperties {

  @Provide
  Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(8).withChars("aé$.\"\\\u4e2d\ud83d\ude00 0"),
        Arbitraries.integers(),
        Arbitraries.longs(),
        Arbitraries.doubles().between(-1e300, 1e300),
        Arbitraries.of(0.0, -0.0, 1.0, 2.5, 1e21),
        Arbitraries.of(true, false),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<JsonObject> objects() {
    Arbitrary<Object> leaf = scalars();
    Arbitrary<Object> level1 = Arbitraries.oneOf(leaf, leaf.list().ofMaxSize(3).map(l -> new JsonArray(new java.util.ArrayList<>(l))),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4), leaf).ofMaxSize(3)
            .map(m -> new JsonObject(new java.util.LinkedHashMap<>(m))));
    return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5), level1).ofMaxSize(5)
        .map(m -> new JsonObject(new java.util.LinkedHashMap<>(m)));
  }

  @Property(tries = 1000)
  @Label("JSON to BSON gives what parsing its text gives")
  void toDocument(@ForAll("objects") JsonObject json) {
    assertEquals(Document.parse(json.encode()), JsonDocuments.toDocument(json), json::encode);
  }

  @Property(tries = 1000)
  @Label("BSON to JSON gives what parsing its text gives")
  void toJson(@ForAll("objects") JsonObject json) {
    Document doc = Document.parse(json.encode());
    assertEquals(new JsonObject(doc.toJson()), JsonDocuments.toJson(doc), doc::toJson);
  }

  @Property(tries = 200)
  @Label("values JSON has no word for keep the form their text gave")
  void otherValues(@ForAll("objects") JsonObject json) {
    Document doc = Document.parse(json.encode()).append("when", new Date(1_700_000_000_000L))
        .append("id", new ObjectId("65a0c0ffee00000000000001")).append("nan", Double.NaN);
    assertEquals(new JsonObject(doc.toJson()), JsonDocuments.toJson(doc));
    JsonObject withInstant = json.copy().put("at", Instant.ofEpochMilli(1_700_000_000_000L));
    assertEquals(Document.parse(withInstant.encode()), JsonDocuments.toDocument(withInstant));
  }
}
