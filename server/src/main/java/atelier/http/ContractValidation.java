package atelier.http;

import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.text.TextRules;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates each request against its operation in {@code docs/openapi.json} before any handler sees
 * it: types, required fields, lengths, formats, and {@code additionalProperties: false} — which is
 * also what keeps MongoDB operators ({@code {"$ne":null}}) out of the store. A body must be valid
 * UTF-8 with no lone surrogate in it (neither can be stored as sent).
 */
public final class ContractValidation {
  /** Bodies above this are checked on a worker thread; smaller ones cost microseconds on the loop. */
  private static final int INLINE_BODY_BYTES = 64 * 1024;
  private final io.vertx.core.Vertx vertx;
  private final OpenAPIContract contract;
  private final RequestValidatorImpl validator;

  public ContractValidation(io.vertx.core.Vertx vertx, OpenAPIContract contract) {
    this.vertx = vertx;
    this.contract = contract;
    this.validator = new RequestValidatorImpl(vertx, new SchemaValidators(contract));
  }

  public Handler<RoutingContext> forOperation(String operationId) {
    Operation operation = contract.operation(operationId);
    if (operation == null) throw new IllegalStateException("Operation " + operationId + " is not in docs/openapi.json");
    return ctx -> {
      ApiError bad = badText(ctx);
      if (bad != null) {
        ctx.fail(bad);
        return;
      }
      ValidatableRequest request = validatable(ctx, operation);
      if (ctx.body() == null || ctx.body().length() <= INLINE_BODY_BYTES) {
        // The library's own validate() hops to a worker thread for every request, small or not.
        Throwable failure = check(operation, request);
        if (failure == null) ctx.next();
        else ctx.fail(failure);
        return;
      }
      vertx.executeBlocking(() -> check(operation, request)).onSuccess(failure -> {
        if (failure == null) ctx.next();
        else ctx.fail(failure);
      }).onFailure(ctx::fail);
    };
  }

  /** What Vert.x OpenAPI's validate() does, parameter by parameter then the body; null when valid. */
  private Throwable check(Operation operation, ValidatableRequest request) {
    try {
      for (Parameter p : operation.getParameters()) {
        Map<String, RequestParameter> values = switch (p.getIn()) {
          case PATH -> request.getPathParameters();
          case QUERY -> request.getQuery();
          case HEADER -> request.getHeaders();
          case COOKIE -> request.getCookies();
        };
        validator.validateParameter(p, values.get(p.getName()));
      }
      validator.validateBody(operation.getRequestBody(), request);
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static ApiError badText(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) return null;
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body.getBytes()));
    } catch (CharacterCodingException e) {
      return ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request.json");
    }
    Object json;
    try {
      json = ctx.body().asJsonObject(); // parsed once: the handler's Http.body reads the same object
    } catch (RuntimeException e) {
      return null; // malformed JSON, or not an object: the validator's to report
    }
    String at = TextRules.loneSurrogatePath(json, "");
    return at == null ? null : ApiError.badField(at.isEmpty() ? "body" : at, "invalid");
  }

  /**
   * The request as the validator sees it, built here rather than by Vert.x OpenAPI's extractor, which
   * URL-decodes query values a second time ({@code q=%25} failed as "can't decode", {@code %41} became
   * {@code A}) and whose validator reads a string parameter as JSON when it can ({@code 2024} became a
   * number, {@code "} or {@code \} failed). Path and query values are taken once decoded by the router;
   * string ones are handed over as JSON string literals, which the validator decodes back to exactly
   * what was sent. The contract has only path and simple query parameters.
   */
  private static ValidatableRequest validatable(RoutingContext ctx, Operation operation) {
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter p : operation.getParameters()) {
      String raw = p.getIn() == Location.PATH ? ctx.pathParam(p.getName())
          : p.getIn() == Location.QUERY ? ctx.queryParams().get(p.getName()) : null;
      if (raw == null) continue;
      Object value = p.getSchemaType() == SchemaType.STRING ? Json.encode(raw) : raw;
      (p.getIn() == Location.PATH ? path : query).put(p.getName(), new RequestParameterImpl(value));
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    return new ValidatableRequestImpl(Map.of(), Map.of(), path, query,
        new RequestParameterImpl(body == null || body.length() == 0 ? null : body), ctx.request().getHeader("Content-Type"));
  }

  public OpenAPIContract contract() {
    return contract;
  }
}
