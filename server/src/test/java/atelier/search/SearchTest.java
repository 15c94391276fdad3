package atelier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.store.Reactive;
import atelier.support.Api;
import atelier.support.TestNode;
import atelier.support.World;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code GET /api/search} on a real node over HTTP: French relevance, permissions, freshness, filters, bad input. */
@DisplayName("Search across spaces")
class SearchTest {
  static TestNode node;
  static World world;
  static SearchClient search;
  static World.Person marie;
  static World.Person paul;
  static String energy;
  static String digital;
  static String sechoirABois;
  static String sechoirsSolaires;
  static String humidite;
  static String comite;
  static String chat;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    world = new World(node);
    search = new SearchClient(node.api);
    marie = world.person("marie");
    paul = world.person("paul");
    energy = world.squad("Transition énergétique");
    digital = world.squad("Numérique");
    world.add(energy, marie, "member");
    world.add(digital, paul, "member");
    sechoirABois = send(energy, marie, "Le séchoir à bois de l'atelier consomme trop d'énergie");
    sechoirsSolaires = send(energy, marie, "Nos séchoirs solaires fonctionnent bien pendant l'été");
    humidite = send(energy, marie, "L'humidité du bois après le séchage reste élevée");
    comite = send(energy, marie, "Réunion du comité énergie jeudi à 14 h");
    chat = send(energy, marie, "Le chat de la voisine dort sur le séchoir");
    send(digital, paul, "Le séchoir numérique du centre de Rimouski");
    search.until(marie.token(), "voisine", r -> SearchClient.ids(r).contains(chat));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String send(String space, World.Person who, String text) {
    Api.Reply r = node.api.post("/api/spaces/" + space + "/channels/general/messages", who.token(),
        new JsonObject().put("clientId", UUID.randomUUID().toString()).put("text", text));
    if (r.status() != 201) throw new AssertionError(r.toString());
    return r.json().getJsonObject("message").getString("id");
  }

  static List<String> messages(String token, String q) {
    return SearchClient.ids(search.search(token, q, "kind=message"));
  }

  @Test
  @DisplayName("a plural finds the singular and the plural, with or without accents")
  void pluralsAndAccents() {
    for (String q : List.of("séchoirs", "sechoirs", "SÉCHOIR", "sechoir")) {
      List<String> ids = messages(marie.token(), q);
      assertTrue(ids.containsAll(List.of(sechoirABois, sechoirsSolaires, chat)), q + " → " + ids);
      assertFalse(ids.contains(comite), q + " → " + ids);
    }
  }

  @Test
  @DisplayName("elisions are taken off: humidite finds l'humidité, energie finds d'énergie")
  void elisions() {
    assertEquals(List.of(humidite), messages(marie.token(), "humidite"));
    List<String> energie = messages(marie.token(), "energie");
    assertTrue(energie.containsAll(List.of(sechoirABois, comite)), energie.toString());
    assertEquals(List.of(humidite), messages(marie.token(), "l'humidité"));
  }

  @Test
  @DisplayName("a quoted phrase matches those exact words in order, unstemmed")
  void phrase() {
    assertEquals(List.of(sechoirABois), messages(marie.token(), "\"séchoir à bois\""));
    assertEquals(List.of(sechoirsSolaires), messages(marie.token(), "\"séchoirs solaires\""));
    assertEquals(List.of(), messages(marie.token(), "\"séchoir solaire\""));
  }

  @Test
  @DisplayName("the word being typed matches as a prefix; with a space after it, it is a whole word")
  void prefix() {
    List<String> typing = messages(marie.token(), "séch");
    assertTrue(typing.containsAll(List.of(sechoirABois, sechoirsSolaires, humidite, chat)), typing.toString());
    assertEquals(List.of(), messages(marie.token(), "séch "));
    assertEquals(List.of(humidite), messages(marie.token(), "bois hum"));
  }

  @Test
  @DisplayName("every word is required, and the best match comes first; a typo in a long word is forgiven")
  void ranking() {
    List<String> both = messages(marie.token(), "séchoir bois");
    assertEquals(sechoirABois, both.get(0), both.toString());
    assertFalse(both.contains(chat), both.toString());
    assertEquals(List.of(humidite), messages(marie.token(), "humidté"));
    assertEquals(List.of(humidite), messages(marie.token(), "le séchage"));
  }

  @Test
  @DisplayName("the snippet marks the matched words as ranges of its text")
  void highlights() {
    JsonObject hit = search.search(marie.token(), "sechoirs solaire", "kind=message").get(0);
    assertEquals(sechoirsSolaires, hit.getString("id"));
    String snippet = hit.getString("snippet");
    JsonArray ranges = hit.getJsonArray("highlights");
    assertEquals(2, ranges.size(), hit.encode());
    assertEquals("séchoirs", snippet.substring(ranges.getJsonArray(0).getInteger(0), ranges.getJsonArray(0).getInteger(1)));
    assertEquals("solaires", snippet.substring(ranges.getJsonArray(1).getInteger(0), ranges.getJsonArray(1).getInteger(1)));
    assertEquals(energy, hit.getJsonObject("space").getString("id"));
    assertTrue(hit.getJsonObject("space").getString("name").startsWith("Transition énergétique"), hit.encode());
    assertEquals(marie.id(), hit.getString("author"));
    assertEquals("/spaces/" + energy + "/discussions/general?message=" + sechoirsSolaires, hit.getString("link"));
  }

  @Test
  @DisplayName("a long message gives a snippet around the match, cut with ellipses")
  void longSnippet() {
    String filler = "Compte rendu de la réunion, points divers et suivis administratifs. ".repeat(8);
    String id = send(energy, marie, filler + "Le thermographe infrarouge est arrivé. " + filler);
    JsonObject hit = search.until(marie.token(), "thermographe", r -> SearchClient.ids(r).contains(id)).get(0);
    String snippet = hit.getString("snippet");
    assertTrue(snippet.startsWith("…") && snippet.endsWith("…") && snippet.length() < 260, snippet);
    JsonArray r = hit.getJsonArray("highlights").getJsonArray(0);
    assertEquals("thermographe", snippet.substring(r.getInteger(0), r.getInteger(1)));
  }

  @Test
  @DisplayName("only spaces one belongs to: another squad's messages are never found")
  void permissions() {
    assertEquals(List.of(), messages(paul.token(), "voisine"));
    List<String> numerique = messages(paul.token(), "séchoir");
    assertEquals(1, numerique.size(), numerique.toString());
    World.Person outsider = world.person("outsider");
    assertEquals(List.of(), messages(outsider.token(), "séchoir"));
    // administrators read every space
    List<String> admin = messages(world.admin, "séchoir");
    assertTrue(admin.containsAll(List.of(sechoirABois, numerique.get(0))), admin.toString());
  }

  @Test
  @DisplayName("right after leaving a space its messages are no longer found, and after joining they are")
  void leaving() {
    World.Person lea = world.person("lea");
    String group = world.squad("Agroalimentaire");
    world.add(group, lea, "observer");
    String id = send(group, marie(group), "Fromagerie coopérative et pasteurisation douce");
    search.until(lea.token(), "pasteurisation", r -> SearchClient.ids(r).contains(id));
    Api.Reply left = node.api.delete("/api/spaces/" + group + "/members/" + lea.id(), lea.token());
    assertTrue(left.status() == 200 || left.status() == 204, left.toString());
    assertEquals(List.of(), messages(lea.token(), "pasteurisation"));
    world.add(group, lea, "member");
    assertEquals(List.of(id), messages(lea.token(), "pasteurisation"));
  }

  private static World.Person marie(String group) {
    world.add(group, marie, "member");
    return marie;
  }

  @Test
  @DisplayName("an edit shows within seconds: the new words are found, the old ones no longer")
  void edit() {
    String id = send(energy, marie, "Essai de granulés de peuplier");
    search.until(marie.token(), "peuplier", r -> SearchClient.ids(r).contains(id));
    Api.Reply r = node.api.patch("/api/spaces/" + energy + "/messages/" + id, marie.token(), new JsonObject().put("text", "Essai de granulés de bouleau"));
    assertEquals(200, r.status(), r.toString());
    search.until(marie.token(), "bouleau", res -> SearchClient.ids(res).contains(id));
    assertEquals(List.of(), messages(marie.token(), "peuplier"));
  }

  @Test
  @DisplayName("a burst of messages, written while earlier batches wait their turn to be refreshed, is found whole")
  void burst() {
    // More messages than one refresh interval's batch: the first goes at once, the others gather
    // behind its timer (IndexQueue.MIN_FLUSH_MS), and none may be left out.
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 25; i++) ids.add(send(energy, marie, "Relevé tourbière numéro " + i));
    List<JsonObject> found = search.until(marie.token(), "tourbière", "kind=message&limit=50", r -> SearchClient.ids(r).containsAll(ids));
    assertEquals(25, found.size(), found.toString());
  }

  @Test
  @DisplayName("a deletion shows within seconds: the message is no longer found")
  void delete() {
    String id = send(energy, marie, "Calendrier du chantier de mélèze");
    search.until(marie.token(), "mélèze", r -> SearchClient.ids(r).contains(id));
    assertEquals(200, node.api.delete("/api/spaces/" + energy + "/messages/" + id, marie.token()).status());
    search.until(marie.token(), "mélèze", List::isEmpty);
  }

  @Test
  @DisplayName("space cards: found by anyone by name, theme or mandate; a proposal only by its author")
  void spaces() {
    List<JsonObject> cards = search.search(paul.token(), "transition energetique", "kind=space");
    assertEquals(List.of(energy), SearchClient.ids(cards));
    JsonObject card = cards.get(0);
    assertTrue(card.getString("title").startsWith("Transition énergétique"), card.encode());
    assertFalse(card.getJsonArray("titleHighlights").isEmpty(), card.encode());
    assertEquals("/spaces/" + energy, card.getString("link"));
    // A proposed tactical group: its mandate is searchable by its author, not by others.
    JsonObject mandate = World.mandate().put("issue", "Valoriser les écorces de résineux");
    Api.Reply p = node.api.post("/api/spaces", paul.token(), new JsonObject().put("kind", "tactical").put("name", "Écorces").put("mandate", mandate));
    assertEquals(201, p.status(), p.toString());
    String proposal = p.json().getString("id");
    search.until(paul.token(), "écorce", "kind=space", r -> SearchClient.ids(r).contains(proposal));
    assertEquals(List.of(), SearchClient.ids(search.search(marie.token(), "écorce", "kind=space")));
    assertEquals(List.of(proposal), SearchClient.ids(search.search(world.admin, "écorce", "kind=space")));
  }

  @Test
  @DisplayName("a dormant space's messages are still found by its members")
  void dormant() {
    String group = world.squad("Archives");
    world.add(group, paul, "member");
    String id = send(group, paul, "Bilan final du projet de cogénération");
    assertEquals(200, node.api.post("/api/spaces/" + group + "/state", world.admin, new JsonObject().put("state", "dormant")
        .put("reason", "Mandat terminé")).status());
    search.until(paul.token(), "cogeneration", r -> SearchClient.ids(r).contains(id));
    // the card shows the reason it closed
    search.until(paul.token(), "mandat terminé", "kind=space", r -> SearchClient.ids(r).contains(group));
  }

  @Test
  @DisplayName("a space in English is analysed in English: plurals and verb forms meet; changing a space's language re-indexes what it holds")
  void english() {
    // Created in English through the API.
    Api.Reply created = node.api.post("/api/spaces", world.admin, new JsonObject().put("kind", "squad").put("name", "Kilns")
        .put("theme", "Bois").put("language", "en"));
    assertEquals(201, created.status(), created.toString());
    assertEquals("en", created.json().getString("language"));
    String group = created.json().getString("id");
    world.add(group, paul, "member");
    String id = send(group, paul, "The kilns were drying the maple boards");
    search.until(paul.token(), "kiln dried board", r -> SearchClient.ids(r).contains(id));
    JsonObject hit = search.search(paul.token(), "kiln dried board", "kind=message").get(0);
    assertEquals(3, hit.getJsonArray("highlights").size(), hit.encode());

    // A French space's message, written in English: English word forms do not meet until the
    // coordinators say the space is in English; then what it already holds is analysed again.
    String french = world.squad("Séchoirs anglophones");
    world.add(french, paul, "coordinator");
    String old = send(french, paul, "Drying the boards in solar kilns");
    search.until(paul.token(), "\"solar kilns\"", r -> SearchClient.ids(r).contains(old));
    assertFalse(SearchClient.ids(search.search(paul.token(), "solar kiln dried", "kind=message")).contains(old),
        "in French, \"dried\" does not meet \"drying\"");
    Api.Reply changed = node.api.patch("/api/spaces/" + french, paul.token(), new JsonObject().put("language", "en"));
    assertEquals(200, changed.status(), changed.toString());
    assertEquals("en", changed.json().getString("language"));
    search.until(paul.token(), "solar kiln dried", r -> SearchClient.ids(r).contains(old));

    for (JsonObject bad : List.of(new JsonObject().put("language", "de"), new JsonObject().put("language", 3))) {
      Api.Reply refused = node.api.patch("/api/spaces/" + french, paul.token(), bad);
      assertEquals(400, refused.status(), refused.toString());
    }
    assertEquals("en", node.api.get("/api/spaces/" + french, paul.token()).json().getString("language"), "a refused change changes nothing");
  }

  @Test
  @DisplayName("filters by space, kind, author and dates")
  void filters() {
    String admin = world.admin;
    List<String> all = SearchClient.ids(search.search(admin, "séchoir", ""));
    assertTrue(all.size() >= 4, all.toString());
    List<JsonObject> inDigital = search.search(admin, "séchoir", "space=" + digital);
    assertTrue(inDigital.stream().allMatch(o -> o.getJsonObject("space").getString("id").equals(digital)), inDigital.toString());
    assertEquals(1, inDigital.size());
    List<JsonObject> byPaul = search.search(admin, "séchoir", "author=" + paul.id());
    assertEquals(SearchClient.ids(inDigital), SearchClient.ids(byPaul));
    assertEquals(List.of(), search.search(admin, "séchoir", "kind=message&to=2000-01-01"));
    assertEquals(all.size(), search.search(admin, "séchoir", "from=2000-01-01&limit=100").size());
    assertEquals(2, search.search(admin, "séchoir", "limit=2").size());
  }

  @Test
  @DisplayName("the node measures its indexing lag and counts its documents (/metrics)")
  void metrics() {
    String text = node.api.get("/metrics", world.admin).raw().toString();
    Matcher count = Pattern.compile("(?m)^atelier_search_index_lag_seconds_count\\{[^}]*\\} (\\d+)").matcher(text);
    assertTrue(count.find() && Long.parseLong(count.group(1)) >= 6, text);
    Matcher docs = Pattern.compile("(?m)^atelier_search_documents\\{[^}]*\\} (\\d+)").matcher(text);
    assertTrue(docs.find() && Long.parseLong(docs.group(1)) >= 8, text);
  }

  @Test
  @DisplayName("bad input gets 400 with the fields at fault, and no search without signing in")
  void badInput() {
    String t = marie.token();
    assertBad(search.raw("", t), "q");
    assertBad(search.raw("q=%20%20", t), "q");
    assertBad(search.raw("q=bois&limit=0", t), "limit");
    assertBad(search.raw("q=bois&limit=101", t), "limit");
    assertBad(search.raw("q=bois&limit=beaucoup", t), "limit");
    assertBad(search.raw("q=bois&kind=message,poem", t), "kind");
    assertBad(search.raw("q=bois&from=hier", t), "from");
    assertBad(search.raw("q=bois&from=2026-05-01&to=2026-04-01", t), "to");
    assertBad(search.raw("q=" + "a".repeat(201), t), "q");
    assertEquals(401, search.raw("q=bois", null).status());
    // Odd syntax is never an error: it is searched as well as it can be.
    for (String odd : List.of("\"", "((", "-", "*", "~", "| |", "\"séchoir", "bois)")) {
      Api.Reply r = search.raw("q=" + SearchClient.enc(odd), t);
      assertEquals(200, r.status(), odd + " " + r);
    }
  }

  private static void assertBad(Api.Reply r, String field) {
    assertEquals(400, r.status(), r.toString());
    JsonObject e = r.json().getJsonObject("error");
    assertEquals("bad_request", e.getString("code"), r.toString());
    assertTrue(e.getJsonObject("fields") != null && e.getJsonObject("fields").containsKey(field), r.toString());
  }

  @Test
  @DisplayName("a shared file is found by the words of its name, follows a rename, and is gone once deleted")
  void files() {
    atelier.files.FileClient files = new atelier.files.FileClient(node.port());
    atelier.files.FileClient.Answer up = files.upload(energy, marie.token(), "rapport_séchage-solaire.pdf",
        "%PDF-1.4 contenu".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(201, up.status(), up.toString());
    String id = up.json().getString("id");
    JsonObject hit = search.until(marie.token(), "séchage solaire", "kind=file", r -> SearchClient.ids(r).contains(id)).get(0);
    assertEquals("file", hit.getString("kind"));
    assertEquals("rapport_séchage-solaire.pdf", hit.getString("title"));
    assertEquals("/spaces/" + energy + "/files?file=" + id, hit.getString("link"));
    // Paul is not in the energy squad: he never sees it.
    assertEquals(List.of(), SearchClient.ids(search.search(paul.token(), "séchage solaire", "kind=file")));
    Api.Reply renamed = node.api.patch("/api/spaces/" + energy + "/files/" + id, marie.token(), new JsonObject().put("name", "bilan-hiver.pdf"));
    assertEquals(200, renamed.status(), renamed.toString());
    search.until(marie.token(), "bilan hiver", "kind=file", r -> SearchClient.ids(r).contains(id));
    search.until(marie.token(), "rapport_séchage", "kind=file", r -> !SearchClient.ids(r).contains(id));
    Api.Reply deleted = node.api.delete("/api/spaces/" + energy + "/files/" + id, marie.token());
    assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted.toString());
    search.until(marie.token(), "bilan hiver", "kind=file", r -> !SearchClient.ids(r).contains(id));
  }

  @Test
  @DisplayName("a shared document is found by its title and text, follows a rename, and is gone once in the trash")
  void documents() {
    String path = "/api/spaces/" + energy + "/documents";
    Api.Reply created = node.api.post(path, marie.token(), new JsonObject().put("title", "Compte rendu du séchoir")
        .put("text", "Les planches d'érable sèchent en dix jours au soleil."));
    assertEquals(201, created.status(), created.toString());
    String id = created.json().getString("id");
    JsonObject hit = search.until(marie.token(), "planche erable", "kind=document", r -> SearchClient.ids(r).contains(id)).get(0);
    assertEquals("document", hit.getString("kind"));
    assertEquals("/spaces/" + energy + "/documents/" + id, hit.getString("link"));
    // Paul is not in the energy squad: he never sees it.
    assertEquals(List.of(), SearchClient.ids(search.search(paul.token(), "planche erable", "kind=document")));
    Api.Reply renamed = node.api.patch(path + "/" + id, marie.token(), new JsonObject().put("title", "Bilan hivernal"));
    assertEquals(200, renamed.status(), renamed.toString());
    search.until(marie.token(), "bilan hivernal", "kind=document", r -> SearchClient.ids(r).contains(id));
    Api.Reply trashed = node.api.delete(path + "/" + id, marie.token());
    assertTrue(trashed.status() == 200 || trashed.status() == 204, trashed.toString());
    search.until(marie.token(), "planche erable", "kind=document", r -> !SearchClient.ids(r).contains(id));
  }
}
