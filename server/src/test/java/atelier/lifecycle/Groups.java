package atelier.lifecycle;

import atelier.store.Reactive;
import atelier.support.Api;
import atelier.support.TestNode;
import atelier.support.World;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;

/** Tactical groups with chosen mandate dates, and what the lifecycle tests read of them. */
final class Groups {
  static final ZoneId TORONTO = ZoneId.of("America/Toronto");
  private final World world;
  private final Api api;

  Groups(World world) {
    this.world = world;
    this.api = world.api;
  }

  static JsonObject mandate(LocalDate start, LocalDate end) {
    return World.mandate().put("start", start.toString()).put("end", end.toString());
  }

  /** An active group coordinated by {@code coord} whose mandate ends on {@code end}. */
  String active(World.Person coord, LocalDate end) {
    Api.Reply r = api.post("/api/spaces", coord.token(), new JsonObject().put("kind", "tactical")
        .put("name", "GT " + System.nanoTime()).put("mandate", mandate(end.minusMonths(6), end)));
    if (r.status() != 201) throw new AssertionError(r.toString());
    String id = r.json().getString("id");
    Api.Reply ok = api.post("/api/spaces/" + id + "/state", world.admin, new JsonObject().put("state", "active"));
    if (ok.status() != 200) throw new AssertionError(ok.toString());
    return id;
  }

  /** A group proposed by {@code coord} with the given mandate dates, not yet decided. */
  String proposed(World.Person coord, LocalDate start, LocalDate end) {
    Api.Reply r = api.post("/api/spaces", coord.token(), new JsonObject().put("kind", "tactical")
        .put("name", "GT " + System.nanoTime()).put("mandate", mandate(start, end)));
    if (r.status() != 201) throw new AssertionError(r.toString());
    return r.json().getString("id");
  }

  /** An administrator's approval (the contract's {@code "state":"active"}); the space as answered. */
  JsonObject approve(String id) {
    Api.Reply ok = api.post("/api/spaces/" + id + "/state", world.admin, new JsonObject().put("state", "active").put("reason", "Mandat approuvé"));
    if (ok.status() != 200) throw new AssertionError(ok.toString());
    return ok.json();
  }

  /** The space's log entries of one kind, in seq order, as stored (kind, actor, data…). */
  static List<Document> events(TestNode node, String space, String kind) {
    var events = node.atelier.services().store.collection("events");
    return Reactive.list(events.find(Filters.and(Filters.eq("space", space), Filters.eq("kind", kind))).sort(Sorts.ascending("seq"))).await();
  }

  JsonObject space(String id) {
    return api.get("/api/spaces/" + id, world.admin).json();
  }

  String state(String id) {
    return space(id).getString("state");
  }

  /** The messages Atelier itself posted in the group's general channel. */
  List<JsonObject> notices(String id) {
    JsonArray all = api.get("/api/spaces/" + id + "/channels/general/messages?limit=100", world.admin).array("messages");
    return all.stream().map(o -> (JsonObject) o).filter(m -> "atelier".equals(m.getString("author"))).toList();
  }

  List<JsonObject> reminders(World.Person p, String space) {
    JsonArray all = api.get("/api/notifications?limit=100", p.token()).array("notifications");
    return all.stream().map(o -> (JsonObject) o)
        .filter(n -> "mandate.ending".equals(n.getString("kind")) && space.equals(n.getJsonObject("space").getString("id"))).toList();
  }

  /**
   * Returns once the scheduler has run at least once at the clock's current time: a witness group
   * whose mandate ended yesterday (by that clock) must have gone dormant.
   */
  void awaitCheck(World.Person coord, LocalDate today) {
    String witness = active(coord, today.minusDays(1));
    Eventually.until("the scheduler has run", () -> "dormant".equals(state(witness)));
  }
}
