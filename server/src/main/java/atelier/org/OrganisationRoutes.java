package atelier.org;

import atelier.auth.Authenticator;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** REST edge for organisations. */
public final class OrganisationRoutes {
  private final OrganisationService service;

  public OrganisationRoutes(OrganisationService service) {
    this.service = service;
  }

  public void mount(Routes routes) {
    routes.get("/api/organisations", "listOrganisations", ctx -> service.list()
        .compose(list -> Http.json(ctx, 200, new JsonObject().put("organisations",
            new JsonArray(list.stream().map(Organisation::toJson).toList())))));
    routes.post("/api/organisations", "createOrganisation", ctx -> service
        .create(Authenticator.caller(ctx), Http.body(ctx).getString("name"))
        .compose(o -> Http.json(ctx, 201, o.toJson())));
  }
}
