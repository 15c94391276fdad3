package atelier.errors;

import java.util.Map;

/**
 * A failure meant for the client: a contract code, a message key looked up in the caller's language,
 * its arguments, and for a 400 the fields at fault. Services fail their futures with it; the single
 * {@code atelier.http.ErrorMapper} writes it (REST) and the gateway turns it into an error frame (WebSocket).
 */
public final class ApiError extends RuntimeException {
  private final ErrorCode code;
  private final String key;
  private final Object[] args;
  private final Map<String, String> fields;
  private final long retryAfterSeconds;

  private ApiError(ErrorCode code, String key, Map<String, String> fields, long retryAfterSeconds, Object... args) {
    super(key, null, false, false);
    this.code = code;
    this.key = key;
    this.args = args;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiError of(ErrorCode code, String key, Object... args) {
    return new ApiError(code, key, Map.of(), 0, args);
  }

  public static ApiError badRequest(String key, Map<String, String> fields) {
    return new ApiError(ErrorCode.BAD_REQUEST, key, fields, 0);
  }

  public static ApiError badField(String field, String problem) {
    return new ApiError(ErrorCode.BAD_REQUEST, "error.bad_request.fields", Map.of(field, problem), 0);
  }

  public static ApiError rateLimited(long retryAfterSeconds) {
    return new ApiError(ErrorCode.RATE_LIMITED, "error.rate_limited", Map.of(), retryAfterSeconds, retryAfterSeconds);
  }

  public static ApiError notFound() {
    return of(ErrorCode.NOT_FOUND, "error.not_found");
  }

  public static ApiError forbidden() {
    return of(ErrorCode.FORBIDDEN, "error.forbidden");
  }

  public static ApiError unauthorized() {
    return of(ErrorCode.UNAUTHORIZED, "error.unauthorized");
  }

  public static ApiError readOnly() {
    return of(ErrorCode.READ_ONLY, "error.read_only");
  }

  public ErrorCode code() {
    return code;
  }

  public String key() {
    return key;
  }

  public Object[] args() {
    return args;
  }

  public Map<String, String> fields() {
    return fields;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
