package atelier.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.events.Event;
import atelier.realtime.WsClient;
import atelier.store.Reactive;
import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Discussions: channels, history, threads, edits, deletions, reactions, mentions, read markers")
@NodeTest(config = {"limits.messagesPerSecond=1000"})
class ChatFlowTest {
  static TestNode node;
  static World world;
  static Api api;

  private static String base(String space) {
    return "/api/spaces/" + space;
  }

  private static JsonObject send(World.Person p, String space, String channel, String clientId, String text, String thread) {
    JsonObject b = new JsonObject().put("clientId", clientId).put("text", text);
    if (thread != null) b.put("thread", thread);
    Api.Reply r = api.post(base(space) + "/channels/" + channel + "/messages", p.token(), b);
    if (r.status() != 201) throw new AssertionError(r.toString());
    return r.json();
  }

  @Test
  @DisplayName("channel names are unique in a space, whatever their case or accents: 409 and nothing created")
  void uniqueChannelNames() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    String other = world.activeGroup(coord);
    Api.Reply first = api.post(base(space) + "/channels", coord.token(), new JsonObject().put("name", "Veille énergétique"));
    assertEquals(201, first.status(), first.toString());
    for (String twin : List.of("veille energetique", "VEILLE ÉNERGÉTIQUE", "  Veille   énergétique ", "Général")) {
      Api.Reply again = api.post(base(space) + "/channels", coord.token(), new JsonObject().put("name", twin));
      assertEquals(409, again.status(), twin + " " + again);
      assertEquals("conflict", again.code());
    }
    assertEquals(2, api.get(base(space) + "/channels", coord.token()).array("channels").size(), "nothing created");
    // Renaming onto another channel's name is refused too; keeping one's own name (re-cased) is not.
    String second = api.post(base(space) + "/channels", coord.token(), new JsonObject().put("name", "Projets")).json().getString("id");
    assertEquals(409, api.patch(base(space) + "/channels/" + second, coord.token(), new JsonObject().put("name", "Veille Energetique")).status());
    assertEquals("Projets", api.get(base(space) + "/channels", coord.token()).array("channels").stream()
        .map(JsonObject.class::cast).filter(c -> c.getString("id").equals(second)).findFirst().orElseThrow().getString("name"));
    assertEquals(200, api.patch(base(space) + "/channels/" + second, coord.token(), new JsonObject().put("name", "projets")).status());
    // Another space may use the same name.
    assertEquals(201, api.post(base(other) + "/channels", coord.token(), new JsonObject().put("name", "Veille énergétique")).status());
  }

  @Test
  @DisplayName("coordinators create, rename and archive channels; general cannot be archived; members cannot manage")
  void channels() {
    World.Person coord = world.person("coord");
    World.Person member = world.person("member");
    String space = world.activeGroup(coord);
    world.add(space, member, "member");
    try (WsClient c = WsClient.connect(node.vertx, node.port(), member.token())) {
      c.subscribe(space, 0);
      Api.Reply created = api.post(base(space) + "/channels", coord.token(), new JsonObject().put("name", "Projets"));
      assertEquals(201, created.status(), created.toString());
      String id = created.json().getString("id");
      JsonObject event = c.next(f -> "event".equals(f.getString("type")));
      assertEquals("channel.created", event.getString("kind"));
      assertEquals("Projets", event.getJsonObject("data").getJsonObject("channel").getString("name"));

      assertEquals(403, api.post(base(space) + "/channels", member.token(), new JsonObject().put("name", "X")).status());
      assertEquals(400, api.post(base(space) + "/channels", coord.token(), new JsonObject().put("name", "X").put("extra", 1)).status());
      Api.Reply renamed = api.patch(base(space) + "/channels/" + id, coord.token(), new JsonObject().put("name", "Projets 2026"));
      assertEquals("Projets 2026", renamed.json().getString("name"));
      assertEquals("channel.updated", c.next(f -> "event".equals(f.getString("type"))).getString("kind"));
      Api.Reply general = api.patch(base(space) + "/channels/general", coord.token(), new JsonObject().put("archived", true));
      assertEquals(409, general.status());
      assertEquals("conflict", general.code());
      assertTrue(api.patch(base(space) + "/channels/" + id, coord.token(), new JsonObject().put("archived", true)).json().getBoolean("archived"));
      assertEquals("conflict", c.sendMessage(space, id, "arch", "trop tard").getString("code"));

      JsonArray list = api.get(base(space) + "/channels", member.token()).array("channels");
      assertEquals(2, list.size());
      assertEquals("general", list.getJsonObject(0).getString("id"));
    }
  }

  @Test
  @DisplayName("history pages backwards by seq or id; replies stay in their thread, counted on the root")
  void historyAndThreads() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    String first = null;
    long fifthSeq = 0;
    for (int i = 1; i <= 7; i++) {
      JsonObject sent = send(coord, space, "general", "h" + i, "message " + i, null);
      if (i == 1) first = sent.getJsonObject("message").getString("id");
      if (i == 5) fifthSeq = sent.getLong("seq");
    }
    JsonArray last3 = api.get(base(space) + "/channels/general/messages?limit=3", coord.token()).array("messages");
    assertEquals(List.of("message 5", "message 6", "message 7"), last3.stream().map(o -> ((JsonObject) o).getString("text")).toList());
    JsonArray before5 = api.get(base(space) + "/channels/general/messages?limit=2&before=" + fifthSeq, coord.token()).array("messages");
    assertEquals(List.of("message 3", "message 4"), before5.stream().map(o -> ((JsonObject) o).getString("text")).toList());
    String id5 = last3.getJsonObject(0).getString("id");
    JsonArray byId = api.get(base(space) + "/channels/general/messages?limit=2&before=" + id5, coord.token()).array("messages");
    assertEquals(before5, byId);

    JsonObject reply = send(coord, space, "general", "r1", "une réponse", first).getJsonObject("message");
    assertEquals(first, reply.getString("thread"));
    send(coord, space, "general", "r2", "une autre", first);
    JsonArray replies = api.get(base(space) + "/channels/general/messages/" + first + "/replies", coord.token()).array("messages");
    assertEquals(2, replies.size());
    JsonArray top = api.get(base(space) + "/channels/general/messages?limit=50", coord.token()).array("messages");
    assertEquals(7, top.size(), "replies are not top-level");
    assertEquals(2, top.getJsonObject(0).getInteger("replyCount"));
    // a reply to a reply is refused: threads are one level deep
    Api.Reply nested = api.post(base(space) + "/channels/general/messages", coord.token(),
        new JsonObject().put("clientId", "r3").put("text", "x").put("thread", reply.getString("id")));
    assertEquals(400, nested.status());
  }

  @Test
  @DisplayName("edit and delete by the author emit events; a deleted message keeps its id with empty text")
  void editAndDelete() {
    World.Person author = world.person("author");
    World.Person other = world.person("other");
    String space = world.activeGroup(author);
    world.add(space, other, "member");
    try (WsClient c = WsClient.connect(node.vertx, node.port(), other.token())) {
      c.subscribe(space, 0);
      JsonObject ack = c.sendMessage(space, "general", "e1", "brouillon");
      String mine = ack.getJsonObject("message").getString("id");
      String id = send(author, space, "general", "e2", "premier jet", null).getJsonObject("message").getString("id");
      c.events(space, 2);
      assertEquals(403, api.patch(base(space) + "/messages/" + id, other.token(), new JsonObject().put("text", "pirate")).status());
      assertEquals(403, api.delete(base(space) + "/messages/" + id, other.token()).status());
      Api.Reply edited = api.patch(base(space) + "/messages/" + id, author.token(), new JsonObject().put("text", "version finale"));
      assertEquals(200, edited.status(), edited.toString());
      assertTrue(edited.json().containsKey("editedAt"));
      JsonObject e = c.next(f -> "event".equals(f.getString("type")));
      assertEquals("message.edited", e.getString("kind"));
      assertEquals("version finale", e.getJsonObject("data").getString("text"));

      JsonObject wsEdit = c.request(new JsonObject().put("type", "message.edit").put("space", space).put("id", mine).put("text", "corrigé"));
      assertEquals("corrigé", wsEdit.getJsonObject("message").getString("text"));
      c.next(f -> "event".equals(f.getString("type")));

      assertEquals(200, api.delete(base(space) + "/messages/" + id, author.token()).status());
      JsonObject d = c.next(f -> "event".equals(f.getString("type")));
      assertEquals("message.deleted", d.getString("kind"));
      assertEquals(id, d.getJsonObject("data").getString("id"));
      JsonObject after = api.get(base(space) + "/messages/" + id, other.token()).json();
      assertTrue(after.getBoolean("deleted"));
      assertEquals("", after.getString("text"));
      assertEquals(409, api.patch(base(space) + "/messages/" + id, author.token(), new JsonObject().put("text", "revenir")).status());
    }
  }

  @Test
  @DisplayName("reactions toggle and each change carries the full reaction map")
  void reactions() {
    World.Person a = world.person("a");
    World.Person b = world.person("b");
    String space = world.activeGroup(a);
    world.add(space, b, "member");
    String id = send(a, space, "general", "x1", "bravo", null).getJsonObject("message").getString("id");
    try (WsClient c = WsClient.connect(node.vertx, node.port(), a.token())) {
      c.subscribe(space, 0);
      api.post(base(space) + "/messages/" + id + "/reactions", a.token(), new JsonObject().put("emoji", "👍"));
      JsonObject r = api.post(base(space) + "/messages/" + id + "/reactions", b.token(), new JsonObject().put("emoji", "👍")).json();
      assertEquals(2, r.getJsonObject("reactions").getJsonArray("👍").size());
      JsonObject e1 = c.next(f -> "event".equals(f.getString("type")));
      JsonObject e2 = c.next(f -> "event".equals(f.getString("type")));
      assertEquals("reaction.changed", e1.getString("kind"));
      assertEquals(2, e2.getJsonObject("data").getJsonObject("reactions").getJsonArray("👍").size());
      JsonObject off = c.request(new JsonObject().put("type", "reaction.toggle").put("space", space).put("id", id).put("emoji", "👍"));
      assertEquals(new JsonArray().add(b.id()), off.getJsonObject("message").getJsonObject("reactions").getJsonArray("👍"));
      JsonObject e3 = c.next(f -> "event".equals(f.getString("type")));
      assertEquals(List.of(b.id()), e3.getJsonObject("data").getJsonObject("reactions").getJsonArray("👍").getList());
      long v2 = e2.getJsonObject("data").getLong("reactionsVersion");
      assertTrue(e3.getJsonObject("data").getLong("reactionsVersion") > v2, "versions grow with each change");
    }
  }

  @Test
  @DisplayName("mentions of members are stored; unread and mention counts follow the read marker on every device")
  void mentionsAndUnread() {
    World.Person a = world.person("a");
    World.Person b = world.person("b");
    World.Person outsider = world.person("outsider");
    String space = world.activeGroup(a);
    world.add(space, b, "member");
    JsonObject m1 = send(a, space, "general", "u1", "Salut <@" + b.id() + "> et <@" + outsider.id() + ">", null);
    assertEquals(List.of(b.id()), m1.getJsonObject("message").getJsonArray("mentions").getList());
    send(a, space, "general", "u2", "deuxième", null);
    JsonObject m3 = send(a, space, "general", "u3", "troisième", null);
    send(b, space, "general", "u4", "ma réponse", null);

    JsonObject general = api.get(base(space) + "/channels", b.token()).array("channels").getJsonObject(0);
    assertEquals(3, general.getLong("unread"), general.encode());
    assertEquals(1, general.getLong("mentions"));

    try (WsClient phone = WsClient.connect(node.vertx, node.port(), b.token());
        WsClient laptop = WsClient.connect(node.vertx, node.port(), b.token())) {
      phone.request(new JsonObject().put("type", "ping"));
      laptop.request(new JsonObject().put("type", "ping"));
      Api.Reply read = api.post(base(space) + "/channels/general/read", b.token(), new JsonObject().put("seq", m1.getLong("seq")));
      assertEquals(200, read.status(), read.toString());
      assertEquals(2, read.json().getLong("unread"));
      assertEquals(0, read.json().getLong("mentions"));
      for (WsClient device : List.of(phone, laptop)) {
        JsonObject changed = device.next("read.changed");
        assertEquals(m1.getLong("seq"), changed.getLong("lastRead"));
        assertEquals(2, changed.getLong("unread"));
      }
      JsonObject ack = laptop.request(new JsonObject().put("type", "read").put("space", space).put("channel", "general")
          .put("seq", m3.getLong("seq")));
      assertEquals(0, ack.getLong("unread"));
      assertEquals(m3.getLong("seq"), phone.next("read.changed").getLong("lastRead"));
      // markers never go back
      Api.Reply back = api.post(base(space) + "/channels/general/read", b.token(), new JsonObject().put("seq", 1));
      assertEquals(m3.getLong("seq"), back.json().getLong("lastRead"));
    }
    JsonObject forA = api.get(base(space) + "/channels", a.token()).array("channels").getJsonObject(0);
    assertEquals(1, forA.getLong("unread"));
    assertEquals(0, forA.getLong("mentions"));
    assertFalse(api.get(base(space) + "/channels", outsider.token()).status() == 200);
  }

  @Test
  @DisplayName("unread counts, kept on write, count replies and follow deletions before and after the marker")
  void unreadCountsFollowDeletions() {
    World.Person a = world.person("a");
    World.Person b = world.person("b");
    String space = world.activeGroup(a);
    world.add(space, b, "member");
    JsonObject m1 = send(a, space, "general", "d1", "un", null);
    JsonObject m2 = send(a, space, "general", "d2", "deux <@" + b.id() + ">", null);
    send(b, space, "general", "d3", "trois (de b)", null);
    send(a, space, "general", "d4", "réponse", m1.getJsonObject("message").getString("id"));
    JsonObject m5 = send(a, space, "general", "d5", "cinq <@" + b.id() + ">", null);
    assertEquals(4, channelFor(b, space).getLong("unread"), "others' messages, replies included");
    assertEquals(2, channelFor(b, space).getLong("mentions"));

    Api.Reply read = api.post(base(space) + "/channels/general/read", b.token(), new JsonObject().put("seq", m2.getLong("seq")));
    assertEquals(2, read.json().getLong("unread"));
    assertEquals(1, read.json().getLong("mentions"));
    // Deleting a read message changes nothing unread; deleting an unread one takes it away; deleting
    // one's own message neither.
    assertEquals(200, api.delete(base(space) + "/messages/" + m1.getJsonObject("message").getString("id"), a.token()).status());
    assertEquals(2, channelFor(b, space).getLong("unread"));
    assertEquals(200, api.delete(base(space) + "/messages/" + m5.getJsonObject("message").getString("id"), a.token()).status());
    JsonObject after = channelFor(b, space);
    assertEquals(1, after.getLong("unread"));
    assertEquals(0, after.getLong("mentions"));
    assertEquals(1, channelFor(a, space).getLong("unread"), "a has one unread: b's message");

    // Edits move mention counts: a mention added after the marker is unread, one added before it is not.
    JsonObject m6 = send(a, space, "general", "d6", "six", null);
    String m2id = m2.getJsonObject("message").getString("id");
    String m6id = m6.getJsonObject("message").getString("id");
    assertEquals(200, api.patch(base(space) + "/messages/" + m6id, a.token(), new JsonObject().put("text", "six <@" + b.id() + ">")).status());
    assertEquals(1, channelFor(b, space).getLong("mentions"));
    assertEquals(200, api.patch(base(space) + "/messages/" + m2id, a.token(), new JsonObject().put("text", "deux, sans mention")).status());
    assertEquals(1, channelFor(b, space).getLong("mentions"), "the mention removed was already read");
    assertEquals(200, api.patch(base(space) + "/messages/" + m6id, a.token(), new JsonObject().put("text", "six")).status());
    assertEquals(0, channelFor(b, space).getLong("mentions"));
    assertEquals(2, channelFor(b, space).getLong("unread"));
  }

  @Test
  @DisplayName("a channel's count is kept beside the space's seq; counts an earlier version kept elsewhere still count, and are never written again")
  void channelCountsBesideTheSeq() {
    World.Person a = world.person("a");
    World.Person b = world.person("b");
    String space = world.activeGroup(a);
    world.add(space, b, "member");
    var store = node.atelier.services().store;
    // What an earlier version left: three messages of a counted in channel_counts.
    Document earlier = new Document("_id", space + ":general").append("space", space).append("channel", "general").append("messages", 3L);
    Reactive.one(store.collection("channel_counts").insertOne(earlier)).await();
    assertEquals(3, channelFor(b, space).getLong("unread"));

    send(a, space, "general", "t1", "un", null);
    JsonObject m2 = send(a, space, "general", "t2", "deux", null);
    // A message written alone (a notice of Atelier's, not through the batcher) counts too.
    long notice = node.atelier.services().chat.notice(space, "notice-t3", "Avis : le mandat se termine bientôt.").await().seq();
    assertEquals(6, channelFor(b, space).getLong("unread"));
    assertEquals(3L, tally(space), "two sends and the notice, beside the seq");

    Api.Reply read = api.post(base(space) + "/channels/general/read", b.token(), new JsonObject().put("seq", notice));
    assertEquals(0, read.json().getLong("unread"));
    assertEquals(200, api.delete(base(space) + "/messages/" + m2.getJsonObject("message").getString("id"), a.token()).status());
    JsonObject m4 = send(a, space, "general", "t4", "quatre", null);
    assertEquals(1, channelFor(b, space).getLong("unread"));
    assertEquals(200, api.delete(base(space) + "/messages/" + m4.getJsonObject("message").getString("id"), a.token()).status());
    assertEquals(0, channelFor(b, space).getLong("unread"));
    assertEquals(2L, tally(space), "four counted, two deleted");
    assertEquals(earlier, Reactive.first(store.collection("channel_counts").find(new Document("_id", space + ":general"))).await().orElseThrow());
  }

  private static long tally(String space) {
    return node.atelier.services().eventLog.tallies(space).await().getOrDefault(ReadMarkerRepository.tally("general"), 0L);
  }

  private JsonObject channelFor(World.Person p, String space) {
    return api.get(base(space) + "/channels", p.token()).array("channels").stream().map(JsonObject.class::cast)
        .filter(c -> "general".equals(c.getString("id"))).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("sending again with the same clientId over REST returns the original, never a second message")
  void restIdempotence() {
    World.Person a = world.person("a");
    String space = world.activeGroup(a);
    JsonObject one = send(a, space, "general", "same", "une fois", null);
    JsonObject two = send(a, space, "general", "same", "une fois", null);
    assertEquals(one.getLong("seq"), two.getLong("seq"));
    assertEquals(one.getJsonObject("message").getString("id"), two.getJsonObject("message").getString("id"));
    assertEquals(1, api.get(base(space) + "/channels/general/messages", a.token()).array("messages").size());
  }

  @Test
  @DisplayName("a resend after the space went dormant or the channel was archived still answers the original, not an error")
  void resendAfterTheSpaceClosed() {
    World.Person coord = world.person("coord");
    String space = world.activeGroup(coord);
    assertEquals(201, api.post(base(space) + "/channels", coord.token(), new JsonObject().put("name", "Bilan")).status());
    String channel = api.get(base(space) + "/channels", coord.token()).array("channels").stream()
        .map(JsonObject.class::cast).filter(c -> "Bilan".equals(c.getString("name"))).findFirst().orElseThrow().getString("id");
    JsonObject inChannel = send(coord, space, channel, "c1", "avant l'archivage", null);
    assertEquals(200, api.patch(base(space) + "/channels/" + channel, coord.token(), new JsonObject().put("archived", true)).status());
    assertEquals(inChannel.getLong("seq"), send(coord, space, channel, "c1", "avant l'archivage", null).getLong("seq"));
    assertEquals("conflict", api.post(base(space) + "/channels/" + channel + "/messages", coord.token(),
        new JsonObject().put("clientId", "c2").put("text", "après")).code());

    JsonObject first = send(coord, space, "general", "g1", "dernier mot", null);
    assertEquals(200, api.post(base(space) + "/state", coord.token(), new JsonObject().put("state", "dormant")).status());
    JsonObject again = send(coord, space, "general", "g1", "dernier mot", null);
    assertEquals(first.getLong("seq"), again.getLong("seq"));
    assertEquals(first.getJsonObject("message").getString("id"), again.getJsonObject("message").getString("id"));
    assertEquals("read_only", api.post(base(space) + "/channels/general/messages", coord.token(),
        new JsonObject().put("clientId", "g2").put("text", "trop tard")).code());
  }

  @Test
  @DisplayName("a message whose writer died before its event is taken over by the resend: committed once, with one event")
  void takeOverFromADeadWriter() {
    World.Person a = world.person("a");
    String space = world.activeGroup(a);
    // What a writer that died right after inserting leaves behind: a pending document, no seq, no event.
    String id = new ObjectId().toHexString();
    String clientId = "dead";
    Document pending = new Document("_id", id).append("space", space).append("channel", "general").append("author", a.id())
        .append("text", "orphelin").append("clientId", clientId).append("createdAt", new Date())
        .append("deleted", false).append("mentions", List.of()).append("reactions", List.of()).append("replyCount", 0)
        .append("claimedAt", new Date(System.currentTimeMillis() - 60_000));
    Reactive.one(node.atelier.services().store.collection("messages").insertOne(pending)).await();
    long head = node.atelier.services().eventLog.head(space).await();

    JsonObject ack = send(a, space, "general", clientId, "orphelin", null);
    assertEquals(id, ack.getJsonObject("message").getString("id"));
    assertEquals(head + 1, ack.getLong("seq"));
    assertEquals(ack.getLong("seq"), send(a, space, "general", clientId, "orphelin", null).getLong("seq"));
    List<Event> events = node.atelier.services().eventLog.readContiguous(space, 0, 100).await();
    assertEquals(1, events.stream().filter(e -> e.kind().equals("message.created") && id.equals(e.data().getString("id"))).count());
    JsonArray history = api.get(base(space) + "/channels/general/messages", a.token()).array("messages");
    assertEquals(1, history.size());
    assertEquals(head + 1, history.getJsonObject(0).getLong("seq"));
  }
}
