package atelier.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.files.FileClient;
import atelier.support.Api;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Archives: a BagIt bag out of one installation, verified and restored into another, and the purge that leaves a tombstone")
class ArchiveRoundTripTest {
  static TestNode source;
  static TestNode target;
  static World world;
  static String group;
  static World.Person coord;
  static World.Person member;
  static byte[] bag;
  static String fileId;
  static String boardId;
  static String docId;
  static byte[] fileBytes = new byte[300_000];

  @BeforeAll
  static void start() {
    source = TestNode.start(Map.of("limits.messagesPerSecond", "1000000"));
    target = TestNode.start();
    world = new World(source);
    coord = world.person("coord");
    member = world.person("membre");
    group = world.activeGroup(coord);
    world.add(group, member, "member");
    Api api = source.api;
    String base = "/api/spaces/" + group;
    for (int i = 0; i < fileBytes.length; i++) fileBytes[i] = (byte) (i * 31 + 7);
    fileId = new FileClient(source.port()).upload(group, member.token(), "mesures été.bin", fileBytes).json().getString("id");
    JsonObject root = api.post(base + "/channels/general/messages", member.token(), new JsonObject().put("clientId", "a")
        .put("text", "Voici les <mesures> & le fichier").put("files", new JsonArray().add(fileId))).json().getJsonObject("message");
    api.post(base + "/channels/general/messages", coord.token(), new JsonObject().put("clientId", "b").put("text", "Merci !")
        .put("thread", root.getString("id")));
    api.patch(base + "/messages/" + root.getString("id"), member.token(), new JsonObject().put("text", "Voici les <mesures> corrigées"));
    api.post(base + "/messages/" + root.getString("id") + "/reactions", coord.token(), new JsonObject().put("emoji", "👍"));
    String veille = api.post(base + "/channels", coord.token(), new JsonObject().put("name", "veille")).json().getString("id");
    for (int i = 0; i < 1_200; i++) { // more than a page of the store
      Api.Reply sent = api.post(base + "/channels/" + veille + "/messages", member.token(), new JsonObject().put("clientId", "v" + i)
          .put("text", "Veille n° " + i));
      assertEquals(201, sent.status(), sent.toString());
    }
    JsonObject board = api.post(base + "/boards", member.token(), new JsonObject().put("name", "Suivi des livrables")).json();
    boardId = board.getString("id");
    String cards = base + "/boards/" + boardId + "/cards";
    String todo = board.getJsonArray("columns").getJsonObject(0).getString("id");
    String first = api.post(cards, member.token(), new JsonObject().put("column", todo).put("title", "Guide")
        .put("assignees", new JsonArray().add(coord.id())).put("due", "2026-06-30")).json().getString("id");
    api.post(cards, coord.token(), new JsonObject().put("column", todo).put("title", "Rapport").put("blockedBy", new JsonArray().add(first)));
    api.post(cards + "/" + first + "/comments", coord.token(), new JsonObject().put("text", "Relu"));
    api.post(cards + "/" + first + "/move", coord.token(), new JsonObject().put("column", board.getJsonArray("columns").getJsonObject(1).getString("id")));
    // A shared document with a history: created, typed into over the socket, renamed.
    docId = api.post(base + "/documents", member.token(), new JsonObject().put("title", "Compte rendu").put("text", "Séchage"))
        .json().getString("id");
    try (atelier.realtime.WsClient ws = atelier.realtime.WsClient.connect(source.vertx, source.port(), member.token())) {
      JsonObject joined = ws.request(new JsonObject().put("type", "doc.join").put("space", group).put("doc", docId));
      long rev = joined.getLong("rev");
      String text = joined.getString("text");
      for (String word : List.of(" solaire", " du bois", " en été")) {
        JsonObject ack = ws.request(new JsonObject().put("type", "doc.op").put("space", group).put("doc", docId).put("rev", rev)
            .put("clientId", "op-" + rev).put("op", new JsonArray().add(text.length()).add(word)));
        assertEquals("ack", ack.getString("type"), ack.encode());
        rev = ack.getLong("rev");
        text += word;
      }
    }
    api.patch(base + "/documents/" + docId, coord.token(), new JsonObject().put("title", "Compte rendu final"));
    Api.Reply closed = api.post(base + "/state", coord.token(), new JsonObject().put("state", "dormant").put("reason", "Terminé")
        .put("closing", new JsonObject().put("outcomes", "Des résultats").put("deliverables", "Un guide").put("lessons", "Des leçons")));
    assertEquals(200, closed.status(), closed.toString());
    Api.Reply r = Bags.download(api, group, coord.token());
    assertEquals(200, r.status(), r.toString());
    assertEquals("application/zip", r.headers().get("Content-Type"));
    bag = r.raw().getBytes();
  }

  @AfterAll
  static void stop() {
    source.close();
    target.close();
  }

  @Test
  @DisplayName("the bag is a valid BagIt bag: tag files, manifests that match every file, counts, readable HTML; the same content gives the same bytes")
  void bagIsValidAndDeterministic() {
    Map<String, byte[]> entries = Bags.entries(bag);
    String root = "atelier-" + group + "/";
    assertTrue(entries.keySet().stream().allMatch(n -> n.startsWith(root)), entries.keySet().toString());
    assertEquals("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", Bags.text(entries, root + "bagit.txt"));
    String manifest = Bags.text(entries, root + "manifest-sha256.txt");
    long payloadFiles = entries.keySet().stream().filter(n -> n.startsWith(root + "data/")).count();
    assertEquals(payloadFiles, manifest.lines().count());
    for (String line : manifest.lines().toList()) {
      String[] parts = line.split("  ", 2);
      assertEquals(parts[0], Bags.sha256(entries.get(root + parts[1])), parts[1]);
    }
    for (String line : Bags.text(entries, root + "tagmanifest-sha256.txt").lines().toList()) {
      String[] parts = line.split("  ", 2);
      assertEquals(parts[0], Bags.sha256(entries.get(root + parts[1])), parts[1]);
    }
    String info = Bags.text(entries, root + "bag-info.txt");
    assertTrue(info.contains("External-Identifier: " + group), info);
    assertTrue(info.contains("Atelier-Messages: 1202"), info);
    assertTrue(info.contains("Atelier-Files: 1"), info);
    assertTrue(info.contains("Atelier-Format-Version: 1"), info);
    assertTrue(info.contains("Atelier-Space-State: dormant"), info);
    assertArrayEquals(fileBytes, entries.get(root + "data/files/" + fileId + "/mesures été.bin"));
    String html = Bags.text(entries, root + "data/channels/general.html");
    assertTrue(html.contains("Voici les &lt;mesures&gt; corrigées"), html);
    assertTrue(html.contains("en réponse à"), html);
    assertTrue(Bags.text(entries, root + "data/mandates.json").contains("Des leçons"));
    assertTrue(Bags.text(entries, root + "data/events.jsonl").contains("message.edited"));
    assertEquals("Séchage solaire du bois en été", Bags.text(entries, root + "data/documents/" + docId + ".md"));
    assertTrue(Bags.text(entries, root + "data/documents.jsonl").contains("Compte rendu final"));
    assertTrue(Bags.text(entries, root + "data/documents/" + docId + ".revisions.jsonl").lines().count() >= 3, "every operation is kept");

    byte[] again = Bags.download(source.api, group, world.admin).raw().getBytes();
    assertArrayEquals(bag, again, "the same content gives the same bytes");
    JsonObject archive = source.api.get("/api/spaces/" + group, world.admin).json().getJsonObject("archive");
    assertEquals(Bags.sha256(bag), archive.getString("sha256"), "the bag's SHA-256 is recorded");
  }

  @Test
  @DisplayName("restored into another installation: dormant, same ids and content, authors as disabled accounts; exported again, the same bag; a second restore is a 409")
  void roundTrip() {
    String admin = target.api.adminToken();
    assertEquals(403, Bags.upload(target.api, bag, new World(target).person("intrus").token(), "application/zip").status());
    Api.Reply restored = Bags.upload(target.api, bag, admin, "application/zip");
    assertEquals(201, restored.status(), restored.toString());
    JsonObject space = restored.json().getJsonObject("space");
    assertEquals(group, space.getString("id"));
    assertEquals("dormant", space.getString("state"));
    assertEquals("Des leçons", space.getJsonObject("closing").getString("lessons"));

    String base = "/api/spaces/" + group;
    assertEquals(source.api.get(base + "/channels/general/messages", world.admin).json(),
        target.api.get(base + "/channels/general/messages", admin).json());
    assertEquals(source.api.get(base + "/boards/" + boardId, world.admin).json(), target.api.get(base + "/boards/" + boardId, admin).json(),
        "the board comes back with its cards, ids, positions, versions and comments");
    String doc = base + "/documents/" + docId;
    assertEquals(source.api.get(doc, world.admin).json(), target.api.get(doc, admin).json(), "the document comes back, text, title and revision");
    assertEquals("Séchage solaire du bois en été", target.api.get(doc, admin).json().getString("text"));
    assertEquals(source.api.get(doc + "?rev=2", world.admin).json(), target.api.get(doc + "?rev=2", admin).json(), "and its history");
    // Dormant and restored, the space is searchable on the target like any other.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    boolean found = false;
    while (!found && System.nanoTime() < deadline) {
      JsonArray results = target.api.get("/api/search?q=" + java.net.URLEncoder.encode("mesures corrigées", StandardCharsets.UTF_8), admin)
          .array("results");
      found = results.stream().anyMatch(r -> ((JsonObject) r).getString("kind").equals("message"));
      if (!found) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    assertTrue(found, "a restored message is found by search");
    JsonArray members = target.api.get(base + "/members", admin).array("members");
    assertEquals(2, members.size());
    byte[] content = target.api.get(base + "/files/" + fileId + "/content", admin).raw().getBytes();
    assertArrayEquals(fileBytes, content);
    JsonObject author = members.stream().map(m -> ((JsonObject) m).getJsonObject("user"))
        .filter(u -> u.getString("id").equals(member.id())).findFirst().orElseThrow();
    assertEquals(member.id(), author.getString("id"), "the author keeps the id the messages refer to");
    assertEquals(401, target.api.post("/api/auth/login", null, new JsonObject().put("email", member.id() + "@archive.invalid")
        .put("password", "x")).status(), "a restored person's account is disabled");

    byte[] again = Bags.download(target.api, group, admin).raw().getBytes();
    Map<String, byte[]> a = Bags.entries(bag);
    Map<String, byte[]> b = Bags.entries(again);
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) assertEquals(new String(a.get(name), StandardCharsets.UTF_8), new String(b.get(name), StandardCharsets.UTF_8), name);
    assertArrayEquals(bag, again, "export → restore → export gives the same bag");

    Api.Reply twice = Bags.upload(target.api, bag, admin, "application/zip");
    assertEquals(409, twice.status(), twice.toString());
  }

  @Test
  @DisplayName("a tampered byte, a changed file, a truncated bag, a bag missing a file, or no ZIP at all is a 400 and nothing is created")
  void refusals() {
    try (TestNode fresh = TestNode.start()) {
      String admin = fresh.api.adminToken();
      String root = "atelier-" + group + "/";
      byte[] flipped = bag.clone();
      flipped[bag.length / 3] ^= 0x5A;
      byte[] changed = Bags.rezip(bag, (name, bytes) -> name.equals(root + "data/channels/general.jsonl")
          ? new String(bytes, StandardCharsets.UTF_8).replace("corrigées", "falsifiées").getBytes(StandardCharsets.UTF_8) : bytes);
      byte[] truncated = Arrays.copyOf(bag, bag.length / 2);
      byte[] dropped = Bags.rezip(bag, (name, bytes) -> name.equals(root + "data/events.jsonl") ? null : bytes);
      Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
      cases.put("flipped byte", flipped);
      cases.put("changed file", changed);
      cases.put("truncated", truncated);
      cases.put("a listed file missing", dropped);
      cases.put("not a zip", "bonjour".getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> c : cases.entrySet()) {
        Api.Reply r = Bags.upload(fresh.api, c.getValue(), admin, "application/zip");
        assertEquals(400, r.status(), c.getKey() + ": " + r);
        assertEquals("bad_request", r.code(), c.getKey());
      }
      assertEquals("checksum_mismatch", Bags.upload(fresh.api, changed, admin, "application/zip").json()
          .getJsonObject("error").getJsonObject("fields").getString("archive"));
      assertEquals(400, Bags.upload(fresh.api, bag, admin, "application/json").status());
      assertEquals(404, fresh.api.get("/api/spaces/" + group, admin).status(), "nothing was created");
      assertEquals(0, fresh.api.get("/api/spaces", admin).array("spaces").size());
    }
  }
}
