package atelier.search;

import atelier.app.HttpVerticle;
import atelier.http.Routes;

/** Search as a route module of the HTTP verticle. */
public final class SearchModule implements HttpVerticle.RouteModule {
  private final SearchRoutes routes;

  public SearchModule(Search search) {
    this.routes = new SearchRoutes(search.service());
  }

  @Override
  public void mount(Routes r) {
    routes.mount(r);
  }
}
