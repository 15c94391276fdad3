import { locale } from '../i18n';

/** The search panel's texts, French first. */
const fr = {
  label: 'Rechercher dans vos espaces',
  placeholder: 'Rechercher…',
  resultsLabel: 'Résultats de recherche',
  filters: 'Filtres',
  kind: 'Type',
  anyKind: 'Tout',
  kinds: {
    message: 'Messages',
    document: 'Documents',
    card: 'Cartes',
    file: 'Fichiers',
    space: 'Espaces',
  },
  kindOne: {
    message: 'Message',
    document: 'Document',
    card: 'Carte',
    file: 'Fichier',
    space: 'Espace',
  },
  space: 'Espace',
  anySpace: 'Tous mes espaces',
  from: 'Du',
  to: 'Au',
  clearFilters: 'Effacer les filtres',
  searching: 'Recherche…',
  count: (n: number) => (n <= 1 ? `${n} résultat` : `${n} résultats`),
  noResults: (q: string) => `Aucun résultat pour « ${q} ».`,
  helpTitle: 'Quelques pistes :',
  help: [
    'vérifiez l’orthographe, ou essayez un mot plus court ou plus général ;',
    'tous les mots sont cherchés : retirez-en un ;',
    'mettez une expression exacte entre guillemets : "séchoir à bois" ;',
    'la recherche couvre les espaces dont vous êtes membre et les fiches du répertoire : rejoignez un groupe pour chercher dans ses discussions.',
  ],
  failed: 'La recherche n’a pas abouti.',
  channel: (c: string) => `#${c}`,
  inThread: 'dans un fil',
  hint: 'Flèches pour parcourir, Entrée pour ouvrir, Échap pour fermer.',
};

type Texts = typeof fr;

const en: Texts = {
  label: 'Search your spaces',
  placeholder: 'Search…',
  resultsLabel: 'Search results',
  filters: 'Filters',
  kind: 'Type',
  anyKind: 'All',
  kinds: {
    message: 'Messages',
    document: 'Documents',
    card: 'Cards',
    file: 'Files',
    space: 'Spaces',
  },
  kindOne: { message: 'Message', document: 'Document', card: 'Card', file: 'File', space: 'Space' },
  space: 'Space',
  anySpace: 'All my spaces',
  from: 'From',
  to: 'To',
  clearFilters: 'Clear filters',
  searching: 'Searching…',
  count: (n: number) => (n === 1 ? '1 result' : `${n} results`),
  noResults: (q: string) => `No results for “${q}”.`,
  helpTitle: 'A few ideas:',
  help: [
    'check the spelling, or try a shorter or more general word;',
    'every word is searched: remove one;',
    'put an exact phrase in quotes: "wood dryer";',
    'search covers the spaces you belong to and the directory’s cards: join a group to search its discussions.',
  ],
  failed: 'The search failed.',
  channel: (c: string) => `#${c}`,
  inThread: 'in a thread',
  hint: 'Arrows to move, Enter to open, Escape to close.',
};

export function texts(): Texts {
  return locale.value === 'en' ? en : fr;
}
