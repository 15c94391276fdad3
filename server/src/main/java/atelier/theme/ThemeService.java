package atelier.theme;

import atelier.auth.Caller;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.space.Folding;
import atelier.space.SpaceRepository;
import atelier.store.StoreErrors;
import io.vertx.core.Future;
import java.util.List;

/**
 * The managed list of themes: everyone reads it, administrators add and rename. A rename carries
 * over to the spaces that had the old name, so a theme never splits in two.
 */
public final class ThemeService {
  /** The network's four strategic axes: the list a new network starts with. */
  static final List<String> AXES = List.of("Transition énergétique", "Numérique", "Bioalimentaire",
      "Ressources forestières et produits du bois");

  private final ThemeRepository themes;
  private final SpaceRepository spaces;

  public ThemeService(ThemeRepository themes, SpaceRepository spaces) {
    this.themes = themes;
    this.spaces = spaces;
  }

  /** At start: an empty list gets the four axes (a list administrators emptied stays as they left it). */
  public Future<Void> seed() {
    return themes.count().compose(n -> n > 0 ? Future.succeededFuture()
        : Future.all(AXES.stream().map(name -> themes.insert(name, Folding.fold(name))).toList()).mapEmpty());
  }

  public Future<List<Theme>> list() {
    return themes.all();
  }

  public Future<Theme> create(Caller caller, String name) {
    if (!caller.admin()) return Future.failedFuture(ApiError.forbidden());
    String clean = name.strip();
    return themes.insert(clean, Folding.fold(clean))
        .map(o -> o.orElseThrow(() -> ApiError.of(ErrorCode.CONFLICT, "error.theme_taken")));
  }

  public Future<Theme> rename(Caller caller, String id, String name) {
    if (!caller.admin()) return Future.failedFuture(ApiError.forbidden());
    String clean = name.strip();
    return themes.byId(id).map(o -> o.orElseThrow(ApiError::notFound))
        .compose(old -> themes.rename(id, clean, Folding.fold(clean))
            .recover(e -> Future.failedFuture(StoreErrors.isDuplicateKey(e) ? ApiError.of(ErrorCode.CONFLICT, "error.theme_taken") : e))
            .map(o -> o.orElseThrow(ApiError::notFound))
            .compose(renamed -> spaces.renameTheme(old.name(), renamed.name()).map(renamed)));
  }
}
