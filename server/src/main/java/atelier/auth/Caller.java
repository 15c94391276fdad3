package atelier.auth;

/** Who is making a request, and how: a cookie-authenticated caller must pass the CSRF check. */
public record Caller(User user, Session session, boolean viaCookie) {
  public String id() {
    return user.id();
  }

  public boolean admin() {
    return user.admin();
  }
}
