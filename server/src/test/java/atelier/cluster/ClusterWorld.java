package atelier.cluster;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** People and a squad made through the public API of one node (the store is shared by all). */
final class ClusterWorld {
  static final String PASSWORD = "person-secret-1";
  final NodeClient via;
  final String admin;
  final String org;

  record Person(String id, String email) {}

  ClusterWorld(NodeClient via, String admin) {
    this.via = via;
    this.admin = admin;
    NodeClient.Reply r = via.post("/api/organisations", admin, new JsonObject().put("name", "Centre " + UUID.randomUUID()));
    if (r.status() != 201) throw new AssertionError(r.toString());
    this.org = r.json().getString("id");
  }

  Person person(String label) {
    String email = label + "." + UUID.randomUUID().toString().substring(0, 8) + "@cctt.test";
    NodeClient.Reply r = via.post("/api/users", admin, new JsonObject().put("email", email).put("name", label)
        .put("password", PASSWORD).put("organisation", org));
    if (r.status() != 201) throw new AssertionError(r.toString());
    return new Person(r.json().getString("id"), email);
  }

  String squad(Person... members) {
    NodeClient.Reply r = via.post("/api/spaces", admin, new JsonObject().put("kind", "squad")
        .put("name", "Escouade " + UUID.randomUUID().toString().substring(0, 8)).put("theme", "Énergie"));
    if (r.status() != 201) throw new AssertionError(r.toString());
    String space = r.json().getString("id");
    for (Person p : members) {
      NodeClient.Reply m = via.post("/api/spaces/" + space + "/members", admin, new JsonObject().put("user", p.id()).put("role", "member"));
      if (m.status() != 200) throw new AssertionError(m.toString());
    }
    return space;
  }
}
