package atelier.auth;

import java.time.Instant;

/** A signed-in session: the browser's cookie and a script's bearer token are both sessions. */
public record Session(String id, String userId, String csrf, Instant expiresAt) {}
