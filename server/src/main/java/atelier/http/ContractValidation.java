package atelier.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;

/**
 * Validates each request against its operation in {@code docs/openapi.json} before any handler sees
 * it: types, required fields, lengths, formats, and {@code additionalProperties: false} — which is
 * also what keeps MongoDB operators ({@code {"$ne":null}}) out of the store.
 */
public final class ContractValidation {
  private final OpenAPIContract contract;
  private final RequestValidator validator;
  private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

  public ContractValidation(io.vertx.core.Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.validator = RequestValidator.create(vertx, contract);
  }

  public Handler<RoutingContext> forOperation(String operationId) {
    Operation operation = contract.operation(operationId);
    if (operation == null) throw new IllegalStateException("Operation " + operationId + " is not in docs/openapi.json");
    return ctx -> extractor.extractValidatableRequest(ctx, operation)
        .compose(req -> validator.validate(req, operationId))
        .onSuccess(v -> ctx.next())
        .onFailure(ctx::fail);
  }

  public OpenAPIContract contract() {
    return contract;
  }
}
