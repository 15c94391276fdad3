package atelier.http;

import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoTimeoutException;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers {@code {"error":{code,message,fields?}}}. Nothing
 * internal (stack traces, driver messages) ever reaches the client; unexpected failures are logged
 * here with the request line.
 */
public final class ErrorMapper implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  private static final Pattern REQUIRED = Pattern.compile("required property \"?'?([A-Za-z0-9_]+)");
  private static final Pattern PARAMETER = Pattern.compile("(?:path|query|header|cookie) parameter (\\S+)");

  @Override
  public void handle(RoutingContext ctx) {
    ApiError error = toApiError(ctx.failure(), ctx.statusCode());
    if (error.code() == ErrorCode.INTERNAL) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    write(ctx, error);
  }

  public static void write(RoutingContext ctx, ApiError error) {
    Locale locale = Http.locale(ctx);
    if (error.retryAfterSeconds() > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
    }
    Http.json(ctx, error.code().status, new JsonObject().put("error", describe(error, locale)));
  }

  /** The {@code {code,message,fields?}} object, shared with WebSocket error frames. */
  public static JsonObject describe(ApiError error, Locale locale) {
    JsonObject body = new JsonObject()
        .put("code", error.code().code)
        .put("message", Messages.text(locale, error.key(), error.args()));
    if (!error.fields().isEmpty()) {
      JsonObject fields = new JsonObject();
      error.fields().forEach(fields::put);
      body.put("fields", fields);
    }
    return body;
  }

  public static ApiError toApiError(Throwable failure, int status) {
    if (failure instanceof ApiError e) return e;
    if (failure instanceof SchemaValidationException e) return ApiError.badRequest("error.bad_request.fields", fields(e));
    if (failure instanceof ValidatorException) return ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request");
    if (failure instanceof DecodeException) return ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request.json");
    if (failure instanceof MongoServerException e && ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
      return ApiError.of(ErrorCode.CONFLICT, "error.conflict");
    }
    if (failure instanceof MongoTimeoutException || (failure instanceof MongoException && !(failure instanceof MongoServerException))) {
      return ApiError.of(ErrorCode.UNAVAILABLE, "error.unavailable");
    }
    if (failure == null) {
      return switch (status) {
        case 400 -> ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request");
        case 401 -> ApiError.unauthorized();
        case 403 -> ApiError.forbidden();
        case 404, 405 -> ApiError.notFound();
        case 413 -> ApiError.of(ErrorCode.TOO_LARGE, "error.too_large");
        case 503 -> ApiError.of(ErrorCode.UNAVAILABLE, "error.unavailable");
        default -> ApiError.of(ErrorCode.INTERNAL, "error.internal");
      };
    }
    if (failure instanceof io.vertx.ext.web.handler.HttpException h) return toApiError(null, h.getStatusCode());
    return ApiError.of(ErrorCode.INTERNAL, "error.internal");
  }

  private static Map<String, String> fields(SchemaValidationException e) {
    Map<String, String> out = new LinkedHashMap<>();
    OutputUnit unit = e.getOutputUnit();
    collect(unit, out);
    if (out.isEmpty()) {
      // A path or query parameter's failure has no location in a body: its name is in the message.
      Matcher p = PARAMETER.matcher(String.valueOf(e.getMessage()));
      out.put(p.find() ? p.group(1) : "body", "invalid");
    }
    return out;
  }

  private static void collect(OutputUnit unit, Map<String, String> out) {
    if (unit == null) return;
    String loc = unit.getInstanceLocation();
    String err = unit.getError();
    if (err != null) {
      Matcher m = REQUIRED.matcher(err);
      if (m.find()) out.putIfAbsent(m.group(1), "required");
      else if (loc != null && loc.length() > 2) out.putIfAbsent(loc.replaceFirst("^#?/", "").replace('/', '.'), "invalid");
    }
    if (unit.getErrors() != null) unit.getErrors().forEach(u -> collect(u, out));
  }
}
