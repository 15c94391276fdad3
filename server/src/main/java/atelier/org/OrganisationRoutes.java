package atelier.org;

import atelier.auth.Authenticator;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import io.vertx.core.json.JsonObject;

/** REST edge for organisations. */
public final class OrganisationRoutes {
  private final OrganisationService service;

  public OrganisationRoutes(OrganisationService service) {
    this.service = service;
  }

  public void mount(Routes routes) {
    routes.get("/api/organisations", "listOrganisations", ctx -> Future.all(service.list(), service.memberCounts())
        .compose(both -> {
          List<Organisation> list = both.resultAt(0);
          Map<String, Long> counts = both.resultAt(1);
          return Http.json(ctx, 200, new JsonObject().put("organisations", new JsonArray(list.stream()
              .map(o -> o.toJson().put("memberCount", counts.getOrDefault(o.id(), 0L))).toList())));
        }));
    routes.post("/api/organisations", "createOrganisation", ctx -> service
        .create(Authenticator.caller(ctx), Http.body(ctx).getString("name"))
        .compose(o -> Http.json(ctx, 201, o.toJson())));
  }
}
