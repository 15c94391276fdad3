package atelier.search;

import atelier.platform.Feature;
import atelier.http.Routes;

/** Search as a route module of the HTTP verticle. */
public final class SearchModule implements Feature {
  private final SearchRoutes routes;

  public SearchModule(Search search) {
    this.routes = new SearchRoutes(search.service());
  }

  @Override
  public void mount(Routes r) {
    routes.mount(r);
  }
}
