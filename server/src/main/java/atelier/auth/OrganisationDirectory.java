package atelier.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/** The organisations users belong to, in their wire form; provided by the organisations feature. */
public interface OrganisationDirectory {
  Future<Optional<JsonObject>> organisationJson(String id);

  Future<Map<String, JsonObject>> organisationsJsonById();
}
