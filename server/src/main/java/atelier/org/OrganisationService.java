package atelier.org;

import atelier.auth.Caller;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.text.TextRules;
import atelier.store.StoreErrors;
import atelier.auth.User;
import atelier.auth.UserRepository;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The network's member organisations; only administrators add them. */
public final class OrganisationService {
  /** Accounts read at most, to count people per organisation (the network has hundreds). */
  private static final int MAX_PEOPLE = 100_000;
  private final OrganisationRepository repo;
  private final UserRepository users;

  public OrganisationService(OrganisationRepository repo, UserRepository users) {
    this.repo = repo;
    this.users = users;
  }

  /** How many enabled accounts each organisation has (organisations without any are absent). */
  public Future<Map<String, Long>> memberCounts() {
    return users.search(null, MAX_PEOPLE).map(list -> list.stream()
        .filter(u -> !u.disabled() && u.organisation() != null)
        .collect(Collectors.groupingBy(User::organisation, Collectors.counting())));
  }

  public Future<List<Organisation>> list() {
    return repo.all();
  }

  public Future<Organisation> create(Caller caller, String name) {
    if (!caller.admin()) return Future.failedFuture(ApiError.forbidden());
    TextRules.requireName("name", name);
    return repo.insert(name.trim()).recover(e -> Future.failedFuture(
        StoreErrors.isDuplicateKey(e) ? ApiError.of(ErrorCode.CONFLICT, "error.organisation_taken") : e));
  }
}
