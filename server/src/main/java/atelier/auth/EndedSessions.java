package atelier.auth;

import io.vertx.core.json.JsonObject;

/**
 * Sessions that stopped working: one session (sign-out), every session of a person (account
 * disabled), or all but one (password changed from that one). Published on the event bus at
 * {@link #ADDRESS} after the store no longer holds them, so every node can close the WebSockets that
 * were opened with them; the auth package knows no sockets.
 */
public record EndedSessions(String user, String session, String except) {
  public static final String ADDRESS = "atelier.sessions.ended";

  public static EndedSessions one(String user, String session) {
    return new EndedSessions(user, session, null);
  }

  public static EndedSessions all(String user) {
    return new EndedSessions(user, null, null);
  }

  public static EndedSessions allBut(String user, String keep) {
    return new EndedSessions(user, null, keep);
  }

  /** Whether a session of {@link #user} is among the ended ones. */
  public boolean covers(String sessionId) {
    if (session != null) return session.equals(sessionId);
    return except == null || !except.equals(sessionId);
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("user", user);
    if (session != null) o.put("session", session);
    if (except != null) o.put("except", except);
    return o;
  }

  public static EndedSessions fromJson(JsonObject o) {
    return new EndedSessions(o.getString("user"), o.getString("session"), o.getString("except"));
  }
}
