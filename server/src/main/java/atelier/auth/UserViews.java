package atelier.auth;

import atelier.errors.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Renders users for the wire with their organisation's name. */
public final class UserViews {
  private final OrganisationDirectory orgs;

  public UserViews(OrganisationDirectory orgs) {
    this.orgs = orgs;
  }

  /** Fails with a 400 on {@code organisation} when the id names no organisation. */
  public Future<Void> requireOrganisation(String id) {
    if (id == null) return Future.succeededFuture();
    return orgs.organisationJson(id).compose(o -> o.isPresent()
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(ApiError.badField("organisation", "unknown")));
  }

  public Future<JsonObject> one(User user) {
    return orgs.organisationJson(user.organisation()).map(o -> user.toJson(o.orElse(null)));
  }

  public Future<JsonArray> many(List<User> users) {
    return orgs.organisationsJsonById().map(byId -> render(users, byId));
  }

  public static JsonArray render(List<User> users, Map<String, JsonObject> byId) {
    JsonArray out = new JsonArray();
    for (User u : users) {
      out.add(u.toJson(u.organisation() == null ? null : byId.get(u.organisation())));
    }
    return out;
  }
}
