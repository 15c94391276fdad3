package atelier.docs.ot;

/** An operation that is malformed or does not fit the text it is applied to. */
public final class InvalidOperationException extends IllegalArgumentException {
  public InvalidOperationException(String message) {
    super(message);
  }
}
