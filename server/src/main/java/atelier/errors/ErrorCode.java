package atelier.errors;

/** The error codes of the contract (PROTOCOL.md, Errors) with their HTTP status. */
public enum ErrorCode {
  BAD_REQUEST("bad_request", 400),
  UNAUTHORIZED("unauthorized", 401),
  FORBIDDEN("forbidden", 403),
  /** Extension: a session opened with a temporary password may only choose a new one. */
  PASSWORD_CHANGE_REQUIRED("password_change_required", 403),
  NOT_FOUND("not_found", 404),
  CONFLICT("conflict", 409),
  READ_ONLY("read_only", 409),
  TOO_LARGE("too_large", 413),
  RATE_LIMITED("rate_limited", 429),
  UNAVAILABLE("unavailable", 503),
  INTERNAL("internal", 500);

  public final String code;
  public final int status;

  ErrorCode(String code, int status) {
    this.code = code;
    this.status = status;
  }
}
