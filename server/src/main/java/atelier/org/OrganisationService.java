package atelier.org;

import atelier.auth.Caller;
import atelier.http.ApiError;
import atelier.http.ErrorCode;
import atelier.http.TextRules;
import atelier.store.StoreErrors;
import io.vertx.core.Future;
import java.util.List;

/** The network's member organisations; only administrators add them. */
public final class OrganisationService {
  private final OrganisationRepository repo;

  public OrganisationService(OrganisationRepository repo) {
    this.repo = repo;
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
