package atelier.support;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a small network through the public API: an organisation, people and spaces. Every name is
 * unique so several worlds can live in one database.
 */
public final class World {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  public static final String PASSWORD = "person-secret-1";

  public final Api api;
  public final String admin;
  public final String orgId;

  public record Person(String id, String email, String token) {}

  public World(TestNode node) {
    this.api = node.api;
    this.admin = api.adminToken();
    Api.Reply org = api.post("/api/organisations", admin, new JsonObject().put("name", "Centre " + COUNTER.incrementAndGet()));
    if (org.status() != 201) throw new AssertionError(org.toString());
    this.orgId = org.json().getString("id");
  }

  public Person person(String label) {
    String email = label + "." + COUNTER.incrementAndGet() + "@cctt.test";
    Api.Reply r = api.post("/api/users", admin, new JsonObject().put("email", email).put("name", label)
        .put("password", PASSWORD).put("organisation", orgId));
    if (r.status() != 201) throw new AssertionError(r.toString());
    return new Person(r.json().getString("id"), email, api.token(email, PASSWORD));
  }

  public String squad(String name) {
    Api.Reply r = api.post("/api/spaces", admin, new JsonObject().put("kind", "squad").put("name", name + " " + COUNTER.incrementAndGet())
        .put("theme", "Thème " + name));
    if (r.status() != 201) throw new AssertionError(r.toString());
    return r.json().getString("id");
  }

  public static JsonObject mandate() {
    return new JsonObject().put("issue", "Un enjeu précis").put("objectives", "Des objectifs").put("deliverables", "Un rapport")
        .put("start", "2026-01-01").put("end", "2099-12-31"); // far off: the mandate scheduler must leave these groups alone
  }

  /** An active tactical group whose coordinator is {@code coordinator}. */
  public String activeGroup(Person coordinator) {
    Api.Reply r = api.post("/api/spaces", coordinator.token(), new JsonObject().put("kind", "tactical")
        .put("name", "Groupe " + COUNTER.incrementAndGet()).put("mandate", mandate()));
    if (r.status() != 201) throw new AssertionError(r.toString());
    String id = r.json().getString("id");
    Api.Reply ok = api.post("/api/spaces/" + id + "/state", admin, new JsonObject().put("state", "active"));
    if (ok.status() != 200) throw new AssertionError(ok.toString());
    return id;
  }

  public void add(String space, Person p, String role) {
    Api.Reply r = api.post("/api/spaces/" + space + "/members", admin, new JsonObject().put("user", p.id()).put("role", role));
    if (r.status() != 200) throw new AssertionError(r.toString());
  }
}
