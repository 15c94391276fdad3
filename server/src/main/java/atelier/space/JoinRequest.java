package atelier.space;

import java.time.Instant;

/** Someone asking to join a space; a coordinator or administrator accepts or declines it. */
public record JoinRequest(String id, String space, String user, String message, String status, Instant createdAt) {
  public static final String PENDING = "pending";
  public static final String ACCEPTED = "accepted";
  public static final String DECLINED = "declined";
}
