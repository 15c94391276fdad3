package atelier.app;

import atelier.auth.Caller;
import atelier.auth.Session;
import atelier.auth.User;
import atelier.org.Organisation;
import atelier.space.Mandate;
import atelier.space.Role;
import atelier.space.Space;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds an empty store with the network as the article describes it: the four squads, a handful of
 * centres and people, and one active tactical group whose mandate ends in a few weeks. Runs only
 * when the store has no space yet, so {@code --demo} can stay on the command line.
 */
final class DemoData {
  static final String PASSWORD = "atelier-demo";
  private final Services s;

  DemoData(Services services) {
    this.s = services;
  }

  private record Person(String email, String name, String org) {}

  Future<Void> seedIfEmpty() {
    return s.spaces.all().compose(existing -> existing.isEmpty() ? seed() : Future.succeededFuture());
  }

  private Future<Void> seed() {
    List<String> orgNames = List.of(
        "Innofibre", "Centre de métallurgie du Québec", "Biopterre", "Merinov", "Cintech agroalimentaire",
        "Optech", "Centre collégial de transfert en technologies numériques", "Institut des communications graphiques et de l'imprimabilité");
    Map<String, Organisation> orgs = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (String name : orgNames) {
      chain = chain.compose(v -> s.organisations.insert(name).map(o -> {
        orgs.put(name, o);
        return null;
      }));
    }
    List<Person> people = List.of(
        new Person("marie.tremblay@cctt.example", "Marie Tremblay", "Innofibre"),
        new Person("luc.gagnon@cctt.example", "Luc Gagnon", "Optech"),
        new Person("sophie.roy@cctt.example", "Sophie Roy", "Biopterre"),
        new Person("julien.cote@cctt.example", "Julien Côté", "Merinov"),
        new Person("amelie.bouchard@cctt.example", "Amélie Bouchard", "Cintech agroalimentaire"),
        new Person("olivier.lavoie@cctt.example", "Olivier Lavoie", "Centre de métallurgie du Québec"));
    Map<String, User> users = new HashMap<>();
    for (Person p : people) {
      chain = chain.compose(v -> s.auth.createUser(p.email(), p.name(), orgs.get(p.org()).id(), false, PASSWORD)
          .map(u -> {
            users.put(p.email(), u);
            return null;
          }));
    }
    List<Space> squads = new ArrayList<>();
    return chain
        .compose(v -> s.users.byEmail(s.config.adminEmail().isBlank() ? "admin@atelier.local" : s.config.adminEmail()))
        .compose(admin -> admin.isPresent()
            ? Future.succeededFuture(admin.get())
            : s.auth.createUser("admin@atelier.local", "Administrateur", null, true, PASSWORD))
        .compose(admin -> {
          Caller root = new Caller(admin, new Session("demo", admin.id(), "", Instant.MAX), false);
          return squad(root, "Escouade Transition énergétique",
                  "Transition énergétique : outiller les entreprises pour améliorer leur bilan énergétique", squads)
              .compose(v -> squad(root, "Escouade Numérique",
                  "Numérique : productivité et compétitivité des entreprises par des solutions numériques", squads))
              .compose(v -> squad(root, "Escouade Bioalimentaire",
                  "Bioalimentaire : l'innovation de la terre et de la mer jusqu'à l'assiette", squads))
              .compose(v -> squad(root, "Escouade Ressources forestières et produits du bois",
                  "Forêt et bois : développement durable du secteur forestier québécois", squads))
              .compose(v -> member(root, squads.get(0), users.get("marie.tremblay@cctt.example"), Role.COORDINATOR))
              .compose(v -> member(root, squads.get(0), users.get("olivier.lavoie@cctt.example"), Role.MEMBER))
              .compose(v -> member(root, squads.get(1), users.get("luc.gagnon@cctt.example"), Role.COORDINATOR))
              .compose(v -> member(root, squads.get(1), users.get("marie.tremblay@cctt.example"), Role.OBSERVER))
              .compose(v -> member(root, squads.get(2), users.get("amelie.bouchard@cctt.example"), Role.COORDINATOR))
              .compose(v -> member(root, squads.get(2), users.get("julien.cote@cctt.example"), Role.MEMBER))
              .compose(v -> member(root, squads.get(3), users.get("olivier.lavoie@cctt.example"), Role.COORDINATOR))
              .compose(v -> {
                User marie = users.get("marie.tremblay@cctt.example");
                Caller asMarie = new Caller(marie, new Session("demo", marie.id(), "", Instant.MAX), false);
                LocalDate today = LocalDate.now();
                Mandate mandate = new Mandate(
                    "Réduire la consommation énergétique des séchoirs à bois des PME",
                    "Mesurer la consommation de cinq séchoirs pilotes; proposer des correctifs chiffrés.",
                    "Un rapport de diagnostic, un guide de bonnes pratiques et une journée de transfert.",
                    today.minusWeeks(6), today.plusWeeks(4));
                return s.spaceService.proposeTactical(asMarie, "Groupe tactique Séchage efficace du bois", mandate,
                        squads.get(0).id(), "Efficacité énergétique", null)
                    .compose(gt -> s.spaceService.changeState(root, gt.id(), "active", "Mandat approuvé")
                        .compose(x -> member(root, gt, users.get("olivier.lavoie@cctt.example"), Role.MEMBER)));
              });
        })
        .onSuccess(v -> printHowToLogIn());
  }

  private Future<Void> squad(Caller root, String name, String theme, List<Space> out) {
    return s.spaceService.createSquad(root, name, theme).map(sq -> {
      out.add(sq);
      return null;
    });
  }

  private Future<Void> member(Caller root, Space space, User user, Role role) {
    return s.spaceService.putMember(root, space.id(), user.id(), role).mapEmpty();
  }

  private void printHowToLogIn() {
    String admin = s.config.adminEmail().isBlank() ? "admin@atelier.local / " + PASSWORD : s.config.adminEmail() + " / (ATELIER_ADMIN_PASSWORD)";
    System.out.println("""
        Données de démonstration créées / demo data created.
          Administrateur : %s
          Coordonnatrice : marie.tremblay@cctt.example / %s
          Membre         : luc.gagnon@cctt.example / %s
          Sans espace    : sophie.roy@cctt.example / %s
        """.formatted(admin, PASSWORD, PASSWORD, PASSWORD));
  }
}
