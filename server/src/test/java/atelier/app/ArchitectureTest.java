package atelier.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shape docs/architecture.md describes, kept by the build: packages form no cycle, the domain
 * (services, repositories, values) knows neither HTTP nor sockets, and the realtime platform knows no
 * feature.
 */
@DisplayName("Architecture")
class ArchitectureTest {
  /** Feature packages: their services and values must not know the HTTP or WebSocket edges. */
  private static final String[] FEATURES = {"atelier.auth..", "atelier.chat..", "atelier.space..", "atelier.org..",
      "atelier.theme..", "atelier.notify..", "atelier.files..", "atelier.search..", "atelier.events..", "atelier.store..",
      "atelier.lifecycle..", "atelier.archive..", "atelier.bag..", "atelier.docs..", "atelier.board.."};

  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("atelier");
  }

  @Test
  @DisplayName("no cycle between packages")
  void noPackageCycles() {
    slices().matching("atelier.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  @DisplayName("domain classes import neither atelier.http nor atelier.realtime (only the edges: *Routes, *Module, *Feature, *Frames, Authenticator)")
  void domainKnowsNoEdge() {
    noClasses().that().resideInAnyPackage(FEATURES)
        .and().haveSimpleNameNotEndingWith("Routes").and().haveSimpleNameNotEndingWith("Module")
        .and().haveSimpleNameNotEndingWith("Feature").and().haveSimpleNameNotEndingWith("Frames")
        .and().doNotHaveSimpleName("Authenticator")
        .should().dependOnClassesThat().resideInAnyPackage("atelier.http..", "atelier.realtime..")
        .check(classes);
  }

  @Test
  @DisplayName("no feature imports atelier.realtime: features use the platform API")
  void featuresUseThePlatform() {
    noClasses().that().resideInAnyPackage(FEATURES).should().dependOnClassesThat().resideInAPackage("atelier.realtime..")
        .check(classes);
  }

  @Test
  @DisplayName("the gateway (atelier.realtime) and the platform API know no feature")
  void platformKnowsNoFeature() {
    String[] shared = {"atelier.realtime..", "atelier.platform..", "atelier.auth..", "atelier.errors..", "atelier.http..",
        "atelier.text..", "atelier.cluster.."};
    noClasses().that().resideInAnyPackage("atelier.realtime..", "atelier.platform..")
        .should().dependOnClassesThat(resideInAPackage("atelier..").and(not(resideInAnyPackage(shared))))
        .check(classes);
  }

  @Test
  @DisplayName("errors and text rules are neutral: they import no other atelier package")
  void neutralPackages() {
    noClasses().that().resideInAnyPackage("atelier.errors..", "atelier.text..")
        .should().dependOnClassesThat(resideInAPackage("atelier..").and(not(resideInAnyPackage("atelier.errors..", "atelier.text.."))))
        .check(classes);
  }
}
