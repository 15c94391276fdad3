package atelier.docs;

import java.util.Map;
import java.util.Optional;

/** The texts a new document may start from (French: the network works in French first). */
final class Templates {
  private static final Map<String, String> TEXTS =
      Map.of(
          "meeting",
          """
          # Compte rendu de réunion

          **Date :** \s
          **Présents :** \s
          **Absents :** \s
          **Animation :** \s

          ## Ordre du jour

          1. 

          ## Échanges

          ## Décisions

          - 

          ## Actions

          | Action | Responsable | Échéance |
          | --- | --- | --- |
          |  |  |  |

          ## Prochaine rencontre
          """,
          "mandate",
          """
          # Rapport de mandat

          ## Enjeu

          ## Objectifs du mandat

          ## Démarche

          ## Résultats et livrables

          ## Retombées pour les entreprises et le réseau

          ## Recommandations et suites

          ## Centres participants
          """);

  private Templates() {}

  static Optional<String> text(String name) {
    return Optional.ofNullable(TEXTS.get(name));
  }

  static boolean exists(String name) {
    return TEXTS.containsKey(name);
  }
}
