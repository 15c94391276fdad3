package atelier.app;

import atelier.support.TempDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.store.EmbeddedStore;
import atelier.store.Reactive;
import atelier.store.Store;
import atelier.support.NodeProcess;
import atelier.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code migrate --to URI}, from the embedded store of a real node into another store, checked by a node running on the copy. */
@DisplayName("Migrating the embedded store to another MongoDB deployment")
class MigrateTest {
  static Vertx vertx;

  @BeforeAll
  static void init() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  /** collection → documents and indexes, of one database. */
  private static Map<String, String> describe(String uri, String database) {
    Map<String, String> out = new TreeMap<>();
    try (com.mongodb.reactivestreams.client.MongoClient client = com.mongodb.reactivestreams.client.MongoClients.create(uri)) {
      var db = client.getDatabase(database);
      for (String name : Reactive.list(db.listCollectionNames()).await()) {
        if (name.startsWith("system.")) continue;
        long n = Reactive.one(db.getCollection(name).countDocuments()).await();
        TreeSet<String> indexes = new TreeSet<>();
        for (Document i : Reactive.list(db.getCollection(name).listIndexes()).await()) {
          indexes.add(i.getString("name") + (Boolean.TRUE.equals(i.get("unique")) ? " unique" : "") + (Boolean.TRUE.equals(i.get("sparse")) ? " sparse" : ""));
        }
        out.put(name, n + " " + indexes);
      }
    }
    return out;
  }

  @Test
  @DisplayName("every collection, document and index is copied and counted; a second run into the same database is refused; a node runs on the copy")
  void embeddedToEmbedded() throws Exception {
    Path data = TempDirs.create("atelier-migrate-source");
    int port = NodeProcess.freePort();
    JsonArray history;
    String space;
    try (NodeProcess node = NodeProcess.launch(data, port, Map.of(), "--demo").awaitReady()) {
      WebClient c = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
      String token = c.post("/api/auth/login").sendJsonObject(new JsonObject().put("email", "marie.tremblay@cctt.example")
          .put("password", "atelier-demo")).await().bodyAsJsonObject().getString("token");
      space = c.get("/api/spaces").bearerTokenAuthentication(token).send().await().bodyAsJsonObject().getJsonArray("spaces").stream()
          .map(JsonObject.class::cast).filter(s -> "coordinator".equals(s.getString("membership")) && "active".equals(s.getString("state")))
          .findFirst().orElseThrow().getString("id");
      assertEquals(201, c.post("/api/spaces/" + space + "/channels/general/messages").bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("clientId", "avant-migration").put("text", "Avant la migration")).await().statusCode());
      history = c.get("/api/spaces/" + space + "/channels/general/messages").bearerTokenAuthentication(token).send().await()
          .bodyAsJsonObject().getJsonArray("messages");
      node.terminate();
    }
    Map<String, String> source;
    try (EmbeddedStore embedded = EmbeddedStore.onDisk(data, 0)) {
      source = describe(embedded.connectionString(), "atelier");
    }
    assertTrue(source.containsKey("messages") && source.containsKey("events"), source.toString());

    Path targetDir = TempDirs.create("atelier-migrate-target");
    try (EmbeddedStore target = EmbeddedStore.onDisk(targetDir, 0)) {
      String uri = target.connectionString() + "/copie";
      try (NodeProcess migrate = NodeProcess.launch(data, NodeProcess.freePort(), Map.of(), "migrate", "--to", uri)) {
        assertEquals(0, migrate.awaitExit(), String.join("\n", migrate.output));
        String out = String.join("\n", migrate.output);
        assertTrue(out.contains("counts verified") && out.contains("ATELIER_MONGO_URI=" + uri) && out.contains("ATELIER_MONGO_DATABASE=copie"), out);
      }
      assertEquals(source, describe(target.connectionString(), "copie"));

      try (NodeProcess again = NodeProcess.launch(data, NodeProcess.freePort(), Map.of(), "migrate", "--to", uri)) {
        assertEquals(1, again.awaitExit());
        assertTrue(String.join("\n", again.output).contains("migrate into an empty database"), String.join("\n", again.output));
      }
      assertEquals(source, describe(target.connectionString(), "copie"), "the refused run changed nothing");

      try (TestNode copy = TestNode.start(Map.of("mongo.uri", target.connectionString(), "mongo.database", "copie"))) {
        String token = copy.api.post("/api/auth/login", null, new JsonObject().put("email", "marie.tremblay@cctt.example")
            .put("password", "atelier-demo")).json().getString("token");
        assertEquals(history, copy.api.get("/api/spaces/" + space + "/channels/general/messages", token).array("messages"));
      }
    }
  }
}
