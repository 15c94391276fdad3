package atelier.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Registers /api routes with their OpenAPI operation id: each request is first validated against the
 * contract ({@link ContractValidation}), then handled by a function returning a Future whose failure
 * goes to the single {@link ErrorMapper}. Keeps the list of operations so a test can check that every
 * route is in the contract.
 */
public final class Routes {
  private final Router router;
  private final ContractValidation validation;
  private final List<String> operations = new ArrayList<>();

  public Routes(Router router, ContractValidation validation) {
    this.router = router;
    this.validation = validation;
  }

  public void get(String path, String operationId, Function<RoutingContext, Future<?>> handler) {
    add(HttpMethod.GET, path, operationId, handler);
  }

  public void post(String path, String operationId, Function<RoutingContext, Future<?>> handler) {
    add(HttpMethod.POST, path, operationId, handler);
  }

  public void patch(String path, String operationId, Function<RoutingContext, Future<?>> handler) {
    add(HttpMethod.PATCH, path, operationId, handler);
  }

  public void delete(String path, String operationId, Function<RoutingContext, Future<?>> handler) {
    add(HttpMethod.DELETE, path, operationId, handler);
  }

  /**
   * A route whose body its handler reads as a stream (file uploads): no contract validation of the
   * body (the handler checks what it reads), no body buffered. Its request must have been marked
   * with {@link Http#streamBody} before the body handler (see {@link RouteModule#mountRaw}).
   */
  public void streamed(HttpMethod method, String path, String operationId, Function<RoutingContext, Future<?>> handler) {
    operations.add(operationId);
    router.route(method, path).handler(Http.async(handler));
  }

  private void add(HttpMethod method, String path, String operationId, Function<RoutingContext, Future<?>> handler) {
    operations.add(operationId);
    router.route(method, path).handler(validation.forOperation(operationId)).handler(Http.async(handler));
  }

  public List<String> operations() {
    return List.copyOf(operations);
  }
}
