package atelier.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.store.Reactive;
import atelier.support.Api;
import atelier.support.TestNode;
import atelier.support.World;
import com.mongodb.client.model.Filters;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Files: upload, download, limits, roles and safe serving, over real HTTP")
class FilesTest {
  static final int LIMIT = 2 * 1024 * 1024;
  static final int CHUNK = GridFsBlobStore.CHUNK_BYTES;
  static TestNode node;
  static World world;
  static FileClient files;
  static World.Person coordinator;
  static World.Person member;
  static World.Person other;
  static World.Person observer;
  static World.Person outsider;
  static String space;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("limits.fileBytes", Integer.toString(LIMIT)));
    world = new World(node);
    files = new FileClient(node.port());
    coordinator = world.person("coord");
    member = world.person("membre");
    other = world.person("autre");
    observer = world.person("obs");
    outsider = world.person("dehors");
    space = world.activeGroup(coordinator);
    world.add(space, member, "member");
    world.add(space, other, "member");
    world.add(space, observer, "observer");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static String path(String file) {
    return "/api/spaces/" + space + "/files/" + file;
  }

  static long count(String collection, org.bson.conversions.Bson filter) {
    return Reactive.one(node.atelier.services().store.collection(collection).countDocuments(filter)).await();
  }

  @Test
  @DisplayName("bytes come back identical for sizes around the GridFS chunk boundaries, whole and by range")
  void roundTrips() throws Exception {
    int[] sizes = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17, LIMIT};
    for (int size : sizes) {
      byte[] content = random(size, size);
      FileClient.Answer up = files.upload(space, member.token(), "donnees-" + size + ".bin", content);
      assertEquals(201, up.status(), up.toString());
      JsonObject f = up.json();
      assertEquals(size, f.getLong("size"));
      assertEquals(sha256(content), f.getString("sha256"));
      assertEquals(member.id(), f.getString("uploadedBy"));
      FileClient.Answer down = files.get(path(f.getString("id")) + "/content", observer.token());
      assertEquals(200, down.status());
      assertArrayEquals(content, down.body(), "size " + size);
      assertEquals(Long.toString(size), down.header("Content-Length"));
      if (size > 10) {
        int from = Math.max(0, Math.min(size - 5, CHUNK - 3));
        int to = Math.min(size - 1, from + CHUNK + 5);
        FileClient.Answer part = files.get(path(f.getString("id")) + "/content", observer.token(), "Range", "bytes=" + from + "-" + to);
        assertEquals(206, part.status());
        assertArrayEquals(Arrays.copyOfRange(content, from, to + 1), part.body());
        assertEquals("bytes " + from + "-" + to + "/" + size, part.header("Content-Range"));
        FileClient.Answer tail = files.get(path(f.getString("id")) + "/content", observer.token(), "Range", "bytes=-7");
        assertArrayEquals(Arrays.copyOfRange(content, size - 7, size), tail.body());
        assertEquals(416, files.get(path(f.getString("id")) + "/content", observer.token(), "Range", "bytes=" + size + "-").status());
      }
    }
  }

  @Test
  @DisplayName("the same bytes twice are stored once; deleting one file keeps the other's content")
  void deduplicated() throws Exception {
    byte[] content = random(CHUNK + 100, 42);
    JsonObject a = files.upload(space, member.token(), "a.bin", content).json();
    JsonObject b = files.upload(space, other.token(), "b.bin", content).json();
    assertEquals(a.getString("sha256"), b.getString("sha256"));
    assertEquals(1, count("blobs", Filters.eq("_id", a.getString("sha256"))));
    assertEquals(1, count("content.files", Filters.eq("length", (long) content.length)));
    assertEquals(204, node.api.delete(path(a.getString("id")), member.token()).status());
    assertArrayEquals(content, files.get(path(b.getString("id")) + "/content", member.token()).body());
    assertEquals(204, node.api.delete(path(b.getString("id")), other.token()).status());
    assertEquals(0, count("blobs", Filters.eq("_id", a.getString("sha256"))));
    assertEquals(0, count("content.files", Filters.eq("length", (long) content.length)));
  }

  @Test
  @DisplayName("too large: 413 too_large from the declared length before the body is read, or while streaming; nothing kept")
  void tooLarge() throws Exception {
    String group = world.activeGroup(coordinator);
    long chunksBefore = count("content.chunks", Filters.exists("_id"));
    // Declared: refused from the head alone, before any byte of the body is read (none is ever sent).
    String declared = files.declareOnly(group, coordinator.token(), LIMIT + FilesRoutes.MULTIPART_SLACK + 1);
    assertTrue(declared.startsWith("HTTP/1.1 413"), declared);
    assertTrue(declared.contains("\"code\":\"too_large\""), declared);
    // Streamed (chunked, length unknown): refused once past the limit.
    FileClient.Answer streamed = files.uploadStream(group, coordinator.token(), "gros.bin",
        () -> new ByteArrayInputStream(random(LIMIT + 1, 2)));
    assertEquals(413, streamed.status(), streamed.toString());
    assertEquals("too_large", streamed.code());
    assertTrue(node.api.get("/api/spaces/" + group + "/files", coordinator.token()).array("files").isEmpty());
    assertEquals(chunksBefore, count("content.chunks", Filters.exists("_id")), "no chunk of a refused upload stays");
    // The JSON body limit (http.maxBodyBytes, 256 KiB) is not the upload's: a file of exactly the limit passes.
    FileClient.Answer exact = files.uploadStream(group, coordinator.token(), "juste.bin", () -> new ByteArrayInputStream(random(LIMIT, 3)));
    assertEquals(201, exact.status(), exact.toString());
  }

  @Test
  @DisplayName("concurrent uploads each keep their own bytes")
  void concurrent() throws Exception {
    String group = world.activeGroup(coordinator);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<FileClient.Answer>> ups = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        ups.add(CompletableFuture.supplyAsync(() -> files.upload(group, coordinator.token(), "f" + n + ".bin", random(CHUNK + 1000 * n, 100 + n)), pool));
      }
      for (int i = 0; i < 8; i++) {
        FileClient.Answer a = ups.get(i).get();
        assertEquals(201, a.status(), a.toString());
        byte[] back = files.get("/api/spaces/" + group + "/files/" + a.json().getString("id") + "/content", coordinator.token()).body();
        assertArrayEquals(random(CHUNK + 1000 * i, 100 + i), back);
      }
      assertEquals(8, node.api.get("/api/spaces/" + group + "/files", coordinator.token()).array("files").size());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("observers and members read; observers and outsiders cannot upload; only the uploader or a coordinator renames or deletes")
  void roles() {
    byte[] content = "compte rendu".getBytes(StandardCharsets.UTF_8);
    assertEquals(403, files.upload(space, observer.token(), "obs.txt", content).status());
    FileClient.Answer outsiderUp = files.upload(space, outsider.token(), "x.txt", content);
    assertTrue(outsiderUp.status() == 403 || outsiderUp.status() == 404, outsiderUp.toString());
    JsonObject f = files.upload(space, member.token(), "cr.txt", content).json();
    String id = f.getString("id");
    assertEquals(200, node.api.get("/api/spaces/" + space + "/files", observer.token()).status());
    assertEquals(200, files.get(path(id) + "/content", observer.token()).status());
    int outsiderRead = files.get(path(id) + "/content", outsider.token()).status();
    assertTrue(outsiderRead == 403 || outsiderRead == 404);
    assertEquals(403, node.api.patch(path(id), other.token(), new JsonObject().put("name", "volé.txt")).status());
    assertEquals(403, node.api.delete(path(id), observer.token()).status());
    assertEquals(403, node.api.delete(path(id), other.token()).status());
    Api.Reply renamed = node.api.patch(path(id), member.token(), new JsonObject().put("name", "compte-rendu.txt"));
    assertEquals(200, renamed.status());
    assertEquals("compte-rendu.txt", renamed.json().getString("name"));
    assertEquals(204, node.api.delete(path(id), coordinator.token()).status());
    assertEquals(404, node.api.get(path(id), member.token()).status());
    assertEquals(404, files.get(path(id) + "/content", member.token()).status());
    assertEquals(1, count("events", Filters.and(Filters.eq("space", space), Filters.eq("kind", "file.deleted"), Filters.eq("data.id", id))));
    assertEquals(1, count("events", Filters.and(Filters.eq("space", space), Filters.eq("kind", "file.renamed"))));
  }

  @Test
  @DisplayName("a dormant space's files are read-only: listed and downloaded, never added, renamed or deleted")
  void dormant() {
    String group = world.activeGroup(coordinator);
    world.add(group, member, "member");
    String id = files.upload(group, member.token(), "avant.txt", "avant".getBytes(StandardCharsets.UTF_8)).json().getString("id");
    assertEquals(200, node.api.post("/api/spaces/" + group + "/state", world.admin, new JsonObject().put("state", "dormant")).status());
    FileClient.Answer up = files.upload(group, member.token(), "apres.txt", "après".getBytes(StandardCharsets.UTF_8));
    assertEquals(409, up.status());
    assertEquals("read_only", up.code());
    String file = "/api/spaces/" + group + "/files/" + id;
    assertEquals("read_only", node.api.patch(file, member.token(), new JsonObject().put("name", "x.txt")).code());
    assertEquals("read_only", node.api.delete(file, coordinator.token()).code());
    assertEquals("avant", new String(files.get(file + "/content", member.token()).body(), StandardCharsets.UTF_8));
    assertEquals(1, node.api.get("/api/spaces/" + group + "/files", member.token()).array("files").size());
  }

  @Test
  @DisplayName("hostile names lose their path, controls and bidi overrides; the exact name travels in filename*")
  void hostileNames() {
    Map<String, String> names = Map.of(
        "../../etc/passwd", "passwd",
        "..\\\\windows\\\\system.ini", "system.ini",
        "facture\u202Efdp.exe", "facturefdp.exe",
        "...", "fichier",
        "Rapport d’été 2026.pdf", "Rapport d’été 2026.pdf");
    names.forEach((raw, expected) -> {
      FileClient.Answer up = files.upload(space, member.token(), raw, "x".getBytes(StandardCharsets.UTF_8));
      assertEquals(201, up.status(), up.toString());
      assertEquals(expected, up.json().getString("name"), raw);
    });
    String id = files.upload(space, member.token(), "Rapport d’été 2026.pdf", "x".getBytes(StandardCharsets.UTF_8)).json().getString("id");
    String disposition = files.get(path(id) + "/content", member.token()).header("Content-Disposition");
    // The quoted name is an ASCII fallback for old clients; browsers take filename*, the exact name.
    assertEquals("attachment; filename=\"Rapport d__t_ 2026.pdf\"; filename*=UTF-8''Rapport%20d%E2%80%99%C3%A9t%C3%A9%202026.pdf",
        disposition);
  }

  @Test
  @DisplayName("an HTML file with a script is served as an attachment, never sniffed, under a sandboxing CSP; its type comes from its bytes")
  void htmlIsNeverRendered() {
    byte[] html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.UTF_8);
    JsonObject f = files.upload(space, member.token(), "photo.png", html).json();
    assertFalse(f.getString("type").startsWith("image/"), f.encode());
    FileClient.Answer down = files.get(path(f.getString("id")) + "/content", member.token());
    assertTrue(down.header("Content-Disposition").startsWith("attachment;"), down.header("Content-Disposition"));
    assertEquals("nosniff", down.header("X-Content-Type-Options"));
    assertTrue(down.header("Content-Security-Policy").contains("sandbox"));
    assertTrue(down.header("Content-Security-Policy").contains("default-src 'none'"));
    assertFalse(down.header("Content-Type").startsWith("image/"));
  }

  @Test
  @DisplayName("an image is sniffed as such, shown inline, and gets a thumbnail")
  void imageThumbnail() throws Exception {
    BufferedImage img = new BufferedImage(1200, 600, BufferedImage.TYPE_INT_RGB);
    img.getGraphics().fillRect(100, 100, 400, 200);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(img, "png", png);
    JsonObject f = files.upload(space, member.token(), "schema.dat", png.toByteArray()).json();
    assertEquals("image/png", f.getString("type"));
    assertTrue(f.getBoolean("thumbnail"));
    FileClient.Answer down = files.get(path(f.getString("id")) + "/content", member.token());
    assertTrue(down.header("Content-Disposition").startsWith("inline;"));
    FileClient.Answer thumb = files.get(path(f.getString("id")) + "/thumbnail", member.token());
    assertEquals(200, thumb.status());
    assertEquals("image/png", thumb.header("Content-Type"));
    BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumb.body()));
    assertNotNull(small);
    assertEquals(Thumbnails.EDGE, small.getWidth());
    assertEquals(Thumbnails.EDGE / 2, small.getHeight());
    JsonObject text = files.upload(space, member.token(), "notes.txt", "notes".getBytes(StandardCharsets.UTF_8)).json();
    assertFalse(text.getBoolean("thumbnail"));
    assertEquals(404, files.get(path(text.getString("id")) + "/thumbnail", member.token()).status());
  }

  @Test
  @DisplayName("a PDF's first page becomes its preview; a damaged PDF gets none and is still kept")
  void pdfPreview() throws Exception {
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      // A landscape A4 page with a dark band across its upper half.
      org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage(
          new org.apache.pdfbox.pdmodel.common.PDRectangle(842, 595));
      doc.addPage(page);
      try (org.apache.pdfbox.pdmodel.PDPageContentStream c = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
        c.setNonStrokingColor(0f, 0f, 0f);
        c.addRect(0, 300, 842, 295);
        c.fill();
      }
      doc.save(pdf);
    }
    JsonObject f = files.upload(space, member.token(), "rapport.pdf", pdf.toByteArray()).json();
    assertEquals("application/pdf", f.getString("type"));
    assertTrue(f.getBoolean("thumbnail"), f.encode());
    FileClient.Answer thumb = files.get(path(f.getString("id")) + "/thumbnail", member.token());
    assertEquals(200, thumb.status());
    BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumb.body()));
    assertEquals(Thumbnails.EDGE, small.getWidth());
    assertEquals(Math.round(595f * Thumbnails.EDGE / 842f), small.getHeight(), 1);
    assertEquals(0x000000, small.getRGB(small.getWidth() / 2, 5) & 0xFFFFFF, "the band is drawn at the top");
    assertEquals(0xFFFFFF, small.getRGB(small.getWidth() / 2, small.getHeight() - 5) & 0xFFFFFF, "the page is white below it");
    byte[] broken = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer".getBytes(StandardCharsets.UTF_8);
    JsonObject damaged = files.upload(space, member.token(), "abime.pdf", broken).json();
    assertEquals("application/pdf", damaged.getString("type"));
    assertFalse(damaged.getBoolean("thumbnail"));
  }

  @Test
  @DisplayName("an upload without a file part is a bad_request and keeps nothing")
  void noFilePart() {
    String group = world.activeGroup(coordinator);
    String body = "--" + FileClient.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"autre\"\r\n\r\nvaleur\r\n--" + FileClient.BOUNDARY + "--\r\n";
    FileClient.Answer a = files.send(files.builder("/api/spaces/" + group + "/files", coordinator.token())
        .header("Content-Type", "multipart/form-data; boundary=" + FileClient.BOUNDARY).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertEquals(400, a.status(), a.toString());
    FileClient.Answer json = files.send(files.builder("/api/spaces/" + group + "/files", coordinator.token())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertEquals(400, json.status());
    assertTrue(node.api.get("/api/spaces/" + group + "/files", coordinator.token()).array("files").isEmpty());
  }

  @Test
  @DisplayName("a message carries files of its own space, and only those")
  void messageWithFiles() {
    String id = files.upload(space, member.token(), "plan.txt", "plan".getBytes(StandardCharsets.UTF_8)).json().getString("id");
    String elsewhere = world.activeGroup(coordinator);
    String foreign = files.upload(elsewhere, coordinator.token(), "ailleurs.txt", "x".getBytes(StandardCharsets.UTF_8)).json().getString("id");
    String messages = "/api/spaces/" + space + "/channels/general/messages";
    Api.Reply sent = node.api.post(messages, member.token(), new JsonObject().put("clientId", "f-1").put("text", "Voici le plan")
        .put("files", new io.vertx.core.json.JsonArray().add(id)));
    assertEquals(201, sent.status(), sent.toString());
    assertEquals(List.of(id), sent.json().getJsonObject("message").getJsonArray("files").getList());
    Api.Reply read = node.api.get("/api/spaces/" + space + "/messages/" + sent.json().getJsonObject("message").getString("id"), observer.token());
    assertEquals(List.of(id), read.json().getJsonArray("files").getList());
    for (String bad : List.of(foreign, "0123456789abcdef01234567")) {
      Api.Reply refused = node.api.post(messages, member.token(), new JsonObject().put("clientId", "f-" + bad).put("text", "Pièce jointe")
          .put("files", new io.vertx.core.json.JsonArray().add(bad)));
      assertEquals(400, refused.status(), refused.toString());
    }
    Api.Reply plain = node.api.post(messages, member.token(), new JsonObject().put("clientId", "f-2").put("text", "Sans pièce jointe"));
    assertFalse(plain.json().getJsonObject("message").containsKey("files"));

    // Files without a word: the message's text is empty (not invented); a message with neither is refused.
    Api.Reply bare = node.api.post(messages, member.token(), new JsonObject().put("clientId", "f-3").put("files", new io.vertx.core.json.JsonArray().add(id)));
    assertEquals(201, bare.status(), bare.toString());
    assertEquals("", bare.json().getJsonObject("message").getString("text"));
    assertEquals(List.of(id), bare.json().getJsonObject("message").getJsonArray("files").getList());
    Api.Reply blank = node.api.post(messages, member.token(), new JsonObject().put("clientId", "f-4").put("text", " \n ")
        .put("files", new io.vertx.core.json.JsonArray().add(id)));
    assertEquals("", blank.json().getJsonObject("message").getString("text"));
    for (JsonObject nothing : List.of(new JsonObject().put("clientId", "f-5"), new JsonObject().put("clientId", "f-6").put("text", "  "))) {
      Api.Reply refused = node.api.post(messages, member.token(), nothing);
      assertEquals(400, refused.status(), refused.toString());
      assertTrue(refused.json().getJsonObject("error").getJsonObject("fields").containsKey("text"), refused.toString());
    }
    try (atelier.realtime.WsClient ws = atelier.realtime.WsClient.connect(node.vertx, node.port(), member.token())) {
      JsonObject ack = ws.request(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", "f-7").put("files", new io.vertx.core.json.JsonArray().add(id)));
      assertEquals("ack", ack.getString("type"), ack.encode());
      assertEquals("", ack.getJsonObject("message").getString("text"));
      JsonObject error = ws.request(new JsonObject().put("type", "message.send").put("space", space).put("channel", "general")
          .put("clientId", "f-8"));
      assertEquals("bad_request", error.getString("code"), error.encode());
    }
  }
}
