package atelier.auth;

import atelier.org.Organisation;
import atelier.org.OrganisationRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Renders users for the wire with their organisation's name. */
public final class UserViews {
  private final OrganisationRepository orgs;

  public UserViews(OrganisationRepository orgs) {
    this.orgs = orgs;
  }

  /** Fails with a 400 on {@code organisation} when the id names no organisation. */
  public Future<Void> requireOrganisation(String id) {
    if (id == null) return Future.succeededFuture();
    return orgs.byId(id).compose(o -> o.isPresent()
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(atelier.http.ApiError.badField("organisation", "unknown")));
  }

  public Future<JsonObject> one(User user) {
    return orgs.byId(user.organisation()).map(o -> user.toJson(o.map(Organisation::toJson).orElse(null)));
  }

  public Future<JsonArray> many(List<User> users) {
    return orgs.allById().map(byId -> render(users, byId));
  }

  public static JsonArray render(List<User> users, Map<String, Organisation> byId) {
    JsonArray out = new JsonArray();
    for (User u : users) {
      Organisation o = u.organisation() == null ? null : byId.get(u.organisation());
      out.add(u.toJson(o == null ? null : o.toJson()));
    }
    return out;
  }
}
