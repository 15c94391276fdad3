package atelier.space;

import atelier.auth.Caller;
import atelier.errors.ApiError;

/** What a caller may do in one space: the rule used by every feature (REST and WebSocket alike). */
public record SpaceAccess(Space space, Role role, boolean admin) {
  public boolean canRead() {
    return role != null || admin;
  }

  public boolean coordinates() {
    return role == Role.COORDINATOR || admin;
  }

  /** Throws {@code forbidden} unless the caller may see inside the space. */
  public SpaceAccess requireRead() {
    if (!canRead()) throw ApiError.forbidden();
    return this;
  }

  /** Throws unless the caller may write content: a member or coordinator of a space that is not dormant. */
  public SpaceAccess requireWrite() {
    if (role == null || !role.canWrite()) throw ApiError.forbidden();
    if (space.dormant()) throw ApiError.readOnly();
    return this;
  }

  /** Throws unless the caller coordinates the space (or administers the network). */
  public SpaceAccess requireCoordinator() {
    if (!coordinates()) throw ApiError.forbidden();
    if (space.dormant() && !admin) throw ApiError.readOnly();
    return this;
  }

  /**
   * Throws unless the caller coordinates the space and the space is not dormant, administrators
   * included: for what is content rather than membership (channels), which a dormant space keeps as
   * it was.
   */
  public SpaceAccess requireCoordinatorWrite() {
    if (!coordinates()) throw ApiError.forbidden();
    if (space.dormant()) throw ApiError.readOnly();
    return this;
  }

  public static SpaceAccess of(Space space, Role role, Caller caller) {
    return new SpaceAccess(space, role, caller.admin());
  }
}
